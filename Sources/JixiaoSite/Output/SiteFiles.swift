import Foundation

/// A whole site held in memory (archives, tests; a build or the preview server
/// streams its files to disk instead, see SiteSink): every output file with its
/// path relative to the site folder, listed sorted by path so that the same
/// content always gives the same site.
public struct SiteFiles: Sendable {
    public enum Contents: Sendable {
        case data(Data)
        /// A file copied as it is (theme assets, attachments).
        case copy(URL)
        /// The same bytes as this file of the previous build (see BuildCache): linked,
        /// not rewritten. A path and the size the cache knows, not a URL: an
        /// incremental build hands over thousands of them. `file`: which file it
        /// was when the cache found it intact.
        case previous(path: String, size: Int, file: FileIdentity)

        /// The file's bytes, reading the file for a copy.
        public func bytes() throws -> Data {
            switch self {
            case .data(let data): data
            case .copy(let url): try Data(contentsOf: url)
            case .previous(let path, _, _): try Data(contentsOf: URL(fileURLWithPath: path))
            }
        }
    }

    public private(set) var files: [String: Contents] = [:]

    public init() {}

    public mutating func add(_ path: String, _ text: String) {
        files[path] = .data(Data(text.utf8))
    }

    public mutating func add(_ path: String, data: Data) {
        files[path] = .data(data)
    }

    public mutating func copy(_ path: String, from source: URL) {
        files[path] = .copy(source)
    }

    public mutating func put(_ path: String, _ contents: Contents) {
        files[path] = contents
    }

    public var paths: [String] { files.keys.sorted() }

    /// Pages are the HTML files, what a reader opens.
    public var pageCount: Int { files.keys.filter { $0.hasSuffix(".html") }.count }
}

/// A file itself rather than its name: its device and inode, as `lstat` gives them.
/// Two names with the same identity are one file (hard links).
public struct FileIdentity: Sendable, Hashable {
    var device: UInt64
    var inode: UInt64

    init(_ status: stat) {
        device = UInt64(status.st_dev)
        inode = UInt64(status.st_ino)
    }
}
