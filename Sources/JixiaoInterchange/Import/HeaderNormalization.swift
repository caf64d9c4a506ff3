import Foundation

/// Header text compared the way people read it: whitespace and line breaks
/// removed, full-width brackets and letters folded, "（分）"-style unit suffixes
/// dropped. "分 值（分）" and "分值" are the same header.
enum HeaderNormalization {
    static func normalize(_ text: String) -> String {
        var folded = ""
        for scalar in text.unicodeScalars {
            if CharacterSet.whitespacesAndNewlines.contains(scalar) || scalar == "\u{3000}" { continue }
            switch scalar {
            case "（": folded += "("
            case "）": folded += ")"
            case "\u{FF01}"..."\u{FF5E}":
                folded.unicodeScalars.append(Unicode.Scalar(scalar.value - 0xFEE0)!)
            default: folded.unicodeScalars.append(scalar)
            }
        }
        folded = folded.lowercased()
        for suffix in ["(分)", "(分值)", "(%)", "(年度工作目标)"] where folded.hasSuffix(suffix) && folded.count > suffix.count {
            folded.removeLast(suffix.count)
        }
        return folded
    }
}
