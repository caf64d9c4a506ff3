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

/// A large table is read in pieces on every core (`forEachRow(text:file:into:_:)`):
/// the pieces, taken in turn, must give exactly what one pass gives.
@Suite struct CSVPiecesTests {
    /// Over a megabyte of rows with every kind of line break, blank rows and a unit's rows far apart.
    static func largeTable(badRowAt badRow: Int? = nil) -> String {
        var text = "unit,indicator,score,reason\r\n"
        let breaks = ["\n", "\r\n", "\r"]
        for row in 0..<30_000 {
            let unit = "u\(row % 700)"
            text += row == badRow ? "\(unit),A\(row)" : "\(unit), A\(row / 700) ,\(row % 7),第\(row)行　扣分原因"
            text += breaks[row % 3]
            if row % 997 == 0 { text += ",,,\n" }
        }
        return text
    }

    /// Each piece's rows as their mappings.
    static func inPieces(_ text: String) throws(DiagnosticsError) -> [[SourceValue]] {
        try CSVSource.forEachRow(text: text, file: "r.csv", into: { (header: $0, rows: [SourceValue]()) }) { part, row in
            part.rows.append(part.header.mapping(of: row))
        }.map(\.rows)
    }

    @Test func piecesGiveTheRowsOfOnePass() throws {
        let text = Self.largeTable()
        #expect(text.utf8.count > 1 << 20)
        let pieces = try Self.inPieces(text)
        #expect(pieces.count == ProcessInfo.processInfo.activeProcessorCount * CSVSource.piecesPerCore)
        let whole = try CSVSource.parse(text: text, file: "r.csv")
        #expect(whole.count == 30_000)
        #expect(pieces.flatMap { $0 } == whole)
        #expect(whole.last?.location.line == 30_032)
    }

    /// results.csv's cells are checked for placeholders without their mapping:
    /// the warnings must be those of checking the mapping, places included.
    @Test func cellsAreCheckedAsTheirMapping() throws {
        let text = "unit,indicator,score,reason\n某某局,A1,  ,待补充\nu2,A2,1,\"第一行\n××市的待填\"\nu3,A3,2,202X年 TODO\n"
        let parts = try CSVSource.forEachRow(text: text, file: "r.csv", into: { (header: $0, fromCells: [Diagnostic](),
                                                                             fromMapping: [Diagnostic]()) }) { part, row in
            PlaceholderCheck.checkCells(of: row, in: part.header, diagnostics: &part.fromCells)
            PlaceholderCheck.checkValue(part.header.mapping(of: row), diagnostics: &part.fromMapping)
        }
        let fromCells = parts.flatMap(\.fromCells), fromMapping = parts.flatMap(\.fromMapping)
        #expect(fromCells.count == 4, "\(fromCells)")
        #expect(fromCells.map(\.message) == fromMapping.map(\.message))
        #expect(fromCells.map(\.location) == fromMapping.map(\.location))
        #expect(fromCells.map { "\($0.location.line):\($0.location.column)" } == ["2:1", "2:4", "3:4", "5:4"])
    }

    @Test func errorsAreThoseOfOnePass() {
        let text = Self.largeTable(badRowAt: 20_000)
        let whole = sourceDiagnostics { try CSVSource.parse(text: text, file: "r.csv") }
        let pieces = sourceDiagnostics { try Self.inPieces(text) }
        #expect(whole.count == 1)
        #expect(whole.first?.message.contains("第 20022 条数据（第 20023 行）") == true, "\(whole)")
        #expect(pieces.map(\.message) == whole.map(\.message))
        #expect(pieces.map(\.location) == whole.map(\.location))
    }

    @Test func aQuoteKeepsOnePass() throws {
        let text = Self.largeTable() + "u1,A1,1,\"引号\n内换行\"\n"
        let pieces = try Self.inPieces(text)
        #expect(pieces.count == 1)
        #expect(pieces[0] == (try CSVSource.parse(text: text, file: "r.csv")))
    }

    /// What a result holds, its places in a fixed order.
    static func summary(_ result: IndicatorResult) -> String {
        "\(result.indicatorID) \(result.location) \(String(describing: result.score)) \(result.reasons) "
            + result.keyLocations.sorted { $0.key < $1.key }.map { "\($0.key)@\($0.value)" }.joined(separator: ",")
    }

    /// A unit's rows in several pieces, one indicator given in two of them: the
    /// results and the duplicate's error are those of adding every row in turn.
    @Test func tablesInPiecesMergeAsOne() throws {
        var text = Self.largeTable()
        text += "u5, A0 ,3,重复的一行\n"
        let columns = ["unit", "indicator", "score", "reason"]
        var oneTable = ResultsReader.TableResults(columns: columns, file: "r.csv")
        var oneDiagnostics: [Diagnostic] = []
        try CSVSource.forEachRow(text: text, file: "r.csv") { row in
            oneTable.add(columns.map { row[$0]?.text ?? "" }, line: row.location.line, diagnostics: &oneDiagnostics)
        }
        var merged = ResultsReader.TableResults(columns: columns, file: "r.csv")
        var mergedDiagnostics: [Diagnostic] = []
        let pieces = try CSVSource.forEachRow(text: text, file: "r.csv", into: { (table: ResultsReader.TableResults(columns: $0.names, file: $0.file),
                                                                               found: [Diagnostic]()) }) { part, row in
            part.table.add(row.cells, line: row.line, diagnostics: &part.found)
        }
        #expect(pieces.count > 1)
        for piece in pieces {
            mergedDiagnostics += piece.found
            merged.append(piece.table, diagnostics: &mergedDiagnostics)
        }
        #expect(!oneDiagnostics.isEmpty)
        #expect(mergedDiagnostics.map(\.message) == oneDiagnostics.map(\.message))
        #expect(mergedDiagnostics.map(\.location) == oneDiagnostics.map(\.location))
        #expect(merged.byUnit.count == 700)
        for (unit, results) in oneTable.byUnit {
            let other = merged.byUnit[unit]
            #expect(other?.location == results.location)
            #expect(other?.scores.map(\.indicatorID) == results.scores.map(\.indicatorID))
            #expect(other?.scores.map(Self.summary) == results.scores.map(Self.summary))
        }
    }
}
