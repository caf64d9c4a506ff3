import Foundation
import JixiaoCore

/// The pieces of a text between separator bytes (lines between newlines, fields
/// between tabs), one at a time, found on bytes: each piece's range and where the
/// next one starts. For readers that need only some lines (front matter) or that
/// read large files (the build cache).
struct SeparatorScanner {
    let text: Substring
    let separator: UInt8
    var position: String.Index
    var done = false

    init(_ text: Substring, separator: UInt8 = UInt8(ascii: "\n")) {
        self.text = text
        self.separator = separator
        position = text.startIndex
    }

    mutating func next() -> (content: Range<String.Index>, next: String.Index)? {
        guard !done else { return nil }
        let utf8 = text.utf8
        guard let found = firstSeparator(in: utf8[position...]) else {
            done = true
            return (position..<text.endIndex, text.endIndex)
        }
        defer { position = utf8.index(after: found) }
        return (position..<found, utf8.index(after: found))
    }

    /// The first separator, found with memchr where the text is contiguous UTF-8
    /// (native strings always are): a large cache file is tens of megabytes.
    private func firstSeparator(in rest: Substring.UTF8View.SubSequence) -> String.Index? {
        let offset = rest.withContiguousStorageIfAvailable { $0.firstOffset(of: separator) }
        switch offset {
        case .some(.some(let offset)): return rest.index(rest.startIndex, offsetBy: offset)
        case .some(.none): return nil
        case .none: return rest.firstIndex(of: separator)
        }
    }
}

extension Substring {
    /// Every piece between `separator` bytes, empty ones included.
    func pieces(separatedBy separator: UInt8) -> [Substring] {
        var scanner = SeparatorScanner(self, separator: separator)
        var pieces: [Substring] = []
        while let piece = scanner.next() { pieces.append(self[piece.content]) }
        return pieces
    }

    /// The fields of a line of a cache file (the cache has hundreds of thousands
    /// of lines; splitting on characters is slower).
    var tabSeparatedFields: [Substring] { pieces(separatedBy: UInt8(ascii: "\t")) }
}

extension String {
    /// The non-empty lines.
    var nonEmptyLines: [Substring] {
        self[...].pieces(separatedBy: UInt8(ascii: "\n")).filter { !$0.isEmpty }
    }
}
