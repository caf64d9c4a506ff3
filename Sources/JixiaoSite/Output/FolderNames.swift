import Foundation

/// The names in a folder, read with `readdir`: Foundation's `contentsOfDirectory`
/// costs about a microsecond more per name, and a build goes through folders of
/// thousands of pages.
enum FolderNames {
    /// Every name but `.` and `..`, in the file system's order; throws as
    /// `contentsOfDirectory` does when the folder cannot be read.
    static func read(_ path: String) throws -> [String] {
        try entries(path).map(\.name)
    }

    /// The same names, each with whether it may be a symbolic link: what the
    /// folder's entry says, without looking at the file (a file system that does
    /// not say gives true, so the caller looks); and the entry's inode number.
    static func entries(_ path: String) throws -> [(name: String, mayBeLink: Bool, inode: UInt64)] {
        guard let folder = opendir(path) else {
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
        defer { closedir(folder) }
        var entries: [(name: String, mayBeLink: Bool, inode: UInt64)] = []
        while let entry = readdir(folder) {
            let name = withUnsafePointer(to: &entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            let type = entry.pointee.d_type
            if name != "." && name != ".." {
                entries.append((name, type == UInt8(DT_LNK) || type == UInt8(DT_UNKNOWN), UInt64(entry.pointee.d_ino)))
            }
        }
        return entries
    }
}
