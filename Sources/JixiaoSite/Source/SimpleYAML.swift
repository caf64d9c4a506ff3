import JixiaoCore

/// The commonest YAML read without the full parser: a mapping of plain keys at
/// the start of the line, each with
///
///     unit: u00017                          a plain one-line value
///     audience: { ranking: public }         a one-line flow mapping of such values
///     grading:                              a block mapping of such values,
///       pass_line: 60                       indented by two spaces
///     units:                                a block sequence of one-line flow
///       - { slug: u00001, name: 示例局 }     mappings, indented by two spaces
///
/// with empty lines and `#` comments between the entries. A site has one front
/// matter per score card, tens of thousands of them, and an evaluation.yaml with
/// a unit list thousands long; the YAML parser's general machinery (events,
/// nodes, duplicate checks by hashing nodes) was most of reading them.
///
/// Anything else returns nil and goes to the YAML parser: any other line or
/// indentation, a key that is not a plain name, a repeated key, and any value
/// that YAML could read as something other than its own text (null, quotes,
/// flow collections, anchors, tags, block scalars, comments, `: `) or whose ends
/// it would trim. What is read here equals what the parser gives, locations
/// included (property tests compare both on generated text); columns count
/// Unicode scalars, as the parser's do.
enum SimpleYAML {
    static func parse(_ text: String, file: String, lineOffset: Int) -> SourceValue? {
        guard !text.isEmpty else { return nil }
        var lines: [(number: Int, text: Substring)] = []
        var scanner = SeparatorScanner(text[...])
        var number = lineOffset
        while let line = scanner.next() {
            number += 1
            lines.append((number, text[line.content]))
        }
        var entries: [SourceEntry] = []
        var index = 0
        while index < lines.count {
            let (lineNumber, line) = lines[index]
            index += 1
            if line.isEmpty || (line.utf8.first == UInt8(ascii: "#") && isPlainComment(line)) { continue }
            func at(_ column: Int) -> SourceLocation { SourceLocation(file: file, line: lineNumber, column: column) }
            let key: String
            let value: SourceValue
            if line.utf8.last == UInt8(ascii: ":") {
                // `key:` and its children on the lines below, indented by two spaces.
                key = String(line.dropLast())
                guard isKey(key[...]) else { return nil }
                var children: [(number: Int, text: Substring)] = []
                while index < lines.count, lines[index].text.utf8.starts(with: "  ".utf8) {
                    children.append(lines[index])
                    index += 1
                }
                guard let nested = block(children, file: file) else { return nil }
                value = nested
            } else {
                guard let (name, rest, column) = split(line) else { return nil }
                key = name
                if rest.utf8.first == UInt8(ascii: "{") {
                    guard let flow = flowMapping(rest, at: at(column)) else { return nil }
                    value = flow
                } else {
                    guard isPlainText(rest) else { return nil }
                    value = .scalar(String(rest), at: at(column))
                }
            }
            // A repeated key is an error the parser reports with both places.
            if entries.contains(where: { $0.key == key }) { return nil }
            entries.append(SourceEntry(key: key, keyLocation: at(1), value: value))
        }
        guard let first = entries.first else { return nil }
        return .mapping(entries, at: first.keyLocation)
    }

    /// The children of a `key:` line: `  - { … }` items, or `  name: value` entries.
    private static func block(_ lines: [(number: Int, text: Substring)], file: String) -> SourceValue? {
        guard let first = lines.first else { return nil }
        func at(_ line: Int, _ column: Int) -> SourceLocation { SourceLocation(file: file, line: line, column: column) }
        if first.text.utf8.starts(with: "  - ".utf8) {
            var items: [SourceValue] = []
            for (number, text) in lines {
                guard text.utf8.starts(with: "  - ".utf8),
                      let item = flowMapping(text.dropFirst(4), at: at(number, 5)) else { return nil }
                items.append(item)
            }
            return .sequence(items, at: at(first.number, 3))
        }
        var entries: [SourceEntry] = []
        for (number, text) in lines {
            guard let (key, value, column) = split(text.dropFirst(2)), isPlainText(value),
                  !entries.contains(where: { $0.key == key }) else { return nil }
            entries.append(SourceEntry(key: key, keyLocation: at(number, 3),
                                       value: .scalar(String(value), at: at(number, column + 2))))
        }
        return .mapping(entries, at: at(first.number, 3))
    }

