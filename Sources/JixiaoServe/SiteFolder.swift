import Foundation
import JixiaoSite

/// The built site on disk, as requests see it: only regular files inside the
/// folder can be read. A path that names a parent (`..`), is absolute, or leads
/// out of the folder through a symbolic link is treated as missing.
///
/// A rebuild exchanges the whole folder atomically while requests read it; a
/// file is opened once and read through its descriptor, so a request gets one
/// version of it, old or new, even if the old folder is removed meanwhile.
struct SiteFolder: Sendable {
    let url: URL

    /// The contents of the regular file at `path` (relative, "/"-separated), or
    /// nil when there is none inside the folder.
    func read(_ path: String) -> Data? {
        guard let file = resolve(path) else { return nil }
        let descriptor = open(file, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return nil }
        return DescriptorReading.readToEnd(descriptor, size: Int(status.st_size))
    }

    /// Whether `path` is a regular file inside the folder.
    func contains(_ path: String) -> Bool {
        guard let file = resolve(path) else { return false }
        var status = stat()
        return lstat(file, &status) == 0 && status.st_mode & S_IFMT == S_IFREG
    }

    /// The real path of `path` inside the folder, with every symbolic link
    /// resolved; nil when it names no file or the result lies outside.
    func resolve(_ path: String) -> String? {
        guard Self.isPlain(path), let base = Self.realPath(url.path),
              let file = Self.realPath(base + "/" + path), file.hasPrefix(base + "/") else { return nil }
        return file
    }

    /// A relative path without parent or current-folder steps, backslashes or NUL.
    static func isPlain(_ path: String) -> Bool {
        guard !path.isEmpty, !path.hasPrefix("/"), !path.contains("\0"), !path.contains("\\") else { return false }
        return path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { $0 != ".." && $0 != "." }
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
