import CJixiaoSHA256
import Foundation
import JixiaoCore
import JixiaoTestSupport
import Testing
import ZIPFoundation
@testable import JixiaoArchive

@Suite("SHA-256")
struct SHA256Tests {
    /// The compression function `SHA256.hex` uses (the SHA extensions where the
    /// processor has them), or the portable one, which every other processor uses.
    static func blocks(portable: Bool) -> (UnsafeMutablePointer<UInt32>, UnsafePointer<UInt8>, Int) -> Void {
        portable ? jixiao_sha256_blocks_portable : jixiao_sha256_blocks
    }

    static func hex(_ data: Data, _ blocks: (UnsafeMutablePointer<UInt32>, UnsafePointer<UInt8>, Int) -> Void) -> String {
        SHA256.digest(data, blocks: blocks).map { String(format: "%02x", $0) }.joined()
    }

    @Test("standard test vectors, on both paths and through hex", arguments: [false, true])
    func vectors(portable: Bool) {
        let blocks = Self.blocks(portable: portable)
        let vectors: [(Data, String)] = [
            (Data(), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            (Data("abc".utf8), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            (Data("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8),
             "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
            (Data(repeating: UInt8(ascii: "a"), count: 1_000), "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3"),
            (Data(repeating: UInt8(ascii: "a"), count: 1_000_000), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"),
        ]
        for (data, digest) in vectors {
            #expect(Self.hex(data, blocks) == digest, "portable: \(portable), \(data.count) bytes")
            #expect(SHA256.hex(data) == digest)
        }
    }

    @Test("both paths agree on every length around the block and padding boundaries, and on unaligned data")
    func pathsAgree() {
        var generator = SeededGenerator(seed: 256)
        let bytes = (0..<5_000).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        for length in Array(0...200) + [447, 448, 449, 511, 512, 513, 4_093] {
            for start in [0, 1, 3] {
                let data = Data(bytes[start..<start + length])
                #expect(Self.hex(data, jixiao_sha256_blocks) == Self.hex(data, jixiao_sha256_blocks_portable),
                        "\(length) bytes from \(start)")
            }
        }
    }
}

@Suite("Archives of one evaluation")
struct ArchiveTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func temporary(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("jixiao-archive-\(UUID().uuidString)-\(name)")
    }

    @Test("the same content gives a byte-identical zip whose manifest verifies")
    func deterministicAndVerifiable() throws {
        let first = try EvaluationArchive.make(root: Self.repository, evaluation: "2019-guangxi-grain").data
        let second = try EvaluationArchive.make(root: Self.repository, evaluation: "2019-guangxi-grain").data
        #expect(first == second)
        let url = Self.temporary("a.zip")
        defer { try? FileManager.default.removeItem(at: url) }
        try first.write(to: url)
        let report = ArchiveVerifier.verify(url)
        #expect(report.isIntact, "\(report.lines)")
        #expect(report.evaluation == "2019-guangxi-grain")
        #expect(report.checked > 14)
    }

    @Test("unzipped anywhere, the pages link only to files inside the archive")
    func selfContained() throws {
        let data = try EvaluationArchive.make(root: Self.repository, evaluation: "2019-neimenggu").data
        let archive = try Archive(data: data, accessMode: .read)
        let paths = Set(archive.map(\.path))
        #expect(paths.contains("jixiao-2019-neimenggu/index.html"))
        #expect(paths.contains("jixiao-2019-neimenggu/2019-neimenggu/ranking.html"))
        #expect(paths.contains("jixiao-2019-neimenggu/assets/style.css"))
        #expect(!paths.contains { $0.contains("2019-guangxi-grain") })
        let outside = try ArchiveScopeTests.linksOutside(data)
        #expect(outside.isEmpty, "\(outside)")
    }

    @Test("the Guangxi archive compares with 2018 without linking out of the zip")
    func comparedYearStaysOutside() throws {
        let made = try EvaluationArchive.make(root: Self.repository, evaluation: "2019-guangxi-grain")
        #expect(try ArchiveScopeTests.linksOutside(made.data).isEmpty)
        #expect(made.linksLeaving.isEmpty)
        let ranking = try ArchiveScopeTests.text(of: "jixiao-2019-guangxi-grain/2019-guangxi-grain/ranking.html", in: made.data)
        #expect(ranking.contains("“较上年”一栏与2018年度设区市绩效考评粮食安全指标考核（示例年度）的名次比较"))
        let report = try ArchiveScopeTests.text(of: "jixiao-2019-guangxi-grain/2019-guangxi-grain/report.html", in: made.data)
        #expect(report.contains("2018年名次"), "the year-change table, from the year before scored for it")
    }

    @Test("every entry is a file dated 2000-01-01 00:00 with mode 644, whenever it is made")
    func fixedDatesAndModes() throws {
        let data = try EvaluationArchive.make(root: Self.repository, evaluation: "2019-neimenggu").data
        let archive = try Archive(data: data, accessMode: .read)
        // ZIP's dates have no time zone; ZIPFoundation reads them as local times.
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .current
        let expected = try #require(calendar.date(from: DateComponents(year: 2000, month: 1, day: 1)))
        var count = 0
        for entry in archive {
            count += 1
            #expect(entry.type == .file, "\(entry.path)")
            #expect(entry.fileAttributes[.modificationDate] as? Date == expected, "\(entry.path)")
            #expect((entry.fileAttributes[.posixPermissions] as? NSNumber)?.intValue == 0o644, "\(entry.path)")
        }
        #expect(count > 14)
    }

    /// `a/b/../c` → `a/c`, without touching the disk.
    static func normalize(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            if part == ".." { if !parts.isEmpty { parts.removeLast() } } else if part != "." { parts.append(part) }
        }
        return parts.joined(separator: "/")
    }

    @Test("verify names missing, extra and altered files")
    func detectsTampering() throws {
        let data = try EvaluationArchive.make(root: Self.repository, evaluation: "2019-neimenggu").data
        let url = Self.temporary("b.zip")
        defer { try? FileManager.default.removeItem(at: url) }
        try data.write(to: url)
        let archive = try Archive(url: url, accessMode: .update)
        let ranking = try #require(archive["jixiao-2019-neimenggu/2019-neimenggu/ranking.json"])
        try archive.remove(ranking)
        let altered = Data("[]".utf8)
        try archive.addEntry(with: "jixiao-2019-neimenggu/2019-neimenggu/ranking.json", type: .file,
                             uncompressedSize: Int64(altered.count)) { (position: Int64, size: Int) in altered.subdata(in: Int(position)..<Int(position) + size) }
        let scores = try #require(archive["jixiao-2019-neimenggu/2019-neimenggu/scores.csv"])
        try archive.remove(scores)
        let extra = Data("x".utf8)
        try archive.addEntry(with: "jixiao-2019-neimenggu/extra.txt", type: .file,
                             uncompressedSize: 1) { (position: Int64, size: Int) in extra.subdata(in: Int(position)..<Int(position) + size) }
        let report = ArchiveVerifier.verify(url)
        #expect(!report.isIntact)
        #expect(report.altered == ["2019-neimenggu/ranking.json"])
        #expect(report.missing == ["2019-neimenggu/scores.csv"])
        #expect(report.extra == ["extra.txt"])
    }

    @Test("a file that is not a zip is reported, not crashed on")
    func notAZip() throws {
        let url = Self.temporary("c.zip")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data("not a zip".utf8).write(to: url)
        let report = ArchiveVerifier.verify(url)
        #expect(!report.isIntact)
        #expect(!report.problems.isEmpty)
    }
}
