import Foundation
import JixiaoCore
import Testing
@testable import JixiaoSite

private func csv(_ text: String) throws(DiagnosticsError) -> [SourceValue] {
    try CSVSource.parse(data: Data(text.utf8), file: "r.csv")
}

@Suite struct CSVSourceTests {
    @Test func rowsWithLocations() throws {
        let rows = try csv("unit,indicator,score,reason\nnanning,A1,,\nliuzhou,A2,0.5,缺报\n")
        #expect(rows.count == 2)
        #expect(rows[0]["unit"]?.node == .scalar("nanning", quoted: false))
        #expect(rows[0]["score"]?.isNull == true)
        #expect(rows[0]["reason"]?.isNull == true)
        #expect(rows[1]["reason"]?.text == "缺报")
        #expect(position(rows[0]) == "2:0")
        #expect(position(rows[1]["score"]) == "3:3")
        #expect(position(rows[1].entry("reason")?.keyLocation) == "3:4")
        #expect(rows[1].entries?.map(\.key) == ["unit", "indicator", "score", "reason"])
    }

    @Test func quotedNewlinesAdvanceLines() throws {
        let rows = try csv("unit,reason\r\na,\"第一行\r\n第二行\"\r\nb,\"x\"\"y\"\r\n\r\nc,\"1\n2\n3\"\nd,z")
        #expect(rows.map { $0["unit"]?.text } == ["a", "b", "c", "d"])
        #expect(rows.map(\.location.line) == [2, 4, 6, 9])
        #expect(rows[0]["reason"]?.text == "第一行\r\n第二行")
        #expect(rows[1]["reason"]?.text == "x\"y")
    }

    @Test func bomAndTrimming() throws {
        let rows = try CSVSource.parse(data: Data([0xEF, 0xBB, 0xBF]) + Data(" unit , score \na , 1 \n".utf8), file: "r.csv")
        #expect(rows.first?["unit"]?.text == "a")
        #expect(rows.first?["score"]?.text == "1")
    }

    @Test func spacesAroundCellsButNotInsideQuotes() throws {
        let rows = try csv("unit,reason,score\n\u{3000}a\t, \" 保留 , 空格 \" ,\t1\u{3000}\rb,\"\"\"引\"\"\",2")
        #expect(rows.map { $0["unit"]?.text } == ["a", "b"])
        #expect(rows[0]["reason"]?.text == " 保留 , 空格 ")
        #expect(rows[0]["score"]?.text == "1")
        #expect(rows[1]["reason"]?.text == "\"引\"")
        #expect(rows.map(\.location.line) == [2, 3])
    }

    @Test func gb18030() throws {
        // "单位,原因\nnanning,缺报😀\n" in GB18030, with a 4-byte sequence.
        let bytes: [UInt8] = [0xB5, 0xA5, 0xCE, 0xBB, 0x2C, 0xD4, 0xAD, 0xD2, 0xF2, 0x0A,
                              0x6E, 0x61, 0x6E, 0x6E, 0x69, 0x6E, 0x67, 0x2C, 0xC8, 0xB1, 0xB1, 0xA8,
                              0x94, 0x39, 0xFC, 0x36, 0x0A]
        let rows = try CSVSource.parse(data: Data(bytes), file: "r.csv")
        #expect(rows.count == 1)
        #expect(rows[0]["单位"]?.text == "nanning")
        #expect(rows[0]["原因"]?.text == "缺报😀")
    }

    @Test func undecodableBytes() {
        let diagnostics = sourceDiagnostics { try CSVSource.parse(data: Data([0x61, 0x0A, 0xFF, 0xFF, 0xFF]), file: "r.csv") }
        #expect(diagnostics.first?.message.contains("GB18030") == true)
        let utf16 = sourceDiagnostics { try CSVSource.parse(data: Data([0xFF, 0xFE, 0x61, 0x00]), file: "r.csv") }
        #expect(utf16.first?.message.contains("UTF-16") == true)
    }

    @Test func raggedRows() {
        let diagnostics = sourceDiagnostics { try csv("unit,indicator,score\na,A1,1\nb,A2\nc,A3,1,extra\nd,A4,1,\n") }
        #expect(diagnostics.count == 2)
        #expect(position(diagnostics[0].location) == "3:0")
        #expect(diagnostics[0].message.contains("第 2 条数据"))
        #expect(position(diagnostics[1].location) == "4:4")
    }

    @Test func unterminatedQuote() {
        let diagnostics = sourceDiagnostics { try csv("unit,reason\na,ok\nb,\"未闭合\nc,x\n") }
        #expect(position(diagnostics.first?.location) == "3:0")
        #expect(diagnostics.first?.message.contains("引号") == true)
    }

    @Test func textAfterClosingQuote() {
        let diagnostics = sourceDiagnostics { try csv("unit,reason\na,\"x\"y\n") }
        #expect(diagnostics.first?.location.line == 2)
    }

    @Test func duplicateAndEmptyHeaders() {
        let duplicate = sourceDiagnostics { try csv("unit,score,unit\na,1,b\n") }
        #expect(position(duplicate.first?.location) == "1:3")
        let empty = sourceDiagnostics { try csv("unit,,score\na,1,b\n") }
        #expect(position(empty.first?.location) == "1:2")
    }

    @Test func trailingEmptyColumnsAndRowsAreIgnored() throws {
        let rows = try csv("unit,score,,\na,1,,\n,,,\n\nb,2\n")
        #expect(rows.map { $0["unit"]?.text } == ["a", "b"])
        #expect(rows[1].location.line == 5)
        #expect(rows[0].entries?.count == 2)
    }

    @Test func emptyFile() {
        let diagnostics = sourceDiagnostics { try csv("") }
        #expect(diagnostics.first?.message.contains("空") == true)
        let blank = sourceDiagnostics { try csv("\n\n") }
        #expect(!blank.isEmpty)
        let headerOnly = sourceDiagnostics { try csv("unit,score\n") }
        #expect(headerOnly.isEmpty)
    }
}

@Suite struct CSVSpaceTests {
    /// Every character `CharacterSet.whitespaces` holds is trimmed around a cell, and nothing else.
    @Test func trimsExactlyFoundationsSpaces() throws {
        for value in 0...0xFFFF {
            guard let scalar = Unicode.Scalar(value), !["\n", "\r", ",", "\""].contains(scalar) else { continue }
            let isSpace = CharacterSet.whitespaces.contains(scalar)
            guard isSpace || value < 0x80 || (0x2000...0x2100).contains(value) || value == 0x3000 || value == 0x3001 else { continue }
            let rows = try CSVSource.parse(data: Data("a\n\(scalar)x\(scalar)\n".utf8), file: "r.csv")
            #expect(rows.first?["a"]?.text == (isSpace ? "x" : "\(scalar)x\(scalar)"), "U+\(String(value, radix: 16))")
        }
    }
}
