import Foundation
import JixiaoCore
import JixiaoSite
import Testing
@testable import JixiaoServe

/// serve builds incrementally into its own folder under .jixiao-cache/serve and
/// answers from there; every wait is bounded.
@Suite("jixiao serve, incremental", .serialized, .timeLimit(.minutes(1)))
struct IncrementalServeTests {
    static let bound: TimeInterval = 5
    static let ranking = "/2024-sample/ranking.html"
    static let results = "content/2024-sample/results.csv"

    static func inode(_ url: URL) throws -> Int {
        try #require((try FileManager.default.attributesOfItem(atPath: url.path)[.systemFileNumber] as? NSNumber)?.intValue)
    }

    /// The inode of every page in `folder`, by path.
    static func pageInodes(_ folder: URL) throws -> [String: Int] {
        var inodes: [String: Int] = [:]
        for path in try FileManager.default.subpathsOfDirectory(atPath: folder.path) where path.hasSuffix(".html") {
            inodes[path] = try inode(folder.appendingPathComponent(path))
        }
        return inodes
    }

    @Test("an edited results row is served after the rebuild; unchanged files are kept, site/ is left alone")
    func editRebuildsIncrementally() async throws {
        let root = try PreviewServerTests.newSite()
        defer { try? FileManager.default.removeItem(at: root) }
        // The user's own build output, which serve must not touch.
        let userSite = root.appendingPathComponent("site")
        try FileManager.default.createDirectory(at: userSite, withIntermediateDirectories: true)
        let marker = userSite.appendingPathComponent("marker.txt")
        try Data("用户的网站".utf8).write(to: marker)
        let markerInode = try Self.inode(marker)

        let events = Events()
        let server = try PreviewServer(options: SiteBuilder.Options(root: root), port: 0, report: events.add)
        let port = try await server.start()
        defer { Task { await server.stop() } }
        let folder = PreviewFolder(root: root)
        #expect(server.options.output == folder.site && server.options.cache == folder.cache)
        let first = try #require(events.report(version: 1))
        #expect(first.reused == 0)
        #expect(first.pages > 5)

        let before = try await LoopbackClient.get(Self.ranking, port: port)
        #expect(before.status == 200 && before.body.contains("92.00"))
        let about = folder.site.appendingPathComponent("about.html")
        let ranking = folder.site.appendingPathComponent("2024-sample/ranking.html")
        let (aboutInode, rankingInode) = (try Self.inode(about), try Self.inode(ranking))

        try PreviewServerTests.edit(root, Self.results) {
            $0.replacingOccurrences(of: "second,A1,,36,完成率90%,0.9,", with: "second,A1,,36,完成率90%,0.5,")
        }
        // Requests during the rebuild see the old site or the new one, never a gap.
        var during = 0
        let deadline = Date().addingTimeInterval(Self.bound)
        while events.report(version: 2) == nil, Date() < deadline {
            let page = try await LoopbackClient.get(Self.ranking, port: port)
            #expect(page.status == 200 && (page.body.contains("92.00") || page.body.contains("76.00")))
            during += 1
        }
        let second = try #require(events.report(version: 2), "no rebuild within \(Self.bound) s")
        print("serve: \(during) requests answered while rebuilding; rebuild \(String(format: "%.3f", second.seconds)) s")
        #expect(second.reused > 0 && second.reused < second.files)
        #expect(second.carriedEvaluations == 0)

        let after = try await LoopbackClient.get(Self.ranking, port: port)
        #expect(after.status == 200)
        #expect(after.body.contains("76.00") && !after.body.contains("92.00"))
        #expect(after.body.contains("var v=\"2\""))
        // The unchanged page is the same file, linked from the previous build; the edited one is new.
        #expect(try Self.inode(about) == aboutInode)
        #expect(try Self.inode(ranking) != rankingInode)

        #expect(try FileManager.default.contentsOfDirectory(atPath: userSite.path) == ["marker.txt"])
        #expect(try Self.inode(marker) == markerInode)
        #expect(try Data(contentsOf: marker) == Data("用户的网站".utf8))
        await server.stop()
    }

