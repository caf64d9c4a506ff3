import Foundation

/// R9: v − deduction × steps short, a partial step counted by `partial`.
enum StepsScoring {
    static func score(points: Decimal, target ruleTarget: Decimal?, step: Decimal, deduction: Decimal, partial: PartialStep,
                      inputs: RuleInputs, diagnostics: inout [Diagnostic]) -> RuleOutcome? {
        guard let value = inputs.decimal("value", diagnostics: &diagnostics),
              let target = RatioScoring.resolveTarget(ruleTarget, inputs: inputs, diagnostics: &diagnostics) else { return nil }
        let short = target - value
        guard short > 0 else {
            return RuleOutcome(score: points, computation: "实际\(formatPlain(value))，达到目标\(formatPlain(target))，得满分\(inputs.score(points))分")
        }
        let exactSteps = short / step
        let steps = partial == .floor ? exactSteps.floored : exactSteps.ceiled
        let taken = steps * deduction
        let score = flooredAtZero(points - taken)
        let rounding = exactSteps.isWholeNumber ? "" : (partial == .floor ? "（不足一档不扣）" : "（不足一档按一档扣）")
        let text = "目标\(formatPlain(target))，实际\(formatPlain(value))，差\(formatPlain(short))，每\(formatPlain(step))为一档，"
            + "计\(formatPlain(steps))档\(rounding)，扣\(formatPlain(steps))×\(formatPlain(deduction)) = \(formatPlain(taken))分，"
            + (taken > points ? "扣完为止，" : "") + "得\(inputs.score(score))分"
        return RuleOutcome(score: score, computation: text)
    }
}
