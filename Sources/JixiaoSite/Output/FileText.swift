import Foundation

/// Text and bytes written to a file a megabyte at a time, so a large cache file
/// never exists whole in memory. Write errors are kept and reported by `finish`.
struct FileText: TextOutputStream {
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private var failed = false

    init?(path: String) {
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return nil }
        buffer.reserveCapacity(Self.chunk + 4096)
    }

    private static let chunk = 1 << 20

    mutating func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= Self.chunk { flush() }
    }

    /// Bytes that need not be text, after what was written so far.
    mutating func write(bytes: some Collection<UInt8>) {
        if bytes.count >= Self.chunk {
            flush()
            if !failed { failed = !Array(bytes).withUnsafeBytes { Self.send($0, to: descriptor) } }
            return
        }
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.chunk { flush() }
    }

    private mutating func flush() {
        let descriptor = descriptor
        if !failed { failed = !buffer.withUnsafeBytes { Self.send($0, to: descriptor) } }
        buffer.removeAll(keepingCapacity: true)
    }

    private static func send(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) -> Bool {
        (try? StagingFolder.write(bytes, to: descriptor)) != nil
    }

    /// Writes what is left, syncs (unless told not to) and closes; true when every
    /// byte reached the disk (or, without syncing, the system).
    mutating func finish(syncing: Bool = true) -> Bool {
        flush()
        let synced = !failed && (!syncing || fsync(descriptor) == 0)
        return close(descriptor) == 0 && synced
    }

    /// Writes what `produce` writes into a temporary file beside `file`, synced
    /// unless told not to, then renames it into place; on any failure the old file
    /// stays (a killed process leaves the temporary file, named `<file>.<pid>`).
    static func replace(_ file: URL, syncing: Bool = true, _ produce: (inout FileText) -> Void) {
        let temporary = file.deletingLastPathComponent().appendingPathComponent("\(file.lastPathComponent).\(getpid())")
        guard var output = FileText(path: temporary.path) else { return }
        produce(&output)
        if output.finish(syncing: syncing) {
            _ = rename(temporary.path, file.path)
        } else {
            try? FileManager.default.removeItem(at: temporary)
        }
    }
}
