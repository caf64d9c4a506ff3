import Foundation

/// R7 proportional and R8 threshold: scores that divide, rounded half-up once.
enum RatioScoring {
    static func proportional(points: Decimal, target ruleTarget: Decimal?, inputs: RuleInputs,
                             diagnostics: inout [Diagnostic]) -> RuleOutcome? {
        guard let actual = inputs.nonNegative("actual", diagnostics: &diagnostics),
              let target = resolveTarget(ruleTarget, inputs: inputs, diagnostics: &diagnostics) else { return nil }
        // The ratio is never divided out: comparing actual with target and rounding
        // one fraction gives the same numbers without a 38-digit division.
        let ratio = ratioText(actual, dividedBy: target)
        let goal = "实际\(formatPlain(actual)) ÷ 目标\(formatPlain(target)) = \(ratio)"
        let order = actual.compared(to: target)
        if order != .orderedAscending {
            let over = order == .orderedDescending ? "，超额完成按100%计" : ""
            return RuleOutcome(score: points, computation: "\(goal)\(over)，得满分\(inputs.score(points))分")
        }
        let score = Decimal.productQuotient(points, actual, dividedBy: target, roundedHalfUpTo: inputs.precision)
        return RuleOutcome(score: score, computation: "\(goal)，\(formatPlain(points)) × \(ratio) = \(inputs.score(score))分")
    }

    static func threshold(points: Decimal, threshold: Decimal, reading: ThresholdReading, inputs: RuleInputs,
                          diagnostics: inout [Diagnostic]) -> RuleOutcome? {
        let ratio: Decimal
        let ratioSource: String
        if inputs.has("ratio") {
            if inputs.has("actual") {
                diagnostics.append(.error(at: inputs.value("actual")!.location, "\(inputs.subject)同时写了“ratio”和“actual”",
                                          hint: "写完成率 ratio，或写实际数 actual 和目标数 target，二者选一。"))
                return nil
            }
            guard let given = inputs.nonNegative("ratio", diagnostics: &diagnostics) else { return nil }
            ratio = given
            ratioSource = "完成率\(ratioText(given))"
        } else if inputs.has("actual") {
            guard let actual = inputs.nonNegative("actual", diagnostics: &diagnostics),
                  let target = inputs.positive("target", diagnostics: &diagnostics) else { return nil }
            ratio = actual / target
            ratioSource = "完成率 = 实际\(formatPlain(actual)) ÷ 目标\(formatPlain(target)) = \(ratioText(ratio))"
        } else {
            inputs.missing("ratio", expected: "完成率，如 0.92；或写 actual 和 target", diagnostics: &diagnostics)
            return nil
        }
        if !ratio.isBelow(threshold) {
            return RuleOutcome(score: points,
                               computation: "\(ratioSource)，不低于\(formatPercent(threshold))，得满分\(inputs.score(points))分")
        }
        let score: Decimal
        let formula: String
        switch reading {
        case .ratio:
            score = points.times(ratio).roundedHalfUp(inputs.precision)
            formula = "\(formatPlain(points)) × \(ratioText(ratio))"
        case .scaled:
            score = Decimal.productQuotient(points, ratio, dividedBy: threshold, roundedHalfUpTo: inputs.precision)
            formula = "\(formatPlain(points)) × \(ratioText(ratio)) ÷ \(formatPercent(threshold))"
        }
        return RuleOutcome(score: score,
                           computation: "\(ratioSource)，低于\(formatPercent(threshold))，\(formula) = \(inputs.score(score))分")
    }

    /// The target from the rule or, when the rule has none, from the result (not both).
    static func resolveTarget(_ ruleTarget: Decimal?, inputs: RuleInputs, diagnostics: inout [Diagnostic]) -> Decimal? {
        if let ruleTarget {
            if let given = inputs.value("target") {
                diagnostics.append(.error(at: given.location, "\(inputs.subject)的目标已在指标体系中规定为\(formatPlain(ruleTarget))，结果中不能另写“target”",
                                          hint: "删除结果中的 target，或从指标体系的规则中删除 target。"))
                return nil
            }
            return ruleTarget
        }
        return inputs.positive("target", diagnostics: &diagnostics)
    }

    /// A ratio for display as a percentage with at most two decimals ("95.71%"):
    /// the percentage rounded, not the ratio (a Decimal division costs more than the rest of a rule).
    static func ratioText(_ ratio: Decimal) -> String {
        formatPlain(ratio.times(100).roundedHalfUp(2)) + "%"
    }

    /// `ratioText(actual / target)`, rounding the fraction once.
    static func ratioText(_ actual: Decimal, dividedBy target: Decimal) -> String {
        formatPlain(Decimal.productQuotient(actual, 100, dividedBy: target, roundedHalfUpTo: 2)) + "%"
    }
}
