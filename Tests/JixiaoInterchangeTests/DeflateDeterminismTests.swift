import Foundation
import Testing
@testable import JixiaoInterchange

/// The same spreadsheet must be the same bytes in every build. ISA-L's level 1
/// chose some matches by where in memory its stream happened to be (the example
/// site's scores.xlsx differed in 4 builds of 280; 54 of 800 small inputs came out
/// differently at different addresses), so the level the sheets use must not.
@Suite struct DeflateDeterminismTests {
    /// Pieces of a sheet of the sizes a segment's head, rows and tail have.
    static func inputs() -> [[UInt8]] {
        var sheet = "<sheetData>"
        for row in 1...400 {
            sheet += "<row r=\"\(row)\"><c r=\"A\(row)\" t=\"s\"><v>\(row % 37)</v></c><c r=\"B\(row)\"><v>\(row * 7 % 100).5</v></c>"
                + "<c r=\"C\(row)\" t=\"inlineStr\"><is><t>每次扣0.5分 × \(row % 5)次</t></is></c></row>"
        }
        sheet += "</sheetData><mergeCells count=\"1\"><mergeCell ref=\"A1:K1\"/></mergeCells>"
            + "<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/></worksheet>"
        let bytes = Array(sheet.utf8)
        return (0..<48).map { index in
            let length = 60 + index * 61 % 2_900
            let start = index == 0 ? bytes.count - length : index * 7_919 % (bytes.count - length)
            return Array(bytes[start ..< start + length])
        }
    }

    @Test func segmentsDoNotDependOnWhereTheirStreamIs() throws {
        for input in Self.inputs() {
            for last in [false, true] {
                var first: Data?
                var spacers: [UnsafeMutableRawPointer] = []
                defer { spacers.forEach { free($0) } }
                for round in 0..<120 {
                    // Memory taken before each segment moves the stream the C code allocates.
                    spacers.append(malloc(48 * (round % 41 + 1) + 4_096 * (round % 13))!)
                    let segment = try DeflatedSegment(compressing: input, last: last).compressed
                    if let first {
                        #expect(segment == first, "input of \(input.count) bytes, last: \(last), round \(round)")
                        if segment != first { return }
                    } else {
                        first = segment
                    }
                }
            }
        }
    }
}
