import Foundation
import JixiaoCore
import JixiaoSite
import Testing
@testable import JixiaoServe

/// jixiao serve end to end, on 127.0.0.1 with a free port; every wait is bounded.
@Suite("jixiao serve", .serialized, .timeLimit(.minutes(1)))
struct PreviewServerTests {
    /// How long a change may take to reach an open page (watch, debounce, rebuild, event).
    static let reloadBound: TimeInterval = 5

    static func newSite() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("jixiao-serve-\(UUID().uuidString)")
        _ = try SiteScaffold.create(at: root, year: 2024)
        return root
    }

    static func edit(_ root: URL, _ path: String, _ change: (String) -> String) throws {
        let url = root.appendingPathComponent(path)
        let text = try String(contentsOf: url, encoding: .utf8)
        try Data(change(text).utf8).write(to: url)
    }

    @Test("serves pages with the reload script, pushes a reload after an edit, then serves the new content")
    func editReloads() async throws {
        let root = try Self.newSite()
        defer { try? FileManager.default.removeItem(at: root) }
        let server = try PreviewServer(options: SiteBuilder.Options(root: root), port: 0)
        let port = try await server.start()
        defer { Task { await server.stop() } }

        let first = try await LoopbackClient.get("/about.html", port: port)
        #expect(first.status == 200)
        #expect(first.body.contains("关于本站"))
        #expect(first.body.contains("data-jixiao-live-reload"))
        #expect(first.body.contains("var v=\"1\""))
        let home = try await LoopbackClient.get("/", port: port)
        #expect(home.status == 200 && home.body.contains("绩效管理信息公开"))
        #expect(try await LoopbackClient.get("/no-such-page.html", port: port).status == 404)

        let events = try LoopbackClient.events(port: port)
        #expect(await events.wait(for: "data: 1\n", until: Date().addingTimeInterval(Self.reloadBound)))

        let start = Date()
        try Self.edit(root, "content/pages/about.md") { $0.replacingOccurrences(of: "title: 关于本站", with: "title: 关于本网站（已修改）") }
        #expect(await events.wait(for: "data: 2\n", until: start.addingTimeInterval(Self.reloadBound)),
                "no reload event within \(Self.reloadBound) s")
        let latency = Date().timeIntervalSince(start)
        print("serve: edit → reload event in \(String(format: "%.0f", latency * 1000)) ms")

        let second = try await LoopbackClient.get("/about.html", port: port)
        #expect(second.status == 200)
        #expect(second.body.contains("关于本网站（已修改）"))
        #expect(second.body.contains("var v=\"2\""))
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("site").path), "serve must not write site/")
        await server.stop()
    }

    @Test("a YAML error shows the error page with file and line; fixing it restores the page")
    func brokenYAMLShowsErrors() async throws {
        let root = try Self.newSite()
        defer { try? FileManager.default.removeItem(at: root) }
        let server = try PreviewServer(options: SiteBuilder.Options(root: root), port: 0)
        let port = try await server.start()
        defer { Task { await server.stop() } }
        let events = try LoopbackClient.events(port: port)
        #expect(await events.wait(for: "data: 1\n", until: Date().addingTimeInterval(Self.reloadBound)))
        let page = "/2024-sample/index.html"
        let good = try await LoopbackClient.get(page, port: port)
        #expect(good.status == 200)

        let path = "content/2024-sample/evaluation.yaml"
        let original = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
        try Self.edit(root, path) { $0.replacingOccurrences(of: "year: 2024", with: "year: [2024") }
        #expect(await events.wait(for: "data: 2\n", until: Date().addingTimeInterval(Self.reloadBound)))
        let broken = try await LoopbackClient.get(page, port: port)
        #expect(broken.status == 500)
        #expect(broken.body.contains("构建失败"))
        #expect(broken.body.contains("content/2024-sample/evaluation.yaml:"))
        #expect(broken.body.contains("YAML 语法错误"))
        #expect(broken.body.contains("data-jixiao-live-reload"), "the error page must reload itself when fixed")
        // Assets still come from the last good build.
        #expect(try await LoopbackClient.get("/assets/style.css", port: port).status == 200)

        try Data(original.utf8).write(to: root.appendingPathComponent(path))
        #expect(await events.wait(for: "data: 3\n", until: Date().addingTimeInterval(Self.reloadBound)))
        let fixed = try await LoopbackClient.get(page, port: port)
        #expect(fixed.status == 200)
        #expect(fixed.body == good.body.replacingOccurrences(of: "var v=\"1\"", with: "var v=\"3\""))
        await server.stop()
    }

    @Test("jixiao build output, and serve's folder on disk, never contain the live-reload script")
    func buildHasNoScript() async throws {
        let root = try Self.newSite()
        defer { try? FileManager.default.removeItem(at: root) }
        let (files, _) = try SiteBuilder.make(SiteBuilder.Options(root: root))
        #expect(files.pageCount > 5)
        for (path, contents) in files.files {
            if case .data(let data) = contents {
                #expect(!String(decoding: data, as: UTF8.self).contains("jixiao-live-reload"), "\(path)")
                #expect(!String(decoding: data, as: UTF8.self).contains("__jixiao/events"), "\(path)")
            }
        }
        // serve adds the script when it answers, not to the files it builds.
        let server = try PreviewServer(options: SiteBuilder.Options(root: root), port: 0)
        _ = try await server.start()
        await server.stop()
        let folder = PreviewFolder(root: root).site
        let pages = try FileManager.default.subpathsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".html") }
        #expect(pages.count == files.pageCount)
        for page in pages {
            let text = try String(contentsOf: folder.appendingPathComponent(page), encoding: .utf8)
            #expect(!text.contains("jixiao-live-reload") && !text.contains("__jixiao/events"), "\(page)")
        }
    }

    @Test("the watcher reports one change for a save written in several steps, and sees new subfolders")
    func watcherDebounces() async throws {
        let root = try Self.newSite()
        defer { try? FileManager.default.removeItem(at: root) }
        let calls = Counter()
        let watcher = FileWatcher(root: root, folders: ["content", "themes"], quietPeriod: .milliseconds(150)) { paths in
            calls.add(paths)
        }
        try watcher.start()
        defer { watcher.stop() }
        try await Task.sleep(for: .milliseconds(200))
        // One save, the way many editors do it: truncate, write, write again.
        let file = root.appendingPathComponent("content/pages/about.md")
        let handle = try FileHandle(forWritingTo: file)
        try handle.truncate(atOffset: 0)
        try handle.write(contentsOf: Data("---\ntitle: 甲\n".utf8))
        try handle.write(contentsOf: Data("---\n正文\n".utf8))
        try handle.close()
        try await Task.sleep(for: .milliseconds(800))
        #expect(calls.count == 1)
        #expect(calls.paths.contains("content/pages/about.md"))

        // A folder created after the start is watched too.
        let folder = root.appendingPathComponent("content/2025-new/notices")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try await Task.sleep(for: .milliseconds(500))
        try Data("x".utf8).write(to: folder.appendingPathComponent("a.md"))
        try await Task.sleep(for: .milliseconds(800))
        #expect(calls.paths.contains("content/2025-new/notices/a.md"))
    }
}

/// Collects watcher callbacks across threads.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var calls: [Set<String>] = []

    func add(_ paths: Set<String>) { lock.withLock { calls.append(paths) } }
    var count: Int { lock.withLock { calls.count } }
    var paths: Set<String> { lock.withLock { calls.reduce(into: []) { $0.formUnion($1) } } }
}
