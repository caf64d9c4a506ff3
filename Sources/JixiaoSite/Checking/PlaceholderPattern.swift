import Foundation
import JixiaoBytes
import JixiaoCore

/// Text left over from a template or a copied document: a masked year (`202*`,
/// `20XX`), masked names (`××市`, `XX局`), `某某`, or a to-do note.
enum PlaceholderPattern {
    static let expression: NSRegularExpression = {
        let patterns = [
            "(?<![0-9])(?:19|20)[0-9]?[*＊×XxＸ]{1,3}(?=[年〕\\]）)\\-/.号]|$|\\s)", // 202*年, 20XX-, 〔201*〕
            "[＊×XＸ]{2,}(?=[年月日号市县区局镇乡村处科股委办])",       // ××市, XX局 (not **: Markdown bold)
            "某某",
            "(?<![A-Za-z])(?i:todo|tbd)(?![A-Za-z])",
            "待填写|待补充|待完善|此处填写",
        ]
        // The patterns are constant and known to compile.
        return try! NSRegularExpression(pattern: patterns.joined(separator: "|"))
    }()

    /// The same patterns over a whole text, with ^ and $ at every line: no match
    /// there means no line has one, so a long body is searched once, not line by line.
    private static let wholeText = try! NSRegularExpression(pattern: expression.pattern, options: .anchorsMatchLines)

    /// Whether some line of `text` may hold a placeholder.
    static func mayContainInSomeLine(_ text: String) -> Bool {
        guard mayContain(text) else { return false }
        return wholeText.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    /// Every pattern needs one of these pairs of characters; most cells have
    /// none, and then the regular expression (run on every cell of results.csv)
    /// is skipped. A mark (`*`, `x`, `×`, `X` …) counts after a digit (2019*年,
    /// 20XX年) or, for the marks that can repeat (××市, XX局), after another; `某`
    /// after `某`; `填`, `补`, `完` after `待`; `处` after `此`; and the letters
    /// todo or tbd in any case. (A lone `t` let every "true" through.)
    private static let tbd: UInt32 = 0x74_62_64, todo: UInt32 = 0x74_6F_64_6F

    static func mayContain(_ text: String) -> Bool {
        // Scalars decoded from the bytes in place (27% fewer instructions than
        // iterating `unicodeScalars`): this runs on every cell of results.csv.
        return text.withUTF8Bytes { bytes in
            var afterDigit = false
            var previous: UInt32 = 0x20
            // The last four ASCII letters in a row, lowercased, a byte each.
            var letters: UInt32 = 0
            var index = 0
            while index < bytes.count {
                // A character of three or four bytes that none of the pairs has, and that
                // nothing after it pairs with, is stepped over undecoded (most of a Chinese
                // cell): only the ones led by E5 (填 完 处 待), E6 (某 此), EF (＊ Ｘ) and,
                // after 待, E8 (补) are read.
                let lead = bytes[index]
                if lead >= 0xE0, lead != 0xE5, lead != 0xE6, lead != 0xEF, lead != 0xE8 || previous != 0x5F85 {
                    index += lead >= 0xF0 ? 4 : 3
                    afterDigit = false
                    previous = 0
                    letters = 0
                    continue
                }
                let (scalar, length) = unicodeScalar(in: bytes, at: index)
                index += length
                switch scalar {
                case 0x2A, 0x78: // * x
                    if afterDigit { return true }
                case 0xFF0A, 0xD7, 0x58, 0xFF38: // ＊ × X Ｘ
                    if afterDigit || previous == 0xFF0A || previous == 0xD7 || previous == 0x58 || previous == 0xFF38 {
                        return true
                    }
                case 0x67D0: // 某
                    if previous == 0x67D0 { return true }
                case 0x586B, 0x8865, 0x5B8C: // 填 补 完
                    if previous == 0x5F85 { return true } // 待
                case 0x5904: // 处
                    if previous == 0x6B64 { return true } // 此
                default:
                    break
                }
                let lowered = scalar | 0x20
                if scalar < 0x80 && lowered >= 0x61 && lowered <= 0x7A {
                    letters = letters << 8 | lowered
                    if letters & 0xFF_FFFF == Self.tbd || letters == Self.todo { return true }
                } else {
                    letters = 0
                }
                afterDigit = scalar >= 0x30 && scalar <= 0x39
                previous = scalar
            }
            return false
        }
    }

    /// The first placeholder in `text`: its offset in Unicode scalars and its text.
    static func first(in text: String) -> (offset: Int, match: String)? {
        guard mayContain(text) else { return nil }
        let range = NSRange(text.startIndex..., in: text)
        guard let found = expression.firstMatch(in: text, range: range),
              let matched = Range(found.range, in: text) else { return nil }
        let offset = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: matched.lowerBound)
        return (offset, String(text[matched]))
    }
}
