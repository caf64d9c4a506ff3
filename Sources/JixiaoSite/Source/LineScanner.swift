/// The lines of a text, one at a time, found on bytes: each line's content
/// (without its newline) and where the next line starts. For readers that need
/// only some lines (front matter) or that read large files (the build cache).
struct LineScanner {
    let text: String
    var position: String.Index
    var done = false

    init(_ text: String) {
        self.text = text
        position = text.startIndex
    }

    mutating func next() -> (content: Range<String.Index>, next: String.Index)? {
        guard !done else { return nil }
        let utf8 = text.utf8
        guard let newline = utf8[position...].firstIndex(of: UInt8(ascii: "\n")) else {
            done = true
            return (position..<text.endIndex, text.endIndex)
        }
        defer { position = utf8.index(after: newline) }
        return (position..<newline, utf8.index(after: newline))
    }
}

extension String {
    /// The non-empty lines.
    var nonEmptyLines: [Substring] {
        var scanner = LineScanner(self)
        var lines: [Substring] = []
        while let line = scanner.next() {
            if !line.content.isEmpty { lines.append(self[line.content]) }
        }
        return lines
    }
}
