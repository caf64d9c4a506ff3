import FlyingFox
import FlyingSocks
import Foundation
import JixiaoCore
import JixiaoSite

/// `jixiao serve`: builds the site in memory, serves it on 127.0.0.1, rebuilds
/// when anything under content/ or themes/ changes and reloads open pages.
/// While the content does not build, every page shows the errors instead.
public actor PreviewServer {
    /// What happened, for the command line to print.
    public enum Event: Sendable {
        case built(version: Int, pages: Int, warnings: [Diagnostic], seconds: Double, changed: [String])
        case failed(version: Int, errors: [Diagnostic], changed: [String])
    }

    public let options: SiteBuilder.Options
    public let requestedPort: UInt16
    private let report: @Sendable (Event) -> Void
    private var current: PreviewBuild
    private let reload = LiveReload()
    private var http: HTTPServer?
    private var serverTask: Task<Void, Error>?
    private var watcher: FileWatcher?
    private var rebuilds: AsyncStream<Set<String>>.Continuation?
    private var rebuildTask: Task<Void, Never>?

    /// `port` 0 picks a free port (see `start`).
    public init(options: SiteBuilder.Options, port: UInt16, report: @escaping @Sendable (Event) -> Void = { _ in }) {
        self.options = options
        self.requestedPort = port
        self.report = report
        self.current = PreviewBuild(version: 0, files: SiteFiles(), errors: [], warnings: [], seconds: 0)
    }

    /// Builds, starts watching and listening, and returns the port listened on.
    public func start() async throws -> UInt16 {
        apply(PreviewBuild.make(options, version: 1, previous: nil), changed: [])
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
    }

    /// Waits until the server stops (for the command line).
    public func wait() async {
        _ = await serverTask?.result
    }

    /// The current build's version (for tests and the command line).
    public var version: Int { current.version }

    private func rebuild(changed: Set<String>) async {
        let options = self.options, previous = current, version = current.version + 1
        // Build off the actor, so requests are answered meanwhile.
        let build = await Task.detached { PreviewBuild.make(options, version: version, previous: previous) }.value
        apply(build, changed: changed.sorted())
    }

    private func apply(_ build: PreviewBuild, changed: [String]) {
        current = build
        if build.failed {
            report(.failed(version: build.version, errors: build.errors, changed: changed))
        } else {
            report(.built(version: build.version, pages: build.files.pageCount, warnings: build.warnings,
                          seconds: build.seconds, changed: changed))
        }
        let reload = self.reload
        Task { await reload.publish(version: build.version) }
    }

    // MARK: Requests

    func respond(to request: HTTPRequest) async -> HTTPResponse {
        guard request.method == .GET || request.method == .HEAD else {
            return HTTPResponse(statusCode: .methodNotAllowed)
        }
        let build = current
        var path = String(request.path.drop { $0 == "/" })
        if path.isEmpty || path.hasSuffix("/") { path += "index.html" }
        if build.files.files[path] == nil, let decoded = path.removingPercentEncoding, build.files.files[decoded] != nil {
            path = decoded
        }
        if build.files.files[path] == nil, build.files.files[path + "/index.html"] != nil {
            return HTTPResponse(statusCode: .movedPermanently, headers: HTTPHeaders([.location: "/" + path + "/"]))
        }
        let isPage = path.hasSuffix(".html")
        if build.failed && (isPage || build.files.files[path] == nil) {
            return html(ErrorPage.html(build.errors, root: options.root), status: .internalServerError, version: build.version)
        }
        guard let contents = build.files.files[path] else {
            return html(notFound(path), status: .notFound, version: build.version)
        }
        guard let data = try? contents.bytes() else {
            return html(notFound(path), status: .notFound, version: build.version)
        }
        if isPage {
            return html(String(decoding: data, as: UTF8.self), status: .ok, version: build.version)
        }
        return HTTPResponse(statusCode: .ok,
                            headers: [.contentType: ContentType.of(path), .cacheControl: "no-store"],
                            body: data)
    }

    private func html(_ page: String, status: HTTPStatusCode, version: Int) -> HTTPResponse {
        HTTPResponse(statusCode: status,
                     headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                     body: Data(LiveReload.inject(into: page, version: version).utf8))
    }

    private func notFound(_ path: String) -> String {
        """
        <!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>找不到页面</title></head>
        <body><h1>找不到页面</h1><p>网站中没有 <code>\(ErrorPage.escape(path))</code>。<a href="/">返回首页</a></p></body></html>
        """
    }
}
