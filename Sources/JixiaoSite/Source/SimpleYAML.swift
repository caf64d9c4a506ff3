import JixiaoCore

/// The commonest front matter read without the full YAML parser: lines of
/// `key: value` with a plain key and a plain one-line value, such as
///
///     unit: u00017
///     reviewer: 考评组（示例）
///
/// A site has one such block per score card, tens of thousands of them, and the
/// YAML parser's general machinery (tag resolution by regular expressions,
/// duplicate checks by hashing nodes) was most of reading them.
///
/// Anything else returns nil and goes to the YAML parser: a line that is empty,
/// a comment or indented, a key that is not a plain name, a repeated key, and
/// any value that YAML could read as something other than its own text (null,
/// quotes, flow collections, anchors, tags, block scalars, comments, `: `) or
/// whose ends it would trim. What is read here equals what the parser gives,
/// locations included (a property test compares both on generated text).
enum SimpleYAML {
    static func parse(_ text: String, file: String, lineOffset: Int) -> SourceValue? {
        guard !text.isEmpty else { return nil }
        var entries: [SourceEntry] = []
        var lineNumber = lineOffset
        var lines = SeparatorScanner(text[...])
        while let line = lines.next() {
            lineNumber += 1
            guard let (key, value) = split(text[line.content]) else { return nil }
            // A repeated key is an error the parser reports with both places.
            if entries.contains(where: { $0.key == key }) { return nil }
            let valueColumn = key.utf8.count + 3
            entries.append(SourceEntry(key: key, keyLocation: SourceLocation(file: file, line: lineNumber, column: 1),
                                       value: .scalar(value, at: SourceLocation(file: file, line: lineNumber, column: valueColumn))))
        }
        return .mapping(entries, at: SourceLocation(file: file, line: lineOffset + 1, column: 1))
    }

    /// `name: value` with one space after the colon, both parts as YAML reads them plainly.
    private static func split(_ line: Substring) -> (String, String)? {
        let bytes = line.utf8
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let keyBytes = bytes[..<colon]
        guard let first = keyBytes.first, isKeyStart(first), keyBytes.allSatisfy(isKeyByte) else { return nil }
        let afterColon = bytes.index(after: colon)
        guard afterColon < bytes.endIndex, bytes[afterColon] == UInt8(ascii: " ") else { return nil }
        let valueStart = bytes.index(after: afterColon)
        let value = line[valueStart...]
        guard isPlainText(value) else { return nil }
        return (String(line[..<colon]), String(value))
    }

    private static func isKeyStart(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || byte == UInt8(ascii: "_")
    }

    private static func isKeyByte(_ byte: UInt8) -> Bool {
        isKeyStart(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-")
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
        switch value {
        case "null", "Null", "NULL": return false
        default: break
        }
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
