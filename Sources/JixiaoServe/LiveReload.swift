import Foundation

/// Tells open pages that the site was rebuilt, over server-sent events. Each
/// page carries the build version it was made from; the server sends the
/// current version when a page connects and after every rebuild, and the page
/// reloads itself when they differ (so a rebuild between loading the page and
/// connecting is not missed).
actor LiveReload {
    static let path = "/__jixiao/events"

    private var clients: [UUID: AsyncStream<[UInt8]>.Continuation] = [:]
    private var version = 0
    private var heartbeat: Task<Void, Never>?

    /// A new client's stream, starting with the current version.
    func subscribe() -> AsyncStream<[UInt8]> {
        let (stream, continuation) = AsyncStream<[UInt8]>.makeStream(bufferingPolicy: .bufferingNewest(16))
        let id = UUID()
        continuation.yield(Array("retry: 500\n\n".utf8))
        continuation.yield(Self.event(version))
        continuation.onTermination = { _ in Task { await self.remove(id) } }
        clients[id] = continuation
        startHeartbeat()
        return stream
    }

    /// Announces a new build to every open page.
    func publish(version: Int) {
        self.version = version
        let message = Self.event(version)
        for continuation in clients.values { continuation.yield(message) }
    }

    /// Ends every stream (when the server stops).
    func close() {
        heartbeat?.cancel()
        for continuation in clients.values { continuation.finish() }
        clients = [:]
    }

    var clientCount: Int { clients.count }

    private func remove(_ id: UUID) {
        clients[id] = nil
    }

    /// A comment every 15 s keeps proxies and browsers from closing an idle stream.
    private func startHeartbeat() {
        guard heartbeat == nil else { return }
        heartbeat = Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(15))
                await self?.ping()
            }
        }
    }

    private func ping() {
        for continuation in clients.values { continuation.yield(Array(": ping\n\n".utf8)) }
    }

    static func event(_ version: Int) -> [UInt8] {
        Array("event: version\ndata: \(version)\n\n".utf8)
    }

    /// The script added to every HTML page in serve mode (never in `jixiao build`).
    static func script(version: Int) -> String {
        """
        <script data-jixiao-live-reload>(function(){var v="\(version)";var s=new EventSource("\(path)");\
        s.addEventListener("version",function(e){if(e.data!==v){s.close();location.reload();}});})();</script>
        """
    }

    /// `html` with the script inserted before `</body>` (or at the end).
    static func inject(into html: String, version: Int) -> String {
        let tag = script(version: version)
        if let range = html.range(of: "</body>", options: [.caseInsensitive, .backwards]) {
            return html.replacingCharacters(in: range.lowerBound..<range.lowerBound, with: tag + "\n")
        }
        return html + tag
    }
}
