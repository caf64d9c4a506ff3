import Foundation

/// Applies a scoring rule to one unit's inputs. `points` is v; `base` is what a
/// deduction is taken from (v for a leaf, the children's sum for a parent, R4).
enum RuleScoring {
    static func score(_ rule: ScoringRule, points: Decimal, base: Decimal, inputs: RuleInputs,
                      diagnostics: inout [Diagnostic]) -> RuleOutcome? {
        switch rule {
        case .manual:
            return ManualScoring.score(points: points, inputs: inputs, diagnostics: &diagnostics)
        case .binary:
            guard let pass = inputs.bool("pass", diagnostics: &diagnostics) else { return nil }
            return pass
                ? RuleOutcome(score: points, computation: "达到要求，得\(inputs.score(points))分")
                : RuleOutcome(score: 0, computation: "未达到要求，不得分（0分）")
        case .checklist(let items):
            return DeductionScoring.checklist(items, base: base, inputs: inputs, diagnostics: &diagnostics)
        case .perOccurrence(let deduction, let cap):
            return DeductionScoring.perOccurrence(deduction: deduction, cap: cap ?? points, base: base,
                                                  inputs: inputs, diagnostics: &diagnostics)
        case .perKind(let deductions, let cap):
            return DeductionScoring.perKind(deductions, cap: cap ?? points, base: base, inputs: inputs,
                                            diagnostics: &diagnostics)
        case .event(let deduction):
            return DeductionScoring.event(deduction: deduction, base: base, inputs: inputs, diagnostics: &diagnostics)
        case .status(let levels):
            return StatusScoring.score(levels, inputs: inputs, diagnostics: &diagnostics)
        case .proportional(let target):
            return RatioScoring.proportional(points: points, target: target, inputs: inputs, diagnostics: &diagnostics)
        case .threshold(let threshold, let reading):
            return RatioScoring.threshold(points: points, threshold: threshold, reading: reading, inputs: inputs,
                                          diagnostics: &diagnostics)
        case .steps(let target, let step, let deduction, let partial):
            return StepsScoring.score(points: points, target: target, step: step, deduction: deduction, partial: partial,
                                      inputs: inputs, diagnostics: &diagnostics)
        case .bands(let bands):
            return BandsScoring.score(bands, points: points, inputs: inputs, diagnostics: &diagnostics)
        }
    }
}
