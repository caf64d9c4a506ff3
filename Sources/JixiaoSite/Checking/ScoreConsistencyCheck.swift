import Foundation
import JixiaoCore

/// Numbers that contradict each other: a 自评得分 above the indicator's points,
/// a bonus above its item's cap, an 优秀 minimum below the pass line, a pass line
/// no unit can reach.
enum ScoreConsistencyCheck {
    static func check(_ evaluation: EvaluatedEvaluation, diagnostics: inout [Diagnostic]) {
        checkGrading(evaluation, diagnostics: &diagnostics)
        guard let system = evaluation.result.system else { return }
        for results in rawResults(evaluation.content) {
            for result in results.scores {
                guard let indicator = system.indicator(result.indicatorID), let selfScore = result.selfScore else { continue }
                if selfScore > indicator.points {
                    diagnostics.append(.error(
                        at: result.keyLocations["self"] ?? result.location,
                        "指标\(indicator.id)的自评得分\(plain(selfScore))超过该项分值\(plain(indicator.points))",
                        hint: "自评得分在0到该项分值之间；核对是否填错了列或指标编号。"))
                }
            }
            for bonus in results.bonus {
                guard let item = system.bonus?.items.first(where: { $0.id == bonus.itemID }),
                      case .manual = item.rule, let cap = item.cap, let points = bonus.points, points > cap else { continue }
                diagnostics.append(.warning(
                    at: bonus.location, "加分项\(item.id)的加分\(plain(points))超过该项上限\(plain(cap))，将按\(plain(cap))计",
                    hint: "核对加分；若上限有变，修改指标体系中该项的 cap。"))
            }
        }
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

    /// The unit results as written, with their locations (re-read quietly: the
    /// evaluation step has already reported every problem in them).
    static func rawResults(_ content: EvaluationContent) -> [UnitResults] {
        var ignored: [Diagnostic] = []
        var list = ResultsReader.tableResults(rows: content.resultRows, diagnostics: &ignored)
            .sorted { $0.key < $1.key }.map(\.value)
        for document in content.unitDocuments {
            list.append(ResultsReader.unitResults(frontMatter: document.metadata, unitSlug: document.stem, diagnostics: &ignored))
        }
        return list
    }

    static func plain(_ value: Decimal) -> String {
        NSDecimalNumber(decimal: value).stringValue
    }
}
