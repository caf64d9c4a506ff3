import CJixiaoSystem
import Foundation
import JixiaoCore

/// Where a build writes. Everything goes into a folder beside the target first,
/// file by file as pages are rendered; only when every file is written is it
/// swapped in, in one atomic step where the system allows it. A build that
/// fails, or is killed, leaves the previous site as it was.
///
/// The folder starts empty, or, when the build keeps a `spare`, as the site
/// before the current one, which the previous build's swap left there (see
/// `recycled`).
public final class StagingFolder: SiteSink, @unchecked Sendable {
    let output: URL
    let staging: URL
    /// `staging` as a path: files are named by joining text, as building a URL for
    /// each of thousands was a large part of an incremental build.
    private let stagingPath: String
    /// Where the site replaced by the swap is kept for the next build to start
    /// from; nil: it is removed.
    private let spare: URL?
    /// The folder started as the spare, not empty. In an incremental build nearly
    /// every file is the same file (hard link) in the spare and the output, and
    /// is then left alone: linking ten thousand unchanged files into an empty
    /// folder, and unlinking the old site's after the swap, was a third of such a
    /// build. Every other file is replaced, never written into (it may be a link
    /// to a file of the live site), and whatever the new site lacks is removed
    /// before the swap (`prune`).
    let recycled: Bool
    /// The spare's name in the build cache's folder.
    public static let spareName = "previous-site"
    private let lock = NSLock()
    private var madeFolders: Set<String> = []
    /// The paths put so far, for `prune` (recycled folders only).
    private var putPaths: Set<String> = []
    /// The device of the staging folder, and the inode of each name in the
    /// recycled folders looked at so far, by folder: whether a name is already the
    /// previous build's file is read from its folder's listing, one `readdir`
    /// instead of an `lstat` for each of thousands of pages.
    private var device: UInt64?
    private var inodes: [String: [String: UInt64]] = [:]
    /// Set by the first file that could not be written. The build has failed, and
    /// the files after it are not tried: a full disk reported every one of
    /// thousands of pages, the same error each time.
    private var failed = false

    /// The staging folder beside `output` (leftovers of killed builds are removed
    /// first): `spare`, renamed into place, when there is one; else a fresh folder.
    public init(for output: URL, spare: URL? = nil) throws(DiagnosticsError) {
        let fm = FileManager.default
        let parent = output.deletingLastPathComponent()
        self.output = output
        self.spare = spare
        staging = parent.appendingPathComponent(".\(output.lastPathComponent).jixiao-new-\(getpid())")
        stagingPath = staging.path
        Self.removeLeftovers(of: output.lastPathComponent, in: parent)
        var recycled = false
        do {
            try fm.createDirectory(at: parent, withIntermediateDirectories: true)
            try? fm.removeItem(at: staging)
            // Renamed, so a build killed from here on leaves it as a leftover of its own.
            // Only a real folder: through a symbolic link, clearing and pruning would
            // reach files that are not the build's (folders inside are checked as made).
            if let spare, Self.isFolder(spare.path), rename(spare.path, stagingPath) == 0 {
                recycled = true
            } else {
                try fm.createDirectory(at: staging, withIntermediateDirectories: true)
            }
        } catch {
            throw Self.writeError(error, output: output)
        }
        self.recycled = recycled
        madeFolders.insert(stagingPath)
        var status = stat()
        if recycled, lstat(stagingPath, &status) == 0 { device = FileIdentity(status).device }
    }

    public func put(_ path: String, _ contents: SiteFiles.Contents) throws(DiagnosticsError) -> Int {
        // The first failure was reported; this file is not written either.
        if lock.withLock({ failed }) { throw DiagnosticsError([]) }
        let file = "\(stagingPath)/\(path)"
        do {
            let slash = path.lastIndex(of: "/")
            let folder = slash.map { "\(stagingPath)/\(path[..<$0])" } ?? stagingPath
            if !lock.withLock({ madeFolders.contains(folder) }) {
                if recycled { Self.clearFiles(onTheWayTo: folder, from: stagingPath) }
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                _ = lock.withLock { madeFolders.insert(folder) }
            }
            if recycled {
                _ = lock.withLock { putPaths.insert(path) }
                // Already the previous build's file (the spare shares its files with the old site).
                if case .previous(_, _, let previous) = contents,
                   holds(previous, named: slash.map { String(path[path.index(after: $0)...]) } ?? path, in: folder) {
                    return contents.byteCount
                }
                try Self.clear(file)
            }
            switch contents {
            case .data(let data): try Self.write(data, to: file)
            case .copy(let source): try FileManager.default.copyItem(atPath: source.path, toPath: file)
            case .previous(let source, _, _):
                // A hard link costs no bytes and no time; the old folder is removed
                // or kept as the spare after the swap, and this name keeps the file alive.
                if link(source, file) != 0 { try FileManager.default.copyItem(atPath: source, toPath: file) }
            }
            return contents.byteCount
        } catch {
            // Two cores failing at once may both report theirs.
            lock.withLock { failed = true }
            throw writeError(error)
        }
    }

