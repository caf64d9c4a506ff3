import CCmark

/// Line breaks inside Chinese text.
///
/// A soft break (a line break inside a paragraph) is removed when the characters
/// on both sides are CJK: Han ideographs, kana, CJK symbols and punctuation
/// (、。「」《》…), fullwidth forms (，：；！？（）). The general punctuation that
/// Chinese text also uses (“ ” ‘ ’ — … ·) counts only when the other side is one of
/// the former, so English text with curly quotes keeps its space. Everywhere else,
/// including "中文⏎English" and "English⏎中文", the break stays (shown as a space):
/// mixed text is usually written with a space between Chinese and Latin words.
/// Hangul is not joined: Korean separates words with spaces.
public enum CJK {
    /// Han, kana, CJK punctuation and fullwidth forms.
    public static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x2E80...0x2FDF,    // CJK radicals, Kangxi radicals
             0x2FF0...0x2FFF,    // ideographic description
             0x3000...0x303F,    // CJK symbols and punctuation
             0x3040...0x30FF,    // hiragana, katakana
             0x3100...0x312F,    // bopomofo
             0x31A0...0x31FF,    // bopomofo extended, CJK strokes, katakana ext.
             0x3200...0x33FF,    // enclosed CJK, CJK compatibility
             0x3400...0x4DBF,    // extension A
             0x4E00...0x9FFF,    // unified ideographs
             0xF900...0xFAFF,    // compatibility ideographs
             0xFE10...0xFE1F,    // vertical forms
             0xFE30...0xFE4F,    // CJK compatibility forms
             0xFE50...0xFE6F,    // small form variants
             0xFF00...0xFFEF,    // halfwidth and fullwidth forms
             0x20000...0x3FFFF:  // extensions B and later
            return true
        default:
            return false
        }
    }

    /// Punctuation shared with Western text that Chinese also uses.
    static func isSharedPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x2014, 0x2015, 0x2018, 0x2019, 0x201C, 0x201D, 0x2026, 0x00B7, 0x2022:
            return true
        default:
            return false
        }
    }

    /// Whether a line break between `before` and `after` should be removed.
    public static func joins(_ before: Unicode.Scalar, _ after: Unicode.Scalar) -> Bool {
        let a = isCJK(before), b = isCJK(after)
        return (a && b) || (a && isSharedPunctuation(after)) || (b && isSharedPunctuation(before))
    }
}

extension MarkdownDocument {
    /// Removes the soft breaks `CJK.joins` says should go.
    func joinCJKSoftBreaks() {
        rewrite { node in
            guard node.kind == .softBreak,
                  let before = node.previous.flatMap({ Self.edgeScalar($0.pointer, last: true) }),
                  let after = node.next.flatMap({ Self.edgeScalar($0.pointer, last: false) }),
                  CJK.joins(before, after) else { return nil }
            return .remove
        }
    }

    /// The last (or first) character of an inline node's text, looking into
    /// emphasis and links; nil for raw HTML, breaks and images.
    static func edgeScalar(_ start: OpaquePointer, last: Bool) -> Unicode.Scalar? {
        var pointer = start
        while true {
            switch MarkdownNodeKind(cmark_node_get_type(pointer)) {
            case .text, .code:
                let literal = string(cmark_node_get_literal(pointer))
                return last ? literal.unicodeScalars.last : literal.unicodeScalars.first
            case .emphasis, .strong, .link:
                guard let child = last ? cmark_node_last_child(pointer) : cmark_node_first_child(pointer) else { return nil }
                pointer = child
            default:
                return nil
            }
        }
    }
}
