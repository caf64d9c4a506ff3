import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A minimal HTTP/1.1 client over a plain socket to 127.0.0.1, with a deadline
/// on every read, so no test can hang on the network.
/// Used by one test at a time; reads happen on one thread at a time.
final class LoopbackClient: @unchecked Sendable {
    let fd: Int32
    private(set) var received = Data()

    init(port: UInt16, timeout: TimeInterval = 5) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        var time = timeval(tv_sec: Int(timeout), tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            close(fd)
            throw POSIXError(.ECONNREFUSED)
        }
    }

    deinit { close(fd) }

    func send(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    }

    /// Reads once (up to the socket timeout); false at end of stream or timeout.
    @discardableResult
    func readSome() -> Bool {
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        guard count > 0 else { return false }
        received.append(contentsOf: buffer[0..<count])
        return true
    }

    /// Reads until `text` has arrived or `deadline` passes.
    /// Waits for `text` on a thread of its own: a blocking read on Swift's small
    /// cooperative pool (2 threads on 2 cores) could starve the server under test.
    func wait(for text: String, until deadline: Date) async -> Bool {
        await Self.offPool { self.waitBlocking(for: text, until: deadline) }
    }

    func waitBlocking(for text: String, until deadline: Date) -> Bool {
        while Date() < deadline {
            if String(decoding: received, as: UTF8.self).contains(text) { return true }
            if !readSome() && Date() >= deadline { break }
        }
        return String(decoding: received, as: UTF8.self).contains(text)
    }

    /// GET `path` on a fresh connection, on a thread of its own (see `wait`).
    static func get(_ path: String, port: UInt16) async throws -> (status: Int, body: String) {
        try await offPool { try getBlocking(path, port: port) }.get()
    }

    /// Runs blocking socket work on a new thread and resumes when it is done.
    static func offPool<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: work()) }
        }
    }

    static func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async -> Result<T, Error> {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: Result { try work() }) }
        }
    }

    /// GET `path` on a fresh connection: the status code and the body.
    static func getBlocking(_ path: String, port: UInt16) throws -> (status: Int, body: String) {
        let client = try LoopbackClient(port: port)
        client.send("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        while client.readSome() {}
        let text = String(decoding: client.received, as: UTF8.self)
        guard let headerEnd = text.range(of: "\r\n\r\n") else { return (0, "") }
        let statusLine = text[..<headerEnd.lowerBound].split(separator: "\r\n").first ?? ""
        let status = Int(statusLine.split(separator: " ").dropFirst().first ?? "") ?? 0
        return (status, String(text[headerEnd.upperBound...]))
    }

    /// Opens the live-reload event stream.
    static func events(port: UInt16) throws -> LoopbackClient {
        let client = try LoopbackClient(port: port, timeout: 1)
        client.send("GET /__jixiao/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
        return client
    }
}
