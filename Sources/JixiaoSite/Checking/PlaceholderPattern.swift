import Foundation

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

    /// Every pattern needs one of these characters; most cells have none, and
    /// then the regular expression (run on every cell of results.csv) is skipped.
    /// An ASCII `*` or `x` counts only after a digit, the one place a pattern
    /// has it (2019*年, 20xx年), so Markdown emphasis does not count.
    static func mayContain(_ text: String) -> Bool {
        var afterDigit = false
        for scalar in text.unicodeScalars {
            switch scalar {
            case "*", "x": if afterDigit { return true }
            case "＊", "×", "X", "Ｘ", "某", "t", "T", "待", "此": return true
            default: break
            }
            afterDigit = scalar.value >= 0x30 && scalar.value <= 0x39
        }
        return false
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
