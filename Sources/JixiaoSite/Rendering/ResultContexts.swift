import Foundation
import JixiaoCore
import JixiaoTemplate

/// The ranking page and the unit score cards: computed numbers, each shown with
/// how it was obtained.
extension SiteRenderer {
    /// The ranking page's context: `base` (see `rankingBase`) with the rank changes
    /// against the year before.
    func rankingContext(_ evaluation: EvaluatedEvaluation, base: [String: TemplateValue], page path: String) -> [String: Any] {
        var context: [String: Any] = base
        let changes = rankChanges(evaluation)
        // Rows are records of `rankingRowShape` as made, objects as read from the cache (see RankingPageRecord).
        if !changes.isEmpty, case .list(let rows) = base["rows"] {
            context["rows"] = TemplateValue.list(rows.map { row in
                guard case .string(let slug)? = row[member: "slug"], let change = changes[slug] else { return row }
                var row = row
                row[member: "change"] = .string(YearChange.symbol(change))
                row[member: "change_label"] = .string(Self.rankChangeLabel(change))
                row[member: "change_id"] = .string(change.isNew ? "new" : (change.rankChange! > 0 ? "up" : (change.rankChange! < 0 ? "down" : "same")))
                if let rank = change.previousRank { row[member: "previous_rank"] = .int(rank) }
                return row
            })
        }
        context["has_previous"] = evaluation.previous != nil
        if let previous = evaluation.previous {
            context["previous"] = ["title": previous.title, "year": previous.year, "label": previous.label,
                                   "href": previousRankingHref(previous, from: path) as Any? ?? false] as [String: Any]
        }
        return context
    }

    /// Everything the ranking page shows of its own evaluation, none of it read
    /// from the year before. A build cache keeps it (see RankingPageRecord): when
    /// only the year before changed, the page is made again from it without scoring.
    func rankingBase(_ evaluation: EvaluatedEvaluation, page path: String) -> [String: TemplateValue] {
        let result = evaluation.result
        let precision = evaluation.settings.precision
        let maxTotal = result.ranking.map(\.total).max() ?? 0
        let componentHeaders = evaluation.settings.formula?.components.map { component -> [String: Any] in
            ["name": component.name, "weight": Format.points(component.weight)]
        } ?? []
        let chart = BarChartGeometry(count: result.ranking.count)
        // Records, made as template values: a row per unit, thousands in a large evaluation.
        let rows = result.ranking.enumerated().map { index, unit -> TemplateValue in
            .record(Self.rankingRowShape, unitSummaryMembers(unit, evaluation: evaluation, page: path) + [
                .string(Self.percent(unit.total, of: maxTotal)),
                chart.bar(index: index, value: unit.total, maximum: maxTotal),
                .list(unit.components.map { Self.componentValueShape.record(["value": .string(Format.score($0.value, precision))]) }),
                .null, .null, .null, .null, // the rank changes, set by `rankingContext`
            ])
        }
        let context: [String: Any] = [
            "rows": TemplateValue.list(rows),
            "component_headers": componentHeaders,
            "has_components": !componentHeaders.isEmpty,
            "has_bonus": result.units.contains { !$0.bonus.isEmpty } || result.system?.bonus != nil,
            "has_adjustments": result.units.contains { !$0.adjustments.isEmpty },
            "pending_ties": result.pendingTies,
            "has_pending_ties": !result.pendingTies.isEmpty,
            "grade_counts": result.gradeCounts.map { ["grade": $0.grade, "count": $0.count] },
            "precision": precision,
            "rounding_note": "得分按四舍五入保留\(precision)位小数；排名与等次按公布的（已取舍的）总分确定，并列者名次相同。",
            "downloads": downloadFormats.map { format -> [String: Any] in
                ["title": format.title, "href": SitePaths.link(SitePaths.download(evaluation.slug, format.fileName), from: path)]
            },
            "chart": chart.context,
        ]
        return context.mapValues(TemplateValue.init(any:))
    }

    /// What a list of units shows of each: rank, name, link, totals, grade.
    func unitSummary(_ unit: UnitScore, evaluation: EvaluatedEvaluation, page path: String) -> TemplateValue {
        .record(Self.unitSummaryShape, unitSummaryMembers(unit, evaluation: evaluation, page: path))
    }

    /// The members of `unitSummary`, in the order of `unitSummaryNames`.
    private func unitSummaryMembers(_ unit: UnitScore, evaluation: EvaluatedEvaluation, page path: String) -> [TemplateValue] {
        let precision = evaluation.settings.precision
        return [
            .int(unit.rank), .bool(unit.tied), .string(unit.unit.name), .string(unit.unit.slug),
            unitHref(evaluation, unit.unit.slug, from: path),
            .string(Format.score(unit.indicatorTotal, precision)),
            .string(Format.signed(unit.bonusTotal, precision)),
            .string(Format.signed(unit.adjustmentTotal, precision)),
            .string(Format.score(unit.total, precision)),
            .string(unit.gradeName), .string(unit.grade.rawValue), // its case name, without reflection
            TemplateValue(unit.gradeNote),
        ]
    }

    static let unitSummaryNames = ["rank", "tied", "name", "slug", "href", "indicator_total", "bonus", "adjustments", "total",
                                   "grade", "grade_id", "grade_note"]
    static let unitSummaryShape = TemplateShape.immortal(unitSummaryNames)
    /// A ranking row: the unit's summary, its bar and components, and how its rank changed.
    static let rankingRowShape = TemplateShape.immortal(unitSummaryNames + ["bar_percent", "bar", "components", "change",
                                                                            "change_label", "change_id", "previous_rank"])
    static let componentValueShape = TemplateShape.immortal(["value"])

