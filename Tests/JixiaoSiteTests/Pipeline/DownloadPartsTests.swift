import Foundation
import JixiaoBytes
import JixiaoCore
import Testing
@testable import JixiaoSite

/// Downloads made unit by unit (scores.csv, scores.xlsx): an incremental build
/// makes only the parts of the units whose scores changed and copies the rest
/// from the previous file, and still gives the bytes of a clean build.
@Suite("Downloads made unit by unit")
struct DownloadPartsTests {
    typealias Incremental = IncrementalBuildTests

    /// "slug total" per unit, made unit by unit; `made` counts the units each build made.
    static func unitsFormat(_ made: Incremental.MadeCounter) -> DownloadFormat {
        DownloadFormat(fileName: "units.txt", title: "各单位") { result in
            units(result, keys: nil, previous: nil, made: nil).data
        }.madeByUnit { result, keys, previous in
            units(result, keys: keys, previous: previous, made: made)
        }
    }

    static func units(_ result: EvaluationResult, keys: [String]?, previous: PreviousDownload?,
                      made: Incremental.MadeCounter?) -> (data: Data, parts: [DownloadPart]) {
        var bytes = ByteBuffer(capacity: 16)
        bytes.append("单位\t总分\n")
        var parts: [DownloadPart] = []
        for (index, unit) in result.units.enumerated() {
            let start = bytes.count
            if let key = keys?[index], let kept = previous?.part(key) {
                kept.copy(to: &bytes)
                parts.append(kept.moved(to: start))
                continue
            }
            made?.add(unit.unit.slug)
            bytes.append("\(unit.unit.slug)\t\(unit.total)\n")
            if let key = keys?[index] {
                parts.append(bytes.withUnsafeBytes { DownloadPart(key: key, offset: start, bytes: UnsafeBufferPointer(rebasing: $0[start...])) })
            }
        }
        return (bytes.data(), parts)
    }

    @Test("an edit makes only the changed unit's part; damaged parts or indexes are made again; always a clean build's bytes")
    func onlyChangedUnits() throws {
        let site = try Incremental.site()
        defer { site.remove() }
        let made = Incremental.MadeCounter()
        let formats = [Self.unitsFormat(made)]
        func build(_ step: String) throws { try Incremental.buildBoth(site, step, extraDownloads: formats) }
        try build("first build")
        // buildBoth checks from the cache, then builds with it (and once without, which makes
        // the file whole). The first check has nothing to take and makes no extra download;
        // later ones make the parts the incremental build makes, so each counts twice.
        #expect(made.take() == ["alpha": 2, "beta": 2, "gamma": 2], "every unit of both years, once each")
        let index = site.root.appendingPathComponent(".jixiao-cache/downloads/2020-test%2Funits.txt")
        #expect(FileManager.default.fileExists(atPath: index.path))
        #expect(FileManager.default.fileExists(atPath: site.root.appendingPathComponent(".jixiao-cache/downloads/2020-test%2Fscores.csv").path))

        // beta's total changes (5 → 4.5), the ranks stay: beta's part alone is made.
        try Incremental.editResults(site, "2020-test", "beta,B,5,,2,缺报2期", "beta,B,5,,3,缺报3期")
        try build("beta's total")
        #expect(made.take() == ["beta": 2])
        #expect(try site.read("2020-test/units.txt").contains("beta\t4.5"))

        // An index that is not the one written for the file: nothing is copied.
        let text = try String(contentsOf: index, encoding: .utf8)
        try text.replacingOccurrences(of: "jixiao-download-parts 1\t", with: "jixiao-download-parts 1\tx").write(to: index, atomically: true, encoding: .utf8)
        try Incremental.editResults(site, "2020-test", "beta,B,5,,2,缺报2期", "beta,B,5,,4,缺报4期")
        try build("foreign index")
        #expect(made.take() == ["alpha": 2, "beta": 2, "gamma": 2])

        // The previous file changed by hand, keeping its size: the changed part is made again.
        let file = site.output.appendingPathComponent("2020-test/units.txt")
        let written = try String(contentsOf: file, encoding: .utf8)
        try written.replacingOccurrences(of: "alpha", with: "ALPHA").write(to: file, atomically: false, encoding: .utf8)
        try Incremental.editResults(site, "2020-test", "beta,B,5,,2,缺报2期", "beta,B,5,,1,缺报1期")
        try build("a part changed by hand")
        #expect(made.take() == ["alpha": 2, "beta": 2])
        #expect(try site.read("2020-test/units.txt").contains("alpha\t"))

        // An evaluation removed: its indexes go with it.
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("content/2021-test"))
        try build("2021 removed")
        let names = try FileManager.default.contentsOfDirectory(atPath: index.deletingLastPathComponent().path).sorted()
        #expect(names == ["2020-test%2Fscores.csv", "2020-test%2Funits.txt"])
    }

    @Test("an index comes back as it was written, and only for the file it was written for")
    func indexRoundTrip() throws {
        let file = Array("头\nalpha 1\nbeta 2\n".utf8)
        let parts = [DownloadPart(key: "k1", offset: 4, bytes: file[4..<12], detail: "1 2,3"),
                     DownloadPart(key: "k2", offset: 12, bytes: file[12...])]
        let bytes = DownloadPartIndex.bytes(parts, fingerprint: "abc/")
        let read = try #require(DownloadPartIndex.parts(bytes, fingerprint: "abc/"))
        #expect(read == ["k1": parts[0], "k2": parts[1]])
        #expect(DownloadPartIndex.parts(bytes, fingerprint: "abd/") == nil)
        #expect(DownloadPartIndex.parts(Array(bytes.dropLast()), fingerprint: "abc/") == nil, "cut")
        let broken = String(decoding: bytes, as: UTF8.self)
        #expect(DownloadPartIndex.parts(Array(broken.replacingOccurrences(of: "\t4\t", with: "\tfour\t").utf8), fingerprint: "abc/") == nil)
        #expect(DownloadPartIndex.parts(Array(broken.replacingOccurrences(of: "\t4\t", with: "\t4\t\t").utf8), fingerprint: "abc/") == nil)
        #expect(DownloadPartIndex.parts(Array(broken.replacingOccurrences(of: "\t4\t", with: "\t\t").utf8), fingerprint: "abc/") == nil)

        let previous = PreviousDownload(file: Data(file), parts: parts)
        #expect(previous.part("k1").map { String(decoding: $0.bytes, as: UTF8.self) } == "alpha 1\n")
        #expect(previous.part("k1")?.detail == "1 2,3")
        #expect(previous.part("k1")?.moved(to: 40) == DownloadPart(key: "k1", offset: 40, bytes: file[4..<12], detail: "1 2,3"))
        #expect(previous.part("k3") == nil)
        var changed = file
        changed[5] = UInt8(ascii: "L")
        #expect(PreviousDownload(file: Data(changed), parts: parts).part("k1") == nil, "bytes changed since")
        #expect(PreviousDownload(file: Data(changed), parts: parts).part("k2") != nil)
        #expect(PreviousDownload(file: Data(file.prefix(14)), parts: parts).part("k2") == nil, "beyond the file")
    }
}
