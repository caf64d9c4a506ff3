import Foundation
import JixiaoCore

/// The default theme built into jixiao (generated from themes/default by
/// scripts/embed-default-theme), so a site needs no themes/ folder of its own and
/// `jixiao new site` can write the theme out.
public enum EmbeddedTheme {
    /// Every file of the default theme: path relative to the theme folder → bytes.
    public static let files: [(path: String, data: Data)] = encodedFiles.map { file in
        guard let data = Data(base64Encoded: file.base64) else {
            preconditionFailure("EmbeddedTheme+Files.swift is corrupt at \(file.path); rerun scripts/embed-default-theme")
        }
        return (file.path, data)
    }

    /// Writes the theme into `folder` (e.g. `<site>/themes/default`), creating it.
    public static func write(to folder: URL) throws {
        for file in files {
            let url = folder.appendingPathComponent(file.path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try file.data.write(to: url)
        }
    }

    /// A folder holding the embedded theme, for the build to read templates and
    /// copy assets from. It is written once per content version under the system's
    /// temporary folder and reused; nothing inside the site is touched.
    static func folder() throws(DiagnosticsError) -> URL {
        cache.lock.lock()
        defer { cache.lock.unlock() }
        if let cached = cache.url, FileManager.default.fileExists(atPath: cached.appendingPathComponent(marker).path) {
            return cached
        }
        let url = try materialize()
        cache.url = url
        return url
    }

    private static let marker = ".complete"
    private static let cache = FolderCache()

    /// The materialized folder of this process, behind a lock.
    private final class FolderCache: @unchecked Sendable {
        let lock = NSLock()
        var url: URL?
    }

    private static func materialize() throws(DiagnosticsError) -> URL {
        let fm = FileManager.default
        var hasher = FNV1a()
        for file in files {
            hasher.add(Data(file.path.utf8))
            hasher.add(file.data)
        }
        let base = fm.temporaryDirectory
        let target = base.appendingPathComponent("jixiao-theme-default-\(String(hasher.value, radix: 16))")
        if fm.fileExists(atPath: target.appendingPathComponent(marker).path) { return target }
        let staging = base.appendingPathComponent(".jixiao-theme-\(getpid())-\(UUID().uuidString)")
        do {
            try write(to: staging)
            try Data().write(to: staging.appendingPathComponent(marker))
            try? fm.removeItem(at: target) // an incomplete copy left by an interrupted run
            if rename(staging.path, target.path) != 0 {
                // Another process got there first; use its copy if complete.
                try? fm.removeItem(at: staging)
                guard fm.fileExists(atPath: target.appendingPathComponent(marker).path) else {
                    throw CocoaError(.fileWriteUnknown)
                }
            }
            return target
        } catch {
            try? fm.removeItem(at: staging)
            throw DiagnosticsError([.error(at: SourceLocation(file: "themes/default"),
                                           "无法准备内置的默认主题：\(error.localizedDescription)",
                                           hint: "检查系统临时文件夹是否可写，或运行 jixiao new site 把主题写入站点的 themes/default。")])
        }
    }
}

/// 64-bit FNV-1a, to name the cache folder after the theme's contents.
private struct FNV1a {
    var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ data: Data) {
        for byte in data {
            value ^= UInt64(byte)
            value = value &* 0x100_0000_01b3
        }
    }
}