    /// Whether the recycled folder's file `name` in `folder` (a full path) is
    /// already `previous` (the spare shares its files with the old site).
    private func holds(_ previous: FileIdentity, named name: String, in folder: String) -> Bool {
        guard previous.device == device else { return false }
        let listed = lock.withLock { inodes[folder] } ?? {
            // Each folder once; two cores meeting a folder at once both read it, alike.
            let entries = (try? FolderNames.entries(folder)) ?? []
            let listed = Dictionary(entries.map { ($0.name, $0.inode) }) { first, _ in first }
            lock.withLock { inodes[folder] = listed }
            return listed
        }()
        return listed[name] == previous.inode
    }

    /// A folder itself, not a symbolic link to one.
    static func isFolder(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }

    /// Removes what is at `path` (a file, a link or a folder), if anything.
    static func clear(_ path: String) throws {
        if unlink(path) == 0 || errno == ENOENT { return }
        try FileManager.default.removeItem(atPath: path)
    }

    /// Removes files that stand where `folder` or a folder on the way to it from `root` is to be.
    static func clearFiles(onTheWayTo folder: String, from root: String) {
        var path = root
        for component in folder.dropFirst(root.count).split(separator: "/") {
            path += "/" + component
            var info = stat()
            if lstat(path, &info) != 0 { return } // missing from here on: createDirectory makes the rest
            if info.st_mode & S_IFMT != S_IFDIR { _ = unlink(path) } // a file or a symbolic link (never followed)
        }
    }

    /// Removes from a recycled folder whatever this build did not put there: pages
    /// and folders of the old site that the new one no longer has.
    func prune() throws(DiagnosticsError) {
        let files = lock.withLock { putPaths }
        var folders: Set<Substring> = []
        for path in files {
            var rest = Substring(path)
            while let slash = rest.lastIndex(of: "/") {
                rest = rest[..<slash]
                guard folders.insert(rest).inserted else { break }
            }
        }
        func prune(_ relative: String) throws {
            let folder = relative.isEmpty ? stagingPath : "\(stagingPath)/\(relative)"
            for name in try FolderNames.read(folder) {
                let path = relative.isEmpty ? name : "\(relative)/\(name)"
                if files.contains(path) { continue }
                if folders.contains(Substring(path)) {
                    try prune(path)
                } else {
                    try Self.clear("\(stagingPath)/\(path)")
                }
            }
        }
        do {
            try prune("")
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

    /// Swaps the finished staging folder in for the output, then keeps the previous
    /// site as the spare, or removes it while `meanwhile` runs (they touch different files).
    /// `keepingSpare`: false when the new site shares few files with the previous
    /// one (most pages were made again): patching that into the next site would
    /// replace nearly every file, so it is removed now, as part of this longer build.
    public func commit(keepingSpare: Bool = true, meanwhile: @Sendable () -> Void = {}) throws(DiagnosticsError) {
        if recycled { try prune() }
        guard let previous = try Self.swapIn(staging, at: output, location: SourceLocation(file: output.path)) else {
            return meanwhile()
        }
        if let spare, keepingSpare {
            try? FileManager.default.removeItem(at: spare) // a spare this build did not take
            // Fails across file systems (an output elsewhere than the cache): then it is removed.
            if rename(previous.path, spare.path) == 0 { return meanwhile() }
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
        Self.writeError(error, output: output)
    }

    private static func writeError(_ error: any Error, output: URL) -> DiagnosticsError {
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
