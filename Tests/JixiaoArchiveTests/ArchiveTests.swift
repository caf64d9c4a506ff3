import Foundation
import JixiaoCore
import Testing
import ZIPFoundation
@testable import JixiaoArchive

@Suite("SHA-256")
struct SHA256Tests {
    @Test("standard test vectors")
    func vectors() {
        #expect(SHA256.hex(Data()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Data("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex(Data("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hex(Data(repeating: UInt8(ascii: "a"), count: 1_000)) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
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
        let first = try EvaluationArchive.make(root: Self.repository, evaluation: "2019-guangxi-grain")
        let second = try EvaluationArchive.make(root: Self.repository, evaluation: "2019-guangxi-grain")
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
        let data = try EvaluationArchive.make(root: Self.repository, evaluation: "2019-neimenggu")
        let archive = try Archive(data: data, accessMode: .read)
        let paths = Set(archive.map(\.path))
        #expect(paths.contains("jixiao-2019-neimenggu/index.html"))
        #expect(paths.contains("jixiao-2019-neimenggu/2019-neimenggu/ranking.html"))
        #expect(paths.contains("jixiao-2019-neimenggu/assets/style.css"))
        #expect(!paths.contains { $0.contains("2019-guangxi-grain") })
        for entry in archive where entry.path.hasSuffix(".html") {
            var html = Data()
            _ = try archive.extract(entry) { html.append($0) }
            let text = String(decoding: html, as: UTF8.self)
            let folder = (entry.path as NSString).deletingLastPathComponent
            for match in text.matches(of: /href="([^"#]+)/) {
                let target = String(match.1)
                if target.hasPrefix("mailto:") { continue }
                let resolved = Self.normalize(folder + "/" + target)
                #expect(paths.contains(resolved), "\(entry.path) links to missing \(target)")
            }
        }
    }

    @Test("every entry is a file dated 2000-01-01 00:00 with mode 644, whenever it is made")
    func fixedDatesAndModes() throws {
        let data = try EvaluationArchive.make(root: Self.repository, evaluation: "2019-neimenggu")
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
        let data = try EvaluationArchive.make(root: Self.repository, evaluation: "2019-neimenggu")
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
