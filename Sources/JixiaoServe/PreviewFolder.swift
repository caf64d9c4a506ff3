import Foundation
import JixiaoSite

/// Where `jixiao serve` builds: a site folder and a build cache of its own under
/// the root's `.jixiao-cache/serve/`, never the user's `site/` nor the cache of
/// `jixiao build` (whose key names another output, so the two would only evict
/// each other). Both persist, so restarting serve on an unchanged site is fast.
///
/// Each running serve holds its folder: a second serve of the same root (on
/// another port, with another theme) builds in `.jixiao-cache/serve/2/`, and so
/// on, instead of replacing the first one's pages under it. The hold is an
/// advisory lock on the folder's `lock` file, which the system drops when the
/// process ends, however it ends: a serve killed leaves no stale claim.
public struct PreviewFolder: Sendable {
    /// The built site, answered from on disk.
    public let site: URL
    /// The build cache (see BuildCache) describing `site`.
    public let cache: URL
    /// Which folder: 1 for `serve/` itself, n for `serve/n/`.
    public let slot: Int
    /// The open lock file; the folder is this serve's while it lives.
    private let hold: Hold?

    /// The first folder under `root` that no running serve holds, held from now
    /// on by the value returned (and its copies).
    public static func claim(root: URL) throws -> PreviewFolder {
        var slot = 1
        while true {
            let folder = PreviewFolder(root: root, slot: slot)
            try FileManager.default.createDirectory(at: folder.base, withIntermediateDirectories: true)
            if let hold = try Hold(folder.base.appendingPathComponent("lock")) {
                return PreviewFolder(folder, hold: hold)
            }
            slot += 1
        }
    }

    /// Slot `slot`'s folder under `root`, not held (for reading what a serve wrote).
    public init(root: URL, slot: Int = 1) {
        var base = BuildCache.defaultFolder(root: root)
            .appendingPathComponent("serve", isDirectory: true)
        if slot > 1 { base.appendPathComponent(String(slot), isDirectory: true) }
        site = base.appendingPathComponent("site", isDirectory: true)
        cache = base.appendingPathComponent("cache", isDirectory: true)
        self.slot = slot
        hold = nil
    }

    private init(_ folder: PreviewFolder, hold: Hold) {
        site = folder.site
        cache = folder.cache
        slot = folder.slot
        self.hold = hold
    }

    /// The folder holding `site` and `cache`.
    var base: URL { site.deletingLastPathComponent() }

    /// `options` pointed at this folder: whatever output it named, serve writes here.
    public func pointing(_ options: SiteBuilder.Options) -> SiteBuilder.Options {
        var options = options
        options.output = site
        options.cache = cache
        return options
    }

    /// Gives the folder up (a stopped server), for the next serve to take.
    public func release() {
        hold?.release()
    }

    /// An exclusive `flock` on a file, released by `release`, when the last copy
    /// of the folder is gone, or when the process ends.
    final class Hold: @unchecked Sendable {
        private let lock = NSLock()
        private var descriptor: Int32?

        /// Nil when another open file (of this process or another) holds the lock.
        init?(_ file: URL) throws {
            let descriptor = open(file.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
                let failure = errno
                close(descriptor)
                if failure == EWOULDBLOCK { return nil }
                throw POSIXError(POSIXErrorCode(rawValue: failure) ?? .EIO)
            }
            self.descriptor = descriptor
        }

        func release() {
            lock.withLock {
                if let descriptor { close(descriptor) }
                descriptor = nil
            }
        }

        deinit { release() }
    }
}
