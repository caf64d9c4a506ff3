import Foundation
import JixiaoCore

/// Small text helpers shared by page contexts and downloads.
enum Format {
    /// A score with the evaluation's precision, e.g. "92.35".
    static func score(_ value: Decimal, _ precision: Int) -> String {
        formatScore(value, precision: precision)
    }

    static func score(_ value: Decimal?, _ precision: Int) -> String? {
        value.map { formatScore($0, precision: precision) }
    }

    /// Points as written in the indicator system: no trailing zeros ("0.5", "40").
    static func points(_ value: Decimal) -> String {
        formatPlain(value)
    }

    /// A signed value for bonus and adjustments: "+0.60", "−0.50", "0.00".
    static func signed(_ value: Decimal, _ precision: Int) -> String {
        if value > 0 { return "+" + score(value, precision) }
        if value < 0 { return "−" + score(-value, precision) }
        return score(value, precision)
    }

    /// One CSV field, quoted when needed (RFC 4180).
    static func csvField(_ text: String) -> String {
        // Bytes, not Characters: the four markers are ASCII and this runs on every cell of scores.csv.
        if text.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }) {
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return text
    }

    static func csvLine(_ fields: [String]) -> String {
        var line = ""
        for (index, field) in fields.enumerated() {
            if index > 0 { line += "," }
            line += csvField(field)
        }
        return line + "\r\n"
    }

    /// A JSON string literal.
    static func jsonString(_ text: String) -> String {
        JSONText.quoted(text)
    }
}