    @Test("restarting on an unchanged site keeps every file; without a site/ none is created")
    func restartKeepsEverything() async throws {
        let root = try PreviewServerTests.newSite()
        defer { try? FileManager.default.removeItem(at: root) }
        let events = Events()
        let first = try PreviewServer(options: SiteBuilder.Options(root: root), port: 0, report: events.add)
        _ = try await first.start()
        await first.stop()
        let fresh = try #require(events.report(version: 1))
        #expect(fresh.reused == 0)
        let pages = try Self.pageInodes(PreviewFolder(root: root).site)
        #expect(pages.count == fresh.pages)

        let again = Events()
        let second = try PreviewServer(options: SiteBuilder.Options(root: root), port: 0, report: again.add)
        let port = try await second.start()
        defer { Task { await second.stop() } }
        let restarted = try #require(again.report(version: 1))
        #expect(restarted.files == fresh.files)
        // Every file is kept: pages, downloads and the theme's assets.
        #expect(restarted.reused == restarted.files)
        #expect(try Self.pageInodes(PreviewFolder(root: root).site) == pages)
        #expect(restarted.carriedEvaluations == 1)
        #expect(try await LoopbackClient.get(Self.ranking, port: port).body.contains("92.00"))
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("site").path))
        await second.stop()
    }

    @Test("a folder is held until given up: the next claim takes the next folder, then the first again")
    func claimsHoldFolders() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("jixiao-claim-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let first = try PreviewFolder.claim(root: root)
        let second = try PreviewFolder.claim(root: root)
        #expect(first.slot == 1 && second.slot == 2)
        #expect(first.site == PreviewFolder(root: root).site)
        #expect(second.site.path.hasSuffix("/.jixiao-cache/serve/2/site") && second.cache.path.hasSuffix("/serve/2/cache"))
        first.release()
        let again = try PreviewFolder.claim(root: root)
        #expect(again.slot == 1)
        #expect(try PreviewFolder.claim(root: root).slot == 3) // a value not kept gives its folder up at once
        #expect(try PreviewFolder.claim(root: root).slot == 3)
        again.release()
        second.release()
    }

    @Test("two serves of one site at once build in folders of their own: neither answers with the other's pages")
    func twoServesKeepApart() async throws {
        let root = try PreviewServerTests.newSite()
        defer { try? FileManager.default.removeItem(at: root) }
        // A second theme, told apart by a word in every page.
        let themes = root.appendingPathComponent("themes")
        let repositoryTheme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("themes/default")
        try FileManager.default.createDirectory(at: themes, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: repositoryTheme, to: themes.appendingPathComponent("marked"))
        try PreviewServerTests.edit(root, "themes/marked/templates/base.mustache") {
            $0.replacingOccurrences(of: "</body>", with: "<p>MARKEDTHEME</p></body>")
        }
        let plain = try PreviewServer(options: SiteBuilder.Options(root: root), port: 0)
        let plainPort = try await plain.start()
        let marked = try PreviewServer(options: SiteBuilder.Options(root: root, theme: "marked"), port: 0)
        let markedPort = try await marked.start()
        #expect(plain.folder.slot == 1 && marked.folder.slot == 2)
        // Before folders were held, the second build replaced the first serve's pages.
        #expect(!(try await LoopbackClient.get("/about.html", port: plainPort).body.contains("MARKEDTHEME")))
        #expect(try await LoopbackClient.get("/about.html", port: markedPort).body.contains("MARKEDTHEME"))
        #expect(try await LoopbackClient.get(Self.ranking, port: plainPort).body.contains("92.00"))

        // Stopped, a serve gives its folder up: the next one builds there again.
        await plain.stop()
        let restarted = try PreviewServer(options: SiteBuilder.Options(root: root), port: 0)
        let restartedPort = try await restarted.start()
        #expect(restarted.folder.slot == 1)
        #expect(!(try await LoopbackClient.get("/about.html", port: restartedPort).body.contains("MARKEDTHEME")))
        await restarted.stop()
        await marked.stop()
    }

    @Test("a failed build leaves the last good files in place: assets served, pages show the errors")
    func failedBuildKeepsFiles() async throws {
        let root = try PreviewServerTests.newSite()
        defer { try? FileManager.default.removeItem(at: root) }
        let events = Events()
        let server = try PreviewServer(options: SiteBuilder.Options(root: root), port: 0, report: events.add)
        let port = try await server.start()
        defer { Task { await server.stop() } }
        let folder = PreviewFolder(root: root)
        let style = folder.site.appendingPathComponent("assets/style.css")
        let styleInode = try Self.inode(style)
        let css = try await LoopbackClient.get("/assets/style.css", port: port)
        #expect(css.status == 200 && !css.body.isEmpty)

        try PreviewServerTests.edit(root, Self.results) { $0.replacingOccurrences(of: "second,A1,", with: "nobody,A1,") }
        let deadline = Date().addingTimeInterval(Self.bound)
        while events.count < 2, Date() < deadline { try await Task.sleep(for: .milliseconds(50)) }
        guard case .failed(let version, let errors, let changed)? = events.last else {
            Issue.record("no failed build within \(Self.bound) s: \(String(describing: events.last))")
            return
        }
        #expect(version == 2 && !errors.isEmpty)
        #expect(changed == [Self.results])

        #expect(try Self.inode(style) == styleInode, "the last good files stay")
        let asset = try await LoopbackClient.get("/assets/style.css", port: port)
        #expect(asset.status == 200 && asset.body == css.body)
        let page = try await LoopbackClient.get(Self.ranking, port: port)
        #expect(page.status == 500)
        #expect(page.body.contains("构建失败") && page.body.contains(Self.results))
        #expect(!page.body.contains("92.00"))
        #expect(try await LoopbackClient.get("/no-such.css", port: port).status == 500)
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("site").path))
        await server.stop()
    }

    @Test("requests that lead out of the folder are refused")
    func refusesEscapingRequests() async throws {
        let root = try PreviewServerTests.newSite()
        defer { try? FileManager.default.removeItem(at: root) }
        try Data("TOP-SECRET".utf8).write(to: root.appendingPathComponent("secret.txt"))
        let server = try PreviewServer(options: SiteBuilder.Options(root: root), port: 0)
        let port = try await server.start()
        defer { Task { await server.stop() } }
        // The folder is <root>/.jixiao-cache/serve/site: the root is three steps up.
        let site = PreviewFolder(root: root).site
        try FileManager.default.createSymbolicLink(atPath: site.appendingPathComponent("leak.txt").path,
                                                   withDestinationPath: root.appendingPathComponent("secret.txt").path)
        for path in ["/../../../secret.txt", "/..%2f..%2f..%2fsecret.txt", "/%2e%2e/%2e%2e/%2e%2e/secret.txt",
                     "/assets/..%2f..%2f..%2f..%2fsecret.txt", "/%2fetc%2fpasswd", "/leak.txt",
                     "/..%2f..%2f..%2fcontent/site.yaml"] {
            let response = try await LoopbackClient.get(path, port: port)
            #expect(response.status == 404, "\(path)")
            #expect(!response.body.contains("TOP-SECRET") && !response.body.contains("root:"), "\(path)")
        }
        #expect(try await LoopbackClient.get("/about.html", port: port).status == 200)
        await server.stop()
    }
}

/// Collects the server's events across threads.
final class Events: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [PreviewServer.Event] = []

    var add: @Sendable (PreviewServer.Event) -> Void { { event in self.lock.withLock { self.events.append(event) } } }
    var count: Int { lock.withLock { events.count } }
    var last: PreviewServer.Event? { lock.withLock { events.last } }

    /// The report of the successful build `version`, if there was one.
    func report(version: Int) -> SiteBuilder.Report? {
        lock.withLock {
            for case let .built(built, report, _) in events where built == version { return report }
            return nil
        }
    }
}
