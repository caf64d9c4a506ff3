import Foundation

/// Text written to a file a megabyte at a time, so a large cache file never
/// exists whole in memory. Write errors are kept and reported by `finish`.
struct FileText: TextOutputStream {
    private let descriptor: Int32
    private var buffer = ""
    private var failed = false

    init?(path: String) {
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return nil }
        buffer.reserveCapacity(Self.chunk + 4096)
    }

    private static let chunk = 1 << 20

    mutating func write(_ text: String) {
        buffer += text
        if buffer.utf8.count >= Self.chunk { flush() }
    }

    /// Bytes that need not be text, after the text written so far.
    mutating func write(bytes: [UInt8]) {
        flush()
        if !failed { failed = !bytes.withUnsafeBytes { Self.send($0, to: descriptor) } }
    }

    private mutating func flush() {
        let descriptor = descriptor
        if !failed { failed = !buffer.withUTF8 { Self.send(UnsafeRawBufferPointer($0), to: descriptor) } }
        buffer.removeAll(keepingCapacity: true)
    }

    private static func send(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) -> Bool {
        (try? StagingFolder.write(bytes, to: descriptor)) != nil
    }

    /// Writes what is left, syncs and closes; true when every byte reached the disk.
    mutating func finish() -> Bool {
        flush()
        let synced = !failed && fsync(descriptor) == 0
        return close(descriptor) == 0 && synced
    }
}