    /// Rule input keys (docs/content-format.md) as a reader calls them.
    static let inputNames = [
        "score": "得分", "pass": "是否达到要求", "failed": "未达到的事项", "count": "次数", "counts": "各类次数",
        "status": "状态", "actual": "实际完成", "target": "目标", "ratio": "完成率", "value": "数值",
        "occurred": "是否发生", "points": "分数", "awards": "表彰",
    ].immortal()

    /// `value` as a percentage of `maximum` with one decimal, for bar widths.
    static func percent(_ value: Decimal, of maximum: Decimal) -> String {
        guard maximum.isAbove(0), value.isAbove(0) else { return "0" }
        return formatScore(Decimal.productQuotient(value, 100, dividedBy: maximum, roundedHalfUpTo: 1), precision: 1)
    }

    /// The members of a score card's table row, shared by every row of every card.
    static let cardRowShape = TemplateShape.immortal([
        "id", "name", "level", "indent", "is_group", "points", "score", "deduction", "has_deduction", "not_applicable",
        "vetoed", "computation", "reasons", "evidence", "inputs", "rule", "self", "criteria", "source", "reviewer",
        "has_inputs", "has_evidence", "self_differs",
    ])
    static let cardInputShape = TemplateShape.immortal(["name", "value"])

    mutating func unitContext(_ unit: UnitScore, evaluation: EvaluatedEvaluation, page path: String) -> [String: Any] {
        let precision = evaluation.settings.precision
        // The score table is most of a card's context: built as template values
        // directly, not as `Any` to be converted (see TemplateValue(any:)), and as
        // records (the site's 400,000 rows at 10,000 cards, none hashing its names).
        var rows: [TemplateValue] = []
        unit.indicators.forEachInPlace { scores, index in
            // Compared by the exact helpers: Foundation's operators allocate on every call.
            let selfDiffers = if let own = scores[index].selfScore, let given = scores[index].score {
                !own.isSameNumber(as: given)
            } else {
                false
            }
            // In the order of `cardRowShape`'s names.
            let row = Self.cardRowShape.record(values: [
                .string(scores[index].indicator.id), // id
                .string(scores[index].indicator.name), // name
                .int(scores[index].indicator.level), // level
                .int(scores[index].indicator.level - 1), // indent
                .bool(!scores[index].children.isEmpty), // is_group
                .string(Format.points(scores[index].points)), // points
                .string(Format.score(scores[index].score, precision) ?? "不适用"), // score
                .string(scores[index].notApplicable ? "—" : Format.score(scores[index].deduction, precision)), // deduction
                .bool(scores[index].deduction.isAbove(0)), // has_deduction
                .bool(scores[index].notApplicable), // not_applicable
                .bool(scores[index].vetoed), // vetoed
                .string(scores[index].computation), // computation
                .list(scores[index].reasons.map(TemplateValue.string)), // reasons
                .list(scores[index].evidence.map(TemplateValue.string)), // evidence
                .list(scores[index].inputs.map { // inputs
                    Self.cardInputShape.record(values: [.string(Self.inputNames[$0.name] ?? $0.name), .string($0.text)]) // name, value
                }),
                .string(scores[index].ruleDescription), // rule
                TemplateValue(Format.score(scores[index].selfScore, precision)), // self
                TemplateValue(scores[index].indicator.criteria), // criteria
                TemplateValue(scores[index].source), // source
                TemplateValue(scores[index].reviewer), // reviewer
                .bool(!scores[index].inputs.isEmpty), // has_inputs
                .bool(!scores[index].evidence.isEmpty), // has_evidence
                .bool(selfDiffers), // self_differs
            ])
            rows.append(row)
        }
        var context: [String: Any] = [
            "unit": unitSummary(unit, evaluation: evaluation, page: path),
            "rows": TemplateValue.list(rows),
            "computation": unit.computation,
            "components": unit.components.map { component -> [String: Any] in
                ["name": component.name, "weight": Format.points(component.weight),
                 "value": Format.score(component.value, precision),
                 "weighted": Format.score(component.weighted, precision)]
            },
            "has_components": !unit.components.isEmpty,
            "bonus_items": unit.bonus.map { bonus -> [String: Any] in
                var item: [String: Any] = ["name": bonus.item.name, "points": Format.score(bonus.points, precision),
                                           "computation": bonus.computation, "counted": bonus.counted]
                item["reason"] = bonus.reason
                return item
            },
            "has_bonus": !unit.bonus.isEmpty,
            "adjustments": unit.adjustments.map { adjustment -> [String: Any] in
                var item: [String: Any] = ["points": Format.signed(adjustment.points, precision),
                                           "kind": adjustment.kindName, "reason": adjustment.reason,
                                           "counted": adjustment.counted]
                item["source"] = adjustment.source
                item["notice_year"] = adjustment.noticeYear
                return item
            },
            "has_adjustments": !unit.adjustments.isEmpty,
            "vetoes": unit.vetoes.map { ["name": $0.veto.name, "reason": $0.reason ?? ""] },
            "has_vetoes": !unit.vetoes.isEmpty,
            "unit_count": evaluation.result.ranking.count,
            "ranking_href": SitePaths.link(SitePaths.ranking(evaluation.slug), from: path),
        ]
        context["self_total"] = Format.score(unit.selfTotal, precision)
        context["indicator_points"] = evaluation.result.system.map { Format.points($0.total) }
        context["reviewer"] = unit.reviewer
        if let report = evaluation.selfReports[unit.unit.slug], !report.body.isBlank {
            context["self_report_html"] = markdown(report, page: path, evaluation: evaluation)
        }
        return context
    }
}
