import Foundation

/// A score given by the reviewer: 0 ≤ s ≤ v, and a reason whenever s < v.
enum ManualScoring {
    static func score(points: Decimal, inputs: RuleInputs, diagnostics: inout [Diagnostic]) -> RuleOutcome? {
        guard let score = inputs.result.score else {
            if inputs.result.keyLocations["score"] == nil {
                diagnostics.append(.error(at: inputs.result.location, "\(inputs.subject)缺少考评得分“score”",
                                          hint: "该指标由考评人评定，须写 score（不适用时写 na: true 和理由）。"))
            }
            return nil
        }
        let location = inputs.result.keyLocations["score"] ?? inputs.result.location
        let order = score.compared(to: points)
        if score.isBelow(0) {
            diagnostics.append(.error(at: location, "\(inputs.subject)的得分\(formatPlain(score))为负数",
                                      hint: "得分应在0到\(formatPlain(points))之间。"))
            return nil
        }
        if order == .orderedDescending {
            diagnostics.append(.error(at: location, "\(inputs.subject)的得分\(formatPlain(score))超过分值\(formatPlain(points))",
                                      hint: "得分应在0到\(formatPlain(points))之间；加分请写在 bonus 中。"))
            return nil
        }
        if order == .orderedAscending && inputs.result.reasons.isEmpty {
            diagnostics.append(.error(at: location, "\(inputs.subject)扣了\(formatPlain(points.minus(score)))分，但没有写扣分理由",
                                      hint: "在该指标的结果中写 reason（或 reasons 列表）说明扣分理由。"))
        }
        if score.decimalPlaces > inputs.precision {
            diagnostics.append(.warning(at: location, "\(inputs.subject)的得分\(formatPlain(score))的小数位数超过公布精度\(inputs.precision)位",
                                        hint: "公布的得分按四舍五入保留\(inputs.precision)位小数，合计可能与各项之和不一致。"))
        }
        let text = order == .orderedSame ? "评定得满分\(inputs.score(score))分"
            : "评定得\(inputs.score(score))分（满分\(formatPlain(points))分，扣\(formatPlain(points.minus(score)))分）"
        return RuleOutcome(score: score, computation: text)
    }
}
