import Foundation
import JixiaoCore

/// Recognises a scoring rule from criteria text only when the text leaves no
/// doubt; everything else stays `manual` for the reviewer to score by hand.
enum RuleRecognition {
    /// `binary` for a single condition that takes all the points:
    /// “（……，）未……的，扣N分。” with N equal to the points, or “……未……的不得分。”.
    static func recognize(_ criteria: String?, points: Decimal) -> RecognizedRule {
        guard let text = criteria?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return .manual }
        if text.contains("\n") || text.contains("每") || text.contains("；") || text.contains(";") || text.contains("扣完") {
            return .manual
        }
        let deductions = text.components(separatedBy: "扣").count - 1
        let body = text.hasSuffix("。") ? String(text.dropLast()) : text
        if deductions == 1,
           let range = body.range(of: #"未[^，,。]*?(的)?[，,]?\s*扣\s*([0-9]+(\.[0-9]+)?)\s*分$"#, options: .regularExpression) {
            let tail = String(body[range])
            let number = tail.split(separator: "扣").last.map { $0.filter { $0.isASCII && ($0.isNumber || $0 == ".") } } ?? ""
            if let value = DecimalText.decimal(number), value == points, !body[..<range.lowerBound].contains("未") {
                return .binary
            }
        }
        if deductions == 0, body.hasSuffix("不得分"), body.contains("未"), body.components(separatedBy: "未").count == 2,
           !body.contains("分，"), body.filter(\.isNumber).isEmpty || body.range(of: #"[0-9]+分"#, options: .regularExpression) == nil {
            return .binary
        }
        return .manual
    }
}
