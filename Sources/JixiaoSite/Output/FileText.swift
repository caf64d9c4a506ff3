import Foundation
import JixiaoCore

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
        if writeAside(file, syncing: syncing, produce) { moveIntoPlace(file, written: true) }
    }

    /// One file of `replace(_:)` in a batch: where it goes and what it holds.
    typealias Replacement = (file: URL, produce: @Sendable (inout FileText) -> Void)

    /// Like `replace(_:syncing:_:)` for each file, synced: the files are made and
    /// written aside at once, on the cores, and synced together, then renamed into
    /// place in the order given (a sync between renames waits for the disk each time).
    static func replace(_ files: [Replacement]) {
        let written = files.concurrentMap { writeAside($0.file, syncing: true, $0.produce) }
        for (index, replacement) in files.enumerated() {
            moveIntoPlace(replacement.file, written: written[index])
        }
    }

    private static func temporary(for file: URL) -> URL {
        file.deletingLastPathComponent().appendingPathComponent("\(file.lastPathComponent).\(getpid())")
    }

    private static func writeAside(_ file: URL, syncing: Bool, _ produce: (inout FileText) -> Void) -> Bool {
        guard var output = FileText(path: temporary(for: file).path) else { return false }
        produce(&output)
        return output.finish(syncing: syncing)
    }

    /// Renames the file written aside into place, or removes what there is of it.
    private static func moveIntoPlace(_ file: URL, written: Bool) {
        let temporary = temporary(for: file)
        if written {
            _ = rename(temporary.path, file.path)
        } else {
            try? FileManager.default.removeItem(at: temporary)
        }
    }
}
