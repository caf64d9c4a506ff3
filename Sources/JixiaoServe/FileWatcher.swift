import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Watches folders of the site (with all their subfolders) and calls `onChange`
/// once per burst of changes: editors often write a file in several steps (a
/// truncate and a write, or a temporary file renamed over the old one), and a
/// save should rebuild once, not twice. A burst ends when nothing has changed
/// for `quietPeriod`.
///
/// Linux uses inotify, watching new subfolders as they appear; elsewhere the
/// folders are scanned for changed modification times.
public final class FileWatcher: @unchecked Sendable {
    public let root: URL
    /// Folders under `root` to watch, e.g. ["content", "themes"]; a missing one is
    /// picked up when it is created.
    public let folders: [String]
    public let quietPeriod: Duration
    private let onChange: @Sendable (Set<String>) -> Void
    private let lock = NSLock()
    private var stopped = false
    private var thread: Thread?

    public init(root: URL, folders: [String], quietPeriod: Duration = .milliseconds(100),
                onChange: @escaping @Sendable (Set<String>) -> Void) {
        self.root = root
        self.folders = folders
        self.quietPeriod = quietPeriod
        self.onChange = onChange
    }

    public func start() throws {
        #if canImport(Glibc)
        let watcher = try InotifyWatcher(root: root, folders: folders)
        let loop: @Sendable () -> Void = { [self] in self.run(watcher) }
        #else
        let scanner = ModificationScanner(root: root, folders: folders)
        let loop: @Sendable () -> Void = { [self] in self.run(scanner) }
        #endif
        let thread = Thread(block: loop)
        thread.name = "jixiao file watcher"
        self.thread = thread
        thread.start()
    }

    public func stop() {
        lock.withLock { stopped = true }
    }

    private var isStopped: Bool { lock.withLock { stopped } }

    private var quietMilliseconds: Int {
        let (seconds, attoseconds) = quietPeriod.components
        return Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
    }

    #if canImport(Glibc)
    private func run(_ watcher: InotifyWatcher) {
        defer { watcher.close() }
        // Idle: wake now and then to notice stop(); in a burst: after the quiet period.
        collectBursts { inBurst in watcher.wait(milliseconds: inBurst ? quietMilliseconds : 200) }
    }
    #else
    private func run(_ scanner: ModificationScanner) {
        collectBursts { inBurst in
            Thread.sleep(forTimeInterval: inBurst ? Double(quietMilliseconds) / 1000 : 0.3)
            return scanner.scan()
        }
    }
    #endif

    /// Gathers changed paths until a wait brings none, then reports the burst once.
    /// `nextChanges` waits (briefly, or for the quiet period while a burst is on)
    /// and returns what changed meanwhile.
    private func collectBursts(_ nextChanges: (_ inBurst: Bool) -> Set<String>) {
        var changed: Set<String> = []
        while !isStopped {
            let paths = nextChanges(!changed.isEmpty)
            if paths.isEmpty {
                if !changed.isEmpty {
                    onChange(changed)
                    changed = []
                }
            } else {
                changed.formUnion(paths)
            }
        }
    }

    /// Names editors use for their own temporary and backup files.
    static func isIgnored(_ name: String) -> Bool {
        name.hasPrefix(".") || name.hasPrefix("#") || name.hasSuffix("~") || name.hasSuffix(".swp")
            || name.hasSuffix(".swx") || name == "4913"
    }
}

#if canImport(Glibc)
/// inotify watches on every folder below the watched ones. Used by the
/// watcher thread only (hence unchecked Sendable).
final class InotifyWatcher: @unchecked Sendable {
    let fd: Int32
    let root: URL
    let folders: [String]
    /// Watch descriptor → folder path relative to the root ("" for the root itself).
    private var watches: [Int32: String] = [:]

    static let folderMask = UInt32(IN_CLOSE_WRITE) | UInt32(IN_MODIFY) | UInt32(IN_CREATE) | UInt32(IN_DELETE)
        | UInt32(IN_MOVED_FROM) | UInt32(IN_MOVED_TO) | UInt32(IN_DELETE_SELF) | UInt32(IN_MOVE_SELF)
    static let rootMask = UInt32(IN_CREATE) | UInt32(IN_MOVED_TO) | UInt32(IN_ONLYDIR)

