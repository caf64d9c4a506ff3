import FlyingFox
import FlyingSocks
import Foundation
import JixiaoCore
import JixiaoSite

/// `jixiao serve`: builds the site into a folder of its own under
/// `.jixiao-cache/serve/` (see PreviewFolder; never site/), serves it from there
/// on 127.0.0.1, rebuilds incrementally when anything under content/ or themes/
/// changes and reloads open pages. While the content does not build, every
/// page shows the errors instead.
public actor PreviewServer {
    /// What happened, for the command line to print.
    public enum Event: Sendable {
        case built(version: Int, report: SiteBuilder.Report, changed: [String])
        case failed(version: Int, errors: [Diagnostic], changed: [String])
    }

    /// The build options, pointed at `folder`.
    public nonisolated let options: SiteBuilder.Options
    public nonisolated let folder: PreviewFolder
    public nonisolated let requestedPort: UInt16
    private let report: @Sendable (Event) -> Void
    private let site: SiteFolder
    private var current: PreviewBuild
    private let reload = LiveReload()
    private var http: HTTPServer?
    private var serverTask: Task<Void, Error>?
    private var watcher: FileWatcher?
    private var rebuilds: AsyncStream<Set<String>>.Continuation?
    private var rebuildTask: Task<Void, Never>?

    /// `port` 0 picks a free port (see `start`). Whatever output and cache
    /// `options` name, the build goes to a preview folder under its root that no
    /// other running serve holds (see PreviewFolder), held until `stop`.
    public init(options: SiteBuilder.Options, port: UInt16, report: @escaping @Sendable (Event) -> Void = { _ in }) throws {
        let folder = try PreviewFolder.claim(root: options.root)
        self.options = folder.pointing(options)
        self.folder = folder
        self.site = SiteFolder(url: folder.site)
        self.requestedPort = port
        self.report = report
        self.current = PreviewBuild(version: 0, report: nil, errors: [])
    }

    /// Builds, starts watching and listening, and returns the port listened on.
    public func start() async throws -> UInt16 {
        apply(await PreviewBuild.make(options, version: 1), changed: [])
        let server = HTTPServer(address: try .inet(ip4: "127.0.0.1", port: requestedPort), timeout: 30,
                                logger: .disabled)
        await server.appendRoute(HTTPRoute(stringLiteral: "GET \(LiveReload.path)")) { [reload] _ in
            let stream = await reload.subscribe()
            return HTTPResponse(statusCode: .ok,
                                headers: HTTPHeaders([.contentType: "text/event-stream; charset=utf-8",
                                                      .cacheControl: "no-store"]),
                                body: HTTPBodySequence(from: EventStreamBody(stream: stream)))
        }
        await server.appendRoute("*") { [weak self] request in
            guard let self else { return HTTPResponse(statusCode: .serviceUnavailable) }
            return await self.respond(to: request)
        }
        http = server
        serverTask = Task { try await server.run() }
        try await server.waitUntilListening(timeout: 10)
        guard case .ip4(_, let port) = await server.listeningAddress else {
            throw POSIXError(.EADDRNOTAVAIL)
        }

        let (stream, continuation) = AsyncStream<Set<String>>.makeStream(bufferingPolicy: .unbounded)
        rebuilds = continuation
        rebuildTask = Task { [weak self] in
            var pending = Set<String>()
            var iterator = stream.makeAsyncIterator()
            while let first = await iterator.next() {
                pending.formUnion(first)
                await self?.rebuild(changed: pending)
                pending = []
            }
        }
        let watcher = FileWatcher(root: options.root, folders: ["content", "themes"]) { changed in
            continuation.yield(changed)
        }
        try watcher.start()
        self.watcher = watcher
        return port
    }

    /// Stops listening and watching; open event streams end.
    public func stop() async {
        watcher?.stop()
        rebuilds?.finish()
        await reload.close()
        await http?.stop(timeout: 1)
        serverTask?.cancel()
        rebuildTask?.cancel()
        folder.release()
    }

    /// Waits until the server stops (for the command line).
    public func wait() async {
        _ = await serverTask?.result
    }

    /// The current build's version (for tests and the command line).
    public var version: Int { current.version }

    private func rebuild(changed: Set<String>) async {
        // The build runs off the actor (see PreviewBuild.make), so requests are
        // answered meanwhile, from the previous folder until the new one is swapped in.
        let build = await PreviewBuild.make(options, version: current.version + 1)
        apply(build, changed: changed.sorted())
    }

    private func apply(_ build: PreviewBuild, changed: [String]) {
        current = build
        if let report = build.report {
            self.report(.built(version: build.version, report: report, changed: changed))
        } else {
            self.report(.failed(version: build.version, errors: build.errors, changed: changed))
        }
        let reload = self.reload
        Task { await reload.publish(version: build.version) }
    }

    // MARK: Requests

    /// The latest build, for a request to answer from.
    private func latest() -> PreviewBuild { current }

    /// Answers from the folder on disk, off the actor: only the look-up of the
    /// latest build waits for it. That build is taken before the files are read,
    /// and a build is swapped in before it becomes the latest, so a page is never
    /// older than the version it carries (at worst newer, and reloaded once more).
    nonisolated func respond(to request: HTTPRequest) async -> HTTPResponse {
        guard request.method == .GET || request.method == .HEAD else {
            return HTTPResponse(statusCode: .methodNotAllowed)
        }
        let build = await latest()
        var path = String(request.path.drop { $0 == "/" })
        if path.isEmpty || path.hasSuffix("/") { path += "index.html" }
        var exists = site.contains(path)
        if !exists, let decoded = path.removingPercentEncoding, decoded != path, site.contains(decoded) {
            path = decoded
            exists = true
        }
        if !exists, site.contains(path + "/index.html") {
            return HTTPResponse(statusCode: .movedPermanently, headers: HTTPHeaders([.location: "/" + path + "/"]))
        }
        let isPage = path.hasSuffix(".html")
        if build.failed && (isPage || !exists) {
            return html(ErrorPage.html(build.errors, root: options.root), status: .internalServerError, version: build.version)
        }
        // Read once, whatever a rebuild does meanwhile; gone by then counts as missing.
        guard exists, let data = site.read(path) else {
            return html(notFound(path), status: .notFound, version: build.version)
        }
        if isPage {
            return html(String(decoding: data, as: UTF8.self), status: .ok, version: build.version)
        }
        return HTTPResponse(statusCode: .ok,
                            headers: [.contentType: ContentType.of(path), .cacheControl: "no-store"],
                            body: data)
    }

    private nonisolated func html(_ page: String, status: HTTPStatusCode, version: Int) -> HTTPResponse {
        HTTPResponse(statusCode: status,
                     headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                     body: Data(LiveReload.inject(into: page, version: version).utf8))
    }

    private nonisolated func notFound(_ path: String) -> String {
        """
        <!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>找不到页面</title></head>
        <body><h1>找不到页面</h1><p>网站中没有 <code>\(ErrorPage.escape(path))</code>。<a href="/">返回首页</a></p></body></html>
        """
    }
}
