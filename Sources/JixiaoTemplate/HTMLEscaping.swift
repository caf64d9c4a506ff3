/// HTML escaping as swift-mustache does it: `&` `<` `>` `"` `'` become `&amp;` `&lt;`
/// `&gt;` `&quot;` `&#39;`; everything else is copied.
enum HTMLEscaping {
    /// Appends `text` to `output`, escaped. Scans the UTF-8 bytes and appends each run
    /// that needs no escaping in one piece, so plain text costs one copy.
    static func append(_ text: String, to output: inout String) {
        // Most values need no escaping: find the first special byte, and when there is
        // none append the whole string at once.
        let firstSpecial: Int? = text.utf8.withContiguousStorageIfAvailable { bytes in
            for offset in 0..<bytes.count where needsEscaping(bytes[offset]) {
                return offset
            }
            return bytes.count
        }
        guard let firstSpecial else {
            // Not a native string (bridged): escape character by character.
            appendSlowly(text, to: &output)
            return
        }
        if firstSpecial == text.utf8.count {
            output += text
            return
        }
        appendEscaped(text, from: firstSpecial, to: &output)
    }

    /// Appends `text` whose first byte needing escaping is at `firstSpecial`: each run
    /// without special bytes is appended in one piece.
    private static func appendEscaped(_ text: String, from firstSpecial: Int, to output: inout String) {
        let utf8 = text.utf8
        var runStart = utf8.startIndex
        var index = utf8.index(utf8.startIndex, offsetBy: firstSpecial)
        while index < utf8.endIndex {
            let byte = utf8[index]
            if needsEscaping(byte) {
                // The special bytes are ASCII, so these indices are character boundaries.
                if runStart < index {
                    output += text[runStart..<index]
                }
                output += entity(for: byte)
                utf8.formIndex(after: &index)
                runStart = index
            } else {
                utf8.formIndex(after: &index)
            }
        }
        if runStart < utf8.endIndex {
            output += text[runStart...]
        }
    }

    private static func appendSlowly(_ text: String, to output: inout String) {
        for character in text {
            switch character {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&#39;"
            default: output.append(character)
            }
        }
    }

    /// Returns `text` escaped.
    static func escape(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        append(text, to: &output)
        return output
    }

    /// One bit per byte below 64 for `"` `&` `'` `<` `>` (all lie below 64).
    private static let specialMask: UInt64 =
        1 << 0x22 | 1 << 0x26 | 1 << 0x27 | 1 << 0x3C | 1 << 0x3E

    @inline(__always)
    private static func needsEscaping(_ byte: UInt8) -> Bool {
        byte < 64 && specialMask >> UInt64(byte) & 1 != 0
    }

    private static func entity(for byte: UInt8) -> String {
        switch byte {
        case UInt8(ascii: "&"): return "&amp;"
        case UInt8(ascii: "<"): return "&lt;"
        case UInt8(ascii: ">"): return "&gt;"
        case UInt8(ascii: "\""): return "&quot;"
        default: return "&#39;"
        }
    }
}
