import Foundation
import JixiaoCore
import Testing
@testable import JixiaoSite

@Suite struct StagingFolderTests {
    /// A full disk fails every file of a build with the same error: it is reported
    /// once, and the files after it are not tried.
    @Test func afterAFileThatCannotBeWrittenTheOthersAreNotTried() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("jixiao-staging-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let staging = try StagingFolder(for: root.appendingPathComponent("site"))
        // A file where the next one needs a folder: its folder cannot be made.
        try staging.put("a", .data(Data("文件".utf8)))
        var reported: [[Diagnostic]] = []
        for path in ["a/b.html", "c.html", "d/e.html"] {
            do throws(DiagnosticsError) {
                try staging.put(path, .data(Data("<p>页</p>".utf8)))
                reported.append([])
            } catch {
                reported.append(error.diagnostics)
            }
        }
        #expect(reported.map(\.count) == [1, 0, 0], "\(reported)")
        #expect(reported[0].first?.severity == .error)
        #expect(reported[0].first?.message.contains("写入网站文件失败") == true)
        #expect(FileManager.default.fileExists(atPath: staging.staging.appendingPathComponent("a").path))
        #expect(!FileManager.default.fileExists(atPath: staging.staging.appendingPathComponent("c.html").path))
        #expect(!FileManager.default.fileExists(atPath: staging.staging.appendingPathComponent("d").path))
    }
}
