import CJixiaoSystem
import Foundation
import JixiaoCore

/// Where a build writes. Everything goes into a fresh folder beside the target
/// first, file by file as pages are rendered; only when every file is written is
/// it swapped in, in one atomic step where the system allows it. A build that
/// fails, or is killed, leaves the previous site as it was.
public final class StagingFolder: SiteSink, @unchecked Sendable {
    let output: URL
    let staging: URL
    /// `staging` as a path: files are named by joining text, as building a URL for
    /// each of thousands was a large part of an incremental build.
    private let stagingPath: String
    private let lock = NSLock()
    private var madeFolders: Set<String> = []

    /// A fresh staging folder beside `output` (leftovers of killed builds are removed first).
    public init(for output: URL) throws(DiagnosticsError) {
        let fm = FileManager.default
        let parent = output.deletingLastPathComponent()
        self.output = output
        staging = parent.appendingPathComponent(".\(output.lastPathComponent).jixiao-new-\(getpid())")
        stagingPath = staging.path
        Self.removeLeftovers(of: output.lastPathComponent, in: parent)
        do {
            try fm.createDirectory(at: parent, withIntermediateDirectories: true)
            try? fm.removeItem(at: staging)
            try fm.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            throw writeError(error)
        }
        madeFolders.insert(stagingPath)
    }

    public func put(_ path: String, _ contents: SiteFiles.Contents) throws(DiagnosticsError) -> Int {
        let file = "\(stagingPath)/\(path)"
        do {
            let folder = path.lastIndex(of: "/").map { "\(stagingPath)/\(path[..<$0])" } ?? stagingPath
            if !lock.withLock({ madeFolders.contains(folder) }) {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                _ = lock.withLock { madeFolders.insert(folder) }
            }
            switch contents {
            case .data(let data): try Self.write(data, to: file)
            case .copy(let source): try FileManager.default.copyItem(atPath: source.path, toPath: file)
            case .previous(let source, _):
                // A hard link costs no bytes and no time; the old folder is removed
                // after the swap, and this name keeps the file alive.
                if link(source, file) != 0 { try FileManager.default.copyItem(atPath: source, toPath: file) }
            }
            return contents.byteCount
        } catch {
            throw writeError(error)
        }
    }

    /// Writes a new file with plain system calls. Foundation's `Data.write` also
    /// syncs every file to disk and reads its extended attributes: with thousands
    /// of pages that was a large part of a build. The staging folder is what makes
    /// a build safe (a killed build never touches the old site), as with Hugo,
    /// which does not sync either.
    static func write(_ data: Data, to path: String) throws {
        try data.withUnsafeBytes { try write($0, to: path) }
    }

    static func write(_ buffer: UnsafeRawBufferPointer, to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(descriptor) }
        try write(buffer, to: descriptor)
    }

    /// All of `buffer` to an open file, however many calls it takes.
    static func write(_ buffer: UnsafeRawBufferPointer, to descriptor: Int32) throws {
        var offset = 0
        while offset < buffer.count {
            let written = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            }
            offset += written
        }
    }

    /// Swaps the finished staging folder in for the output, then removes the
    /// previous site while `meanwhile` runs (they touch different files).
    public func commit(meanwhile: @Sendable () -> Void = {}) throws(DiagnosticsError) {
        guard let previous = try Self.swapIn(staging, at: output, location: SourceLocation(file: output.path)) else {
            return meanwhile()
        }
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            if index == 0 {
                try? FileManager.default.removeItem(at: previous)
            } else {
                meanwhile()
            }
        }
    }

    /// Throws the staging folder away; the output stays as it was.
    public func discard() {
        try? FileManager.default.removeItem(at: staging)
    }

    private func writeError(_ error: any Error) -> DiagnosticsError {
        DiagnosticsError([.error(at: SourceLocation(file: output.path), "写入网站文件失败：\(error.localizedDescription)",
                                 hint: "检查输出文件夹的磁盘空间和写权限；原有网站未被改动。")])
    }

    /// Staging folders left by builds that were killed (their process is gone).
    static func removeLeftovers(of name: String, in parent: URL) {
        let fm = FileManager.default
        for entry in (try? fm.contentsOfDirectory(atPath: parent.path)) ?? [] {
            for marker in [".\(name).jixiao-new-", ".\(name).jixiao-old-"] where entry.hasPrefix(marker) {
                if let pid = Int32(entry.dropFirst(marker.count)), pid != getpid(), kill(pid, 0) != 0 {
                    try? fm.removeItem(at: parent.appendingPathComponent(entry))
                }
            }
        }
    }

    /// Puts `staging` where `output` is. With an existing output the two are
    /// exchanged atomically; readers never see a half-written site. Returns
    /// where the previous site now is, for the caller to remove.
    static func swapIn(_ staging: URL, at output: URL, location: SourceLocation) throws(DiagnosticsError) -> URL? {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        let exists = fm.fileExists(atPath: output.path, isDirectory: &isDir)
        if exists && !isDir.boolValue {
            try? fm.removeItem(at: staging)
            throw DiagnosticsError([.error(at: location, "输出位置已有同名文件，不是文件夹",
                                           hint: "用 --output 指定另一个文件夹，或移走该文件。")])
        }
        if !exists {
            if rename(staging.path, output.path) == 0 { return nil }
        } else if jixiao_rename_exchange(staging.path, output.path) == 0 {
            return staging // now holds the previous site
        } else {
            // No atomic exchange here (another OS or file system): two renames,
            // with the old site kept until the new one is in place.
            let old = output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).jixiao-old-\(getpid())")
            try? fm.removeItem(at: old)
            if rename(output.path, old.path) == 0 {
                if rename(staging.path, output.path) == 0 { return old }
                _ = rename(old.path, output.path)
            }
        }
        try? fm.removeItem(at: staging)
        throw DiagnosticsError([.error(at: location, "无法替换输出文件夹",
                                       hint: "检查输出文件夹的写权限；原有网站未被改动。")])
    }
}
