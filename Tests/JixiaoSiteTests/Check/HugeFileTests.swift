import Foundation
import JixiaoCore
import Testing
@testable import JixiaoSite

/// A 100 MB content file is refused by its size before it is read, so a build
/// stays fast and small whatever lands in content/.
@Suite("Huge content files")
struct HugeFileTests {
    @Test("a 100 MB results file is a located error within seconds", .timeLimit(.minutes(1)))
    func hundredMegabytes() throws {
        let root = try BadInput.copyBase()
        defer { try? FileManager.default.removeItem(at: root) }
        let path = root.appendingPathComponent("content/2020-test/results.csv")
        #expect(FileManager.default.createFile(atPath: path.path, contents: nil))
        let handle = try FileHandle(forWritingTo: path)
        let row = Data(String(repeating: "alpha,A,4,true,,\n", count: 6_000).utf8) // ~100 KB
        for _ in 0..<1_000 { handle.write(row) }
        try handle.close()
        let size = try #require(try FileManager.default.attributesOfItem(atPath: path.path)[.size] as? Int)
        #expect(size >= 100_000_000)
        let start = Date()
        let diagnostics = BadInput.check(root)
        #expect(Date().timeIntervalSince(start) < 10)
        let hit = try #require(diagnostics.first { $0.message.contains("文件过大") })
        #expect(hit.location.file == "content/2020-test/results.csv")
        #expect(hit.severity == .error)
    }
}
