import Foundation
import JixiaoCore
import Testing
@testable import JixiaoInterchange

@Suite struct ReadingTests {
    @Test func cellTypesAreReadExactly() throws {
        let grid = try Fixtures.grid("celltypes.xlsx", sheet: "数据")
        #expect(grid.cell(0, 0) == .text("评分标准 "))           // rich-text runs joined, space kept
        #expect(grid.cell(0, 1) == .text("晋江"))                // phonetic guide dropped
        #expect(grid.cell(0, 2) == .text("行内文字"))             // inline rich string
        #expect(grid.cell(1, 0) == .number(Decimal(string: "0.1")!, text: "0.1"))
        #expect(grid.cell(1, 1).text == "0.001")
        #expect(grid.cell(1, 2).text == "0.3")                  // 15 significant digits, as Excel shows
        #expect(grid.cell(1, 3).text == "2.5")
        #expect(grid.cell(1, 4).text == "-12")
        #expect(grid.cell(2, 0) == .boolean(true))
        #expect(grid.cell(2, 1) == .boolean(false))
        #expect(grid.cell(2, 2) == .error("#DIV/0!"))
        #expect(grid.cell(2, 3) == .text("公式结果"))
        #expect(grid.cell(2, 4).text == "0.2")
        #expect(grid.cell(3, 0).text == "2019-08-22")
        #expect(grid.cell(3, 1).text == "2019-08-22")            // custom 年月日 format
        #expect(grid.cell(3, 2).text == "2019-08-22 12:00:00")
        #expect(grid.shownCell(6, 2) == .text("第六行"))          // merged B6:C7
        #expect(grid.isMergeContinuation(6, 2) && !grid.isMergeContinuation(5, 1))
        #expect(grid.location(5, 1).description == "celltypes.xlsx:数据!B6")
        // The first sheet by default, the second by index.
        #expect(try Fixtures.grid("celltypes.xlsx").cell(0, 0) == .text("封面"))
        #expect(try Fixtures.grid("celltypes.xlsx", sheet: "2").sheet == "数据")
    }

    @Test func exactNumbersNeverGoThroughDouble() {
        #expect(ExactNumber.parse("0.1")?.1 == "0.1")
        #expect(ExactNumber.parse("2.5E+2")?.1 == "250")
        #expect(ExactNumber.parse("1.23E-4")?.1 == "0.000123")
        #expect(ExactNumber.parse("99.999999999999999")?.1 == "100")
        #expect(ExactNumber.parse("0.30000000000000004")?.0 == Decimal(string: "0.3"))
        #expect(ExactNumber.parse("abc") == nil)
    }

    @Test func missingSheetIsLocated() throws {
        let diagnostics = Fixtures.diagnostics { () throws(DiagnosticsError) in
            _ = try SpreadsheetInput.read(url: Fixtures.url("celltypes.xlsx"), displayName: nil, sheet: "考核表")
        }
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.location.file == "celltypes.xlsx")
        #expect(diagnostics.first?.message == "工作簿中没有名为“考核表”的工作表")
        #expect(diagnostics.first?.hint?.contains("“封面”、“数据”") == true)
    }

    @Test func truncatedZipIsAnError() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let data = try Data(contentsOf: Fixtures.url("seed004-kaopingbiao.xlsx"))
        let url = folder.url.appendingPathComponent("坏文件.xlsx")
        try data.prefix(data.count / 2).write(to: url)
        let diagnostics = Fixtures.diagnostics { () throws(DiagnosticsError) in _ = try SpreadsheetInput.read(url: url, displayName: nil) }
        #expect(diagnostics.map(\.location.file) == ["坏文件.xlsx"])
        #expect(diagnostics.first?.message.contains("不是有效的 XLSX 文件") == true)
    }

    @Test func csvInGB18030AndWithBOMReadTheSame() throws {
        let text = "县市管局绩效管理指标考核表,,\n一级指标,分值,评分标准\n商事登记制度改革,2,\"未组织的，扣1分\"\n"
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let gb = folder.url.appendingPathComponent("gb.csv")
        let bom = folder.url.appendingPathComponent("bom.csv")
        try #require(text.data(using: CSVGrid.gb18030)).write(to: gb)
        try (Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8)).write(to: bom)
        let fromGB = try SpreadsheetInput.gridForTest(gb)
        let fromBOM = try SpreadsheetInput.gridForTest(bom)
        #expect(fromGB.rows == fromBOM.rows)
        #expect(fromGB.cell(2, 2) == .text("未组织的，扣1分"))
        #expect(fromGB.location(2, 1).description == "gb.csv:3:2")
        // Forcing the wrong encoding is an error, not mojibake.
        let forced = Fixtures.diagnostics { () throws(DiagnosticsError) in _ = try SpreadsheetInput.read(url: gb, displayName: nil, encoding: .utf8) }
        #expect(forced.first?.message == "文件不是有效的 UTF-8 编码")
    }

    @Test func csvRowsOfUnequalWidthAndOpenQuotesGiveTheirLine() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("short.csv", "一级指标,分值,评分标准\nA,1,x\nB,2\n")
        try folder.write("quote.csv", "一级指标,分值,评分标准\nA,1,x\nB,2,\"未闭合\n")
        let short = Fixtures.diagnostics { () throws(DiagnosticsError) in
            _ = try SpreadsheetInput.read(url: folder.url.appendingPathComponent("short.csv"), displayName: nil)
        }
        #expect(short.map(\.location.line) == [3])
        #expect(short.first?.message.contains("第 3 行") == true)
        let quote = Fixtures.diagnostics { () throws(DiagnosticsError) in
            _ = try SpreadsheetInput.read(url: folder.url.appendingPathComponent("quote.csv"), displayName: nil)
        }
        #expect(quote.map(\.location.line) == [3])
        #expect(quote.first?.message.contains("引号没有闭合") == true)
    }
}

extension SpreadsheetInput {
    static func gridForTest(_ url: URL, sheet: String? = nil, encoding: CSVGrid.Encoding? = nil) throws -> SheetGrid {
        do throws(DiagnosticsError) {
            return try read(url: url, displayName: nil, sheet: sheet, encoding: encoding)
        } catch {
            throw TestFailure(error.description)
        }
    }
}
