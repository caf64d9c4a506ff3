import CJixiaoDeflate
import Foundation
import JixiaoTestSupport
import JixiaoZIP
import Testing
import ZIPFoundation

/// The same spreadsheet must be the same bytes in every build, on every machine.
/// ISA-L, which compressed them before, gave other bytes on a processor without
/// SSE4.2 (its level 1 even by where in memory its stream was); CJixiaoDeflate's
/// own encoder depends on its input alone. These tests also check that what it
/// writes is DEFLATE that a reader gives back byte for byte.
@Suite struct DeflateDeterminismTests {
    /// Rows of a scores sheet: long repeats at many distances, numbers and Chinese text.
    static func sheet(rows: Int) -> [UInt8] {
        var sheet = "<sheetData>"
        for row in 1...rows {
            sheet += "<row r=\"\(row)\"><c r=\"A\(row)\" t=\"s\"><v>\(row % 37)</v></c><c r=\"B\(row)\"><v>\(row * 7 % 100).5</v></c>"
                + "<c r=\"C\(row)\" t=\"inlineStr\"><is><t>每次扣0.5分 × \(row % 5)次</t></is></c></row>"
        }
        sheet += "</sheetData><mergeCells count=\"1\"><mergeCell ref=\"A1:K1\"/></mergeCells>"
            + "<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/></worksheet>"
        return Array(sheet.utf8)
    }

    /// Bytes that do not repeat: literals only, in blocks of their own.
    static func noise(_ count: Int, seed: UInt64) -> [UInt8] {
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { _ in UInt8(truncatingIfNeeded: generator.next() >> 24) }
    }

    /// Inputs that reach each part of the encoder: nothing, one byte, a run of one
    /// byte (matches at distance 1 of the longest length), noise (a block of
    /// literals, then another), noise repeated within the window (found after a long
    /// run of literals, where the search skips ahead) and beyond it, a sheet larger
    /// than the stream's buffer (its window moved while matches reach across), and text.
    static func inputs() -> [(name: String, bytes: [UInt8])] {
        let noise = noise(100_000, seed: 7)
        return [
            ("empty", []),
            ("one byte", [0x41]),
            ("run", [UInt8](repeating: 0x20, count: 70_000)),
            ("noise", noise),
            ("noise repeated", Array(noise.prefix(20_000)) + Array(noise.prefix(20_000))),
            ("noise repeated far", noise + noise + Array(noise.prefix(40_000))),
            ("sheet", sheet(rows: 12_000)),
            ("text", Array(String(repeating: "绩效考评结果公示，", count: 5_000).utf8)),
        ]
    }

    /// The input as a ZIP entry written in pieces of `piece` bytes (all at once when nil).
    static func zip(_ input: [UInt8], piece: Int?) throws -> Data {
        var writer = ZIPWriter()
        try writer.add("entry") { entry in
            guard let piece else { return try entry.write(input) }
            for start in stride(from: 0, to: input.count, by: piece) {
                try entry.write(Array(input[start ..< min(start + piece, input.count)]))
            }
        }
        return try writer.data()
    }

    /// The input as a ZIP entry made of segments compressed on their own.
    static func zip(_ input: [UInt8], segments: Int) throws -> Data {
        let size = max(1, (input.count + segments - 1) / segments)
        let pieces = try stride(from: 0, to: max(input.count, 1), by: size).map { start in
            let end = min(start + size, input.count)
            return try DeflatedSegment(compressing: Array(input[start ..< end]), last: end == input.count)
        }
        var writer = ZIPWriter()
        try writer.add("entry", segments: pieces)
        return try writer.data()
    }

    /// The entry as a ZIP reader gives it back (ZIPFoundation, through zlib's
    /// inflate, checking the CRC).
    static func unzip(_ data: Data) throws -> [UInt8] {
        let archive = try Archive(data: data, accessMode: .read)
        let entry = try #require(archive["entry"])
        var bytes: [UInt8] = []
        _ = try archive.extract(entry) { bytes += $0 }
        return bytes
    }