    init(root: URL, folders: [String]) throws {
        let fd = inotify_init1(Int32(IN_NONBLOCK) | Int32(IN_CLOEXEC))
        guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        self.fd = fd
        self.root = root
        self.folders = folders
        add("", mask: Self.rootMask)
        for folder in folders { addTree(folder) }
    }

    func close() {
        _ = Glibc.close(fd)
    }

    private func add(_ path: String, mask: UInt32) {
        let url = path.isEmpty ? root : root.appendingPathComponent(path)
        let wd = inotify_add_watch(fd, url.path, mask)
        if wd >= 0 { watches[wd] = path }
    }

    /// Watches `path` and every folder below it.
    private func addTree(_ path: String) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path, isDirectory: &isDirectory),
              isDirectory.boolValue else { return }
        add(path, mask: Self.folderMask)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(path).path)) ?? []
        for name in names where !FileWatcher.isIgnored(name) {
            addTree("\(path)/\(name)")
        }
    }

    /// Waits up to `milliseconds` for events; returns the changed paths (empty on timeout).
    func wait(milliseconds: Int) -> Set<String> {
        var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, Int32(milliseconds)) > 0 else { return [] }
        var changed: Set<String> = []
        let size = 64 * 1024
        var buffer = [UInt8](repeating: 0, count: size)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, size) }
            guard count > 0 else { break }
            var offset = 0
            while offset + 16 <= count {
                let (wd, mask, length) = buffer.withUnsafeBytes { bytes in
                    (bytes.loadUnaligned(fromByteOffset: offset, as: Int32.self),
                     bytes.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self),
                     Int(bytes.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self)))
                }
                let nameBytes = buffer[(offset + 16)..<min(offset + 16 + length, count)].prefix { $0 != 0 }
                let name = String(decoding: nameBytes, as: UTF8.self)
                offset += 16 + length
                handle(wd: wd, mask: mask, name: name, changed: &changed)
            }
        }
        return changed
    }

    private func handle(wd: Int32, mask: UInt32, name: String, changed: inout Set<String>) {
        guard let folder = watches[wd] else { return }
        if mask & UInt32(IN_IGNORED) != 0 {
            watches[wd] = nil
            return
        }
        if folder.isEmpty {
            // The root: only the watched folders appearing matter.
            if folders.contains(name) {
                addTree(name)
                changed.insert(name)
            }
            return
        }
        if mask & (UInt32(IN_DELETE_SELF) | UInt32(IN_MOVE_SELF)) != 0 {
            changed.insert(folder)
            return
        }
        guard !name.isEmpty, !FileWatcher.isIgnored(name) else { return }
        let path = "\(folder)/\(name)"
        if mask & UInt32(IN_ISDIR) != 0, mask & (UInt32(IN_CREATE) | UInt32(IN_MOVED_TO)) != 0 {
            addTree(path)
        }
        changed.insert(path)
    }
}
#else
/// Polling fallback: modification times of every file below the folders.
final class ModificationScanner: @unchecked Sendable {
    let root: URL
    let folders: [String]
    private var seen: [String: Date] = [:]

    init(root: URL, folders: [String]) {
        self.root = root
        self.folders = folders
        seen = snapshot()
    }

    func scan() -> Set<String> {
        let now = snapshot()
        var changed = Set(now.keys).symmetricDifference(seen.keys)
        for (path, date) in now where seen[path] != nil && seen[path] != date { changed.insert(path) }
        seen = now
        return changed
    }

    private func snapshot() -> [String: Date] {
        var result: [String: Date] = [:]
        for folder in folders {
            let base = root.appendingPathComponent(folder)
            guard let enumerator = FileManager.default.enumerator(atPath: base.path) else { continue }
            for case let path as String in enumerator {
                let attributes = try? FileManager.default.attributesOfItem(atPath: base.appendingPathComponent(path).path)
                result["\(folder)/\(path)"] = attributes?[.modificationDate] as? Date
            }
        }
        return result
    }
}
#endif