    /// `{ name: value, name: value }`, spaced exactly so, starting at `location`.
    /// Taken apart on its bytes: the marks it is split at are ASCII (a list of
    /// thousands of units is thousands of these).
    private static func flowMapping(_ text: Substring, at location: SourceLocation) -> SourceValue? {
        let bytes = text.utf8
        guard bytes.count > 4, bytes.starts(with: "{ ".utf8),
              bytes[bytes.index(bytes.endIndex, offsetBy: -2)...].elementsEqual(" }".utf8) else { return nil }
        let inner = text[bytes.index(bytes.startIndex, offsetBy: 2) ..< bytes.index(bytes.endIndex, offsetBy: -2)]
        var entries: [SourceEntry] = []
        var column = location.column + 2
        // Plain values hold no comma (see `markers`): every comma ends an entry.
        for (index, piece) in inner.utf8.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false).enumerated() {
            var part = inner[piece.startIndex ..< piece.endIndex]
            if index > 0 {
                guard part.utf8.first == UInt8(ascii: " ") else { return nil }
                part = part[part.utf8.index(after: part.startIndex)...]
                column += 2
            }
            guard let (key, value, valueColumn) = split(part), isPlainText(value),
                  !entries.contains(where: { $0.key == key }) else { return nil }
            entries.append(SourceEntry(
                key: key, keyLocation: SourceLocation(file: location.file, line: location.line, column: column),
                value: .scalar(String(value), at: SourceLocation(file: location.file, line: location.line,
                                                                 column: column + valueColumn - 1))))
            column += valueColumn - 1 + value.unicodeScalars.count
        }
        return .mapping(entries, at: location)
    }

    /// `name: rest` with one space after the colon and a plain name: the name, the
    /// rest and the rest's column (counted from the start of `line`, 1-based).
    private static func split(_ line: Substring) -> (String, Substring, Int)? {
        let bytes = line.utf8
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let key = line[..<colon]
        guard isKey(key) else { return nil }
        let afterColon = bytes.index(after: colon)
        guard afterColon < bytes.endIndex, bytes[afterColon] == UInt8(ascii: " ") else { return nil }
        // The name is ASCII: its length in bytes is its length in scalars.
        return (String(key), line[bytes.index(after: afterColon)...], key.utf8.count + 3)
    }

    private static func isKey(_ key: Substring) -> Bool {
        guard let first = key.utf8.first, isKeyStart(first) else { return false }
        return key.utf8.allSatisfy(isKeyByte)
    }

    private static func isKeyStart(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || byte == UInt8(ascii: "_")
    }

    private static func isKeyByte(_ byte: UInt8) -> Bool {
        isKeyStart(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-")
    }

    /// A comment without anything YAML counts as a line break (it would number
    /// the lines after it differently) or as a control character.
    private static func isPlainComment(_ line: Substring) -> Bool {
        !line.unicodeScalars.contains { scalar in
            switch scalar.value {
            case 0..<0x20, 0x7F...0x9F, 0x2028, 0x2029, 0xFEFF: true
            default: false
            }
        }
    }

    /// ASCII that may change how YAML reads a plain value, wherever it stands.
    private static let markers = Set(":#,[]{}&*!|>'\"%@`\\?~".utf8)

    /// A value YAML reads as exactly its text: not empty, not null, no space or
    /// dash at its ends, no marker, no tab or control character, and none of
    /// the characters YAML counts as line breaks or byte-order marks.
    private static func isPlainText(_ value: Substring) -> Bool {
        let bytes = value.utf8
        guard let first = bytes.first, let last = bytes.last, first != UInt8(ascii: " "), last != UInt8(ascii: " "),
              first != UInt8(ascii: "-") else { return false }
        if bytes.count == 4, ["null", "Null", "NULL"].contains(where: { bytes.elementsEqual($0.utf8) }) { return false }
        var ascii = true
        for byte in bytes {
            if byte >= 0x80 {
                ascii = false
            } else if byte < 0x20 || byte == 0x7F || markers.contains(byte) {
                return false
            }
        }
        // Only text beyond ASCII needs decoding into scalars.
        if ascii { return true }
        for scalar in value.unicodeScalars where scalar.value >= 0x80 {
            switch scalar.value {
            case 0x80...0x9F, 0xA0, 0x2028, 0x2029, 0xFEFF: return false
            default: continue
            }
        }
        return true
    }
}
