import Foundation
import JixiaoCore

/// Reads content files as UTF-8 text. Invalid bytes are reported at their line
/// instead of being replaced: nothing the user wrote is silently changed.
enum TextFile {
    /// Files larger than this are refused: a province's results.csv for 10,000 units ×
    /// 40 indicators is about 30 MB; anything far beyond is not a content file.
    static let maximumSize = 64 * 1024 * 1024

    static func read(_ url: URL, path: String) throws(DiagnosticsError) -> String {
        try read(atPath: url.path, path: path)
    }

    /// `fullPath` is where the file is; `path` how messages name it (relative to the site).
    static func read(atPath fullPath: String, path: String) throws(DiagnosticsError) -> String {
        try decode(try bytes(atPath: fullPath, path: path), path: path)
    }

    /// The file's bytes, read with plain system calls: Foundation's attribute
    /// lookup and `Data(contentsOf:)` cost five more calls per file (owner names,
    /// extended attributes), which added up over thousands of pages.
    static func bytes(atPath fullPath: String, path: String) throws(DiagnosticsError) -> Data {
        let location = SourceLocation(file: path)
        let unreadable = DiagnosticsError([.error(at: location, "无法读取文件", hint: "检查文件是否存在、是否有读取权限。")])
        switch read(fullPath, limit: maximumSize) {
        case .read(let data): return data
        case .unreadable: throw unreadable
        case .tooLarge(let size):
            throw DiagnosticsError([.error(at: location, "文件过大（\(size / 1024 / 1024) MB），超过 \(maximumSize / 1024 / 1024) MB 上限",
                                           hint: "内容文件应为文字；大文件请放在 attachments/ 下作为附件。")])
        }
    }

    /// A file the build itself wrote (its cache) as text, of any size; nil when it
    /// is missing, unreadable or not UTF-8. Read like the content (Foundation's
    /// `String(contentsOf:)` took 40 ms over the records of 10,000 pages).
    static func cacheText(_ url: URL) -> String? {
        cacheBytes(url).flatMap { String(validating: $0, as: UTF8.self) }
    }

    /// The bytes of a file the build itself wrote, of any size; nil when it is missing or unreadable.
    static func cacheBytes(_ url: URL) -> Data? {
        guard case .read(let data) = read(url.path, limit: .max) else { return nil }
        return data
    }

    private enum Reading {
        case read(Data), unreadable, tooLarge(Int)
    }

    private static func read(_ fullPath: String, limit: Int) -> Reading {
        let descriptor = open(fullPath, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return .unreadable }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return .unreadable }
        let size = Int(status.st_size)
        if size > limit { return .tooLarge(size) }
        return DescriptorReading.readToEnd(descriptor, size: size, limit: limit).map(Reading.read) ?? .unreadable
    }

    static func decode(_ data: Data, path: String) throws(DiagnosticsError) -> String {
        var bytes = data[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if let text = String(validating: bytes, as: UTF8.self) {
            return text
        }
        // Find the first bad line so the author can look at it.
        var line = 1
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let lineEnd = bytes[index...].firstIndex(of: 0x0A) ?? bytes.endIndex
            if String(validating: bytes[index..<lineEnd], as: UTF8.self) == nil { break }
            line += 1
            index = lineEnd < bytes.endIndex ? bytes.index(after: lineEnd) : lineEnd
        }
        throw DiagnosticsError([.error(at: SourceLocation(file: path, line: line, column: 1),
                                       "文件不是有效的 UTF-8 编码",
                                       hint: "用文本编辑器另存为 UTF-8；若是 Excel 导出的 GB18030/GBK 文本，请先转换编码。")])
    }
}
