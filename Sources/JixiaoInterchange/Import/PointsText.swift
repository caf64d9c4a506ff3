import Foundation
import JixiaoCore

/// Points as 考核表 write them: a number cell, “2”, “2分”, “（0.5分）”, or at the
/// end of a level's name (“重点工作目标（40分）”, “职能工作目标65分”).
enum PointsText {
    enum Reading {
        case none
        case value(Decimal)
        case invalid(String)
    }

    static func read(_ cell: CellValue) -> Reading {
        switch cell {
        case .empty: return .none
        case .number(let value, _): return .value(value)
        case .text(let raw):
            var text = HeaderNormalization.normalize(raw)
            if text.isEmpty { return .none }
            if text.hasPrefix("("), text.hasSuffix(")") { text = String(text.dropFirst().dropLast()) }
            if text.hasSuffix("分") { text.removeLast() }
            if let value = DecimalText.decimal(text) { return .value(value) }
            return .invalid(raw.trimmingCharacters(in: .whitespacesAndNewlines))
        default: return .invalid(cell.text)
        }
    }

    /// A level's name without a trailing “（40分）” / “65分”, and those points.
    static func splitName(_ name: String) -> (name: String, points: Decimal?) {
        let pattern = #"[（(]?\s*([0-9]+(?:\.[0-9]+)?)\s*分\s*[）)]?\s*$"#
        guard let range = name.range(of: pattern, options: .regularExpression) else { return (name, nil) }
        let match = String(name[range])
        let digits = match.filter { $0.isASCII && ($0.isNumber || $0 == ".") }
        let opens = match.contains("(") || match.contains("（")
        let closes = match.contains(")") || match.contains("）")
        var stripped = String(name[..<range.lowerBound]).trimmingCharacters(in: .whitespaces)
        if closes && !opens {
            // “……（40分）” where the “（” lies before the digits is matched above;
            // an unmatched “)” means the name itself ends with a bracket: keep it.
            return (name, nil)
        }
        guard !stripped.isEmpty, let value = DecimalText.decimal(digits) else { return (name, nil) }
        while let last = stripped.last, "，,、：:".contains(last) { stripped.removeLast() }
        return (stripped, value)
    }
}
