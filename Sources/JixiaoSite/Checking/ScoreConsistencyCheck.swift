import Foundation
import JixiaoCore

/// Settings that contradict each other: an 优秀 minimum below the pass line, a
/// pass line no unit can reach. (Results that contradict the indicator system —
/// a self score above the points, a bonus above its cap — are checked by the
/// core while it scores them, where they are already read.)
enum ScoreConsistencyCheck {
    static func check(_ evaluation: EvaluatedEvaluation, diagnostics: inout [Diagnostic]) {
        checkGrading(evaluation, diagnostics: &diagnostics)
    }

    static func checkGrading(_ evaluation: EvaluatedEvaluation, diagnostics: inout [Diagnostic]) {
        let grading = evaluation.settings.grading
        let location = evaluation.content.settings["grading"]?.location ?? grading.location
        if let pass = grading.passLine, let excellent = grading.excellentMin, excellent < pass {
            diagnostics.append(.error(
                at: evaluation.content.settings["grading"]?["excellent_min"]?.location ?? location,
                "优秀最低分 \(plain(excellent)) 低于及格线 \(plain(pass))",
                hint: "excellent_min 应不低于 pass_line。"))
        }
        // Without a formula the total is on the indicator system's scale; bonus is added on top.
        guard let pass = grading.passLine, let system = evaluation.result.system else { return }
        let items = system.bonus?.items ?? []
        guard let bonusMaximum = items.isEmpty ? Decimal(0) : system.bonus?.cap else { return }
        let maximum = (evaluation.settings.formula == nil ? system.total : 100) + bonusMaximum
        if pass > maximum {
            diagnostics.append(.error(
                at: evaluation.content.settings["grading"]?["pass_line"]?.location ?? location,
                "及格线 \(plain(pass)) 高于满分 \(plain(maximum))，所有单位都将不合格",
                hint: "pass_line 与指标体系的总分 total 要在同一分制下。"))
        }
    }

    static func plain(_ value: Decimal) -> String {
        NSDecimalNumber(decimal: value).stringValue
    }
}