    @Test func aReaderGivesBackEveryInput() throws {
        for (name, input) in Self.inputs() {
            for (form, zipped) in [("a stream", try Self.zip(input, piece: nil)), ("three segments", try Self.zip(input, segments: 3))] {
                do {
                    #expect(try Self.unzip(zipped) == input, "\(name), \(form)")
                } catch {
                    Issue.record("\(name), \(form): \(error)")
                }
            }
        }
    }

    /// Mixtures of noise, runs, copies from up to 40 KB back and sheet rows, of
    /// random lengths (a fixed seed): each read back whole, streamed in random pieces
    /// (the bytes of the whole) and in segments.
    @Test func mixturesRoundTrip() throws {
        var generator = SeededGenerator(seed: 0x9E37_79B9_7F4A_7C15)
        func next(_ bound: Int) -> Int { generator.below(bound) }
        let row = Array("<row r=\"1\"><c t=\"s\"><v>12</v></c></row>".utf8)
        for round in 0..<40 {
            var input: [UInt8] = []
            let target = next(round % 8 == 0 ? 400_000 : 60_000)
            while input.count < target {
                let length = 1 + next(2_000)
                switch next(4) {
                case 0: input += (0..<length).map { _ in UInt8(truncatingIfNeeded: next(256)) }
                case 1: input += [UInt8](repeating: UInt8(truncatingIfNeeded: next(256)), count: length)
                case 2 where !input.isEmpty:
                    let distance = 1 + next(min(input.count, 40_000))
                    for _ in 0..<length { input.append(input[input.count - distance]) }
                default: input += (0..<length).map { row[$0 % row.count] }
                }
            }
            let whole = try Self.zip(input, piece: nil)
            #expect(try Self.unzip(whole) == input, "round \(round), \(input.count) bytes")
            #expect(try Self.zip(input, piece: 1 + next(90_000)) == whole, "round \(round) in pieces")
            #expect(try Self.unzip(Self.zip(input, segments: 1 + next(5))) == input, "round \(round) in segments")
        }
    }

    @Test func theBytesDoNotDependOnHowTheInputIsHandedOver() throws {
        for (name, input) in Self.inputs() {
            let whole = try Self.zip(input, piece: nil)
            for piece in [1, 7, 4_099, 300_001] where input.count <= 200_000 || piece > 1_000 {
                #expect(try Self.zip(input, piece: piece) == whole, "\(name) in pieces of \(piece)")
            }
        }
    }

    @Test func segmentsDoNotDependOnWhereTheirStreamIs() throws {
        let sheet = Self.sheet(rows: 400)
        for index in 0..<48 {
            let length = 60 + index * 61 % 2_900
            let start = index == 0 ? sheet.count - length : index * 7_919 % (sheet.count - length)
            let input = Array(sheet[start ..< start + length])
            for last in [false, true] {
                var first: Data?
                var spacers: [UnsafeMutableRawPointer] = []
                defer { spacers.forEach { free($0) } }
                for round in 0..<20 {
                    // Memory taken before each segment moves what the C code allocates.
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

    /// The bytes themselves (their CRC-32 and count), as written when the test was made: a
    /// machine whose build gives other bytes (another processor, another compiler)
    /// fails here, and so does a change to the encoder that changes its output
    /// (then these are written anew, knowing every site's spreadsheets change).
    @Test func theBytesAreTheSameOnEveryMachine() throws {
        var crc: UInt = 0, length = 0
        for (_, input) in Self.inputs() {
            for zipped in [try Self.zip(input, piece: nil), try Self.zip(input, segments: 3)] {
                crc = zipped.withUnsafeBytes { jixiao_crc32(crc, $0.baseAddress, $0.count) }
                length += zipped.count
            }
        }
        #expect("\(String(crc, radix: 16)) \(length)" == "3e750915 1216960")
    }
}
