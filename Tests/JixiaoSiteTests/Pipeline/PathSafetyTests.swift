import Foundation
import JixiaoCore
import Testing
@testable import JixiaoSite

@Suite("Paths that escape the content folder")
struct PathSafetyTests {
    @Test("an attachment path with ../ or an absolute path is rejected at its line")
    func attachmentEscapes() throws {
        for bad in ["../../etc/passwd", "/etc/passwd", "attachments/../../secret.txt"] {
            var files = TestSite.minimal
            files["content/2020-test/plan.md"] = "---\ntitle: 方案\nattachments:\n  - { title: 附件, file: \"\(bad)\" }\n---\n正文\n"
            let site = try TestSite(files)
            defer { site.remove() }
            let error = try #require(throws: DiagnosticsError.self) { try site.build() }
            let hit = try #require(error.diagnostics.first { $0.message.contains("指向考核文件夹之外") }, "\(bad)")
            #expect(hit.location.file == "content/2020-test/plan.md")
            #expect(hit.location.line == 4)
        }
    }

    @Test("a folder's names as readdir gives them: those Foundation lists, links told apart")
    func folderNames() throws {
        let site = try TestSite(TestSite.minimal)
        defer { site.remove() }
        let folder = site.root.appendingPathComponent("content/2020-test")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("子文件夹"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("链接.md").path, withDestinationPath: "/etc/hostname")
        try Data().write(to: folder.appendingPathComponent(".隐藏"))
        let entries = try FolderNames.entries(folder.path)
        #expect(entries.map(\.name).sorted() == (try FileManager.default.contentsOfDirectory(atPath: folder.path)).sorted())
        #expect(entries.contains { $0.name == "链接.md" && $0.mayBeLink })
        #expect(entries.contains { $0.name == "evaluation.yaml" })
        // The inode an entry gives is the file's own (what the staging folder compares, see StagingFolder).
        for entry in entries {
            var status = stat()
            #expect(lstat(folder.appendingPathComponent(entry.name).path, &status) == 0)
            #expect(entry.inode == UInt64(status.st_ino), "\(entry.name)")
        }
        #expect(try FolderNames.read(folder.path).sorted() == entries.map(\.name).sorted())
        #expect(throws: (any Error).self) { try FolderNames.read(folder.appendingPathComponent("没有").path) }
    }

    @Test("a symbolic link that leads outside content/ is refused, one inside is followed")
    func symlinks() throws {
        let site = try TestSite(TestSite.minimal)
        defer { site.remove() }
        let outside = site.root.appendingPathComponent("secret.txt")
        try Data("机密".utf8).write(to: outside)
        try FileManager.default.createDirectory(at: site.root.appendingPathComponent("content/2020-test/attachments"),
                                                withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: site.root.appendingPathComponent("content/2020-test/attachments/leak.txt").path,
                                                   withDestinationPath: outside.path)
        let error = try #require(throws: DiagnosticsError.self) { try site.build() }
        #expect(error.diagnostics.contains { $0.location.file == "content/2020-test/attachments/leak.txt" && $0.message.contains("符号链接") })
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("content/2020-test/attachments/leak.txt"))
        try Data("公开附件".utf8).write(to: site.root.appendingPathComponent("content/2020-test/attachments/real.txt"))
        try FileManager.default.createSymbolicLink(atPath: site.root.appendingPathComponent("content/2020-test/attachments/alias.txt").path,
                                                   withDestinationPath: "real.txt")
        _ = try site.build()
        #expect(try site.read("2020-test/attachments/alias.txt") == "公开附件")
    }
}
