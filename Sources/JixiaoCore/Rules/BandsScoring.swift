import Foundation

/// R10: the band the value falls in gives the score or the deduction; exactly one must match.
enum BandsScoring {
    static func score(_ bands: [Band], points: Decimal, inputs: RuleInputs, diagnostics: inout [Diagnostic]) -> RuleOutcome? {
        guard let value = inputs.decimal("value", diagnostics: &diagnostics) else { return nil }
        let matches = bands.filter { $0.contains(value) }
        guard matches.count == 1, let band = matches.first else {
            let location = inputs.value("value")!.location
            if matches.isEmpty {
                diagnostics.append(.error(at: location, "\(inputs.subject)的值\(formatPlain(value))不在任何区间内",
                                          hint: "区间：\(bands.map(\.intervalText).joined(separator: "；"))。检查数值，或补全指标体系中的区间。"))
            } else {
                diagnostics.append(.error(at: location, "\(inputs.subject)的值\(formatPlain(value))同时落在多个区间内：\(matches.map(\.intervalText).joined(separator: "、"))"))
            }
            return nil
        }
        switch band.outcome {
        case .score(let score):
            return RuleOutcome(score: score, computation: "\(formatPlain(value))落在区间\(band.intervalText)，得\(inputs.score(score))分")
        case .deduction(let deduction):
            let score = flooredAtZero(points.minus(deduction))
            return RuleOutcome(score: score,
                               computation: "\(formatPlain(value))落在区间\(band.intervalText)，扣\(formatPlain(deduction))分，得\(inputs.score(score))分")
        }
    }
}
