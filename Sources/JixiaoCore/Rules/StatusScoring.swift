import Foundation

/// R6: the points of an enumerated status.
enum StatusScoring {
    static func score(_ levels: [StatusLevel], inputs: RuleInputs, diagnostics: inout [Diagnostic]) -> RuleOutcome? {
        guard let status = inputs.string("status", diagnostics: &diagnostics) else { return nil }
        guard let level = levels.first(where: { $0.status == status }) else {
            diagnostics.append(.error(at: inputs.value("status")!.location, "\(inputs.subject)的状态“\(status)”不在规定的状态中",
                                      hint: "可用的状态：\(levels.map(\.status).joined(separator: "、"))。"))
            return nil
        }
        return RuleOutcome(score: level.points, computation: "状态为“\(status)”，得\(inputs.score(level.points))分")
    }
}
