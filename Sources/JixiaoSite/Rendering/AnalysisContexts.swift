import Foundation
import JixiaoCore

/// What the annual report's shortcodes and the ranking's rank-change column show:
/// the pure analysis of JixiaoCore/Analysis, formatted for templates.
extension SiteRenderer {
    func gradeDistributionContext(_ evaluation: EvaluatedEvaluation) -> [String: Any] {
        let shares = GradeDistribution.of(evaluation.result)
        let largest = shares.map(\.count).max() ?? 0
        let gradeIDs = Dictionary(evaluation.result.ranking.map { ($0.gradeName, $0.grade.rawValue) }, uniquingKeysWith: { a, _ in a })
        return [
            "rows": shares.enumerated().map { index, share -> [String: Any] in
                ["grade": share.grade, "grade_id": gradeIDs[share.grade] ?? "none", "count": share.count,
                 "share": formatPercent(share.share),
                 "units": share.units.joined(separator: "、"), "has_units": !share.units.isEmpty,
                 "bar_percent": largest == 0 ? "0" : Self.percent(Decimal(share.count), of: Decimal(largest)),
                 "bar_y": index * 10 + 1]
            },
            "total": evaluation.result.ranking.count,
            "chart_height": shares.count * 10 + 1,
            "is_empty": shares.isEmpty,
        ]
    }

    func lostPointsContext(_ evaluation: EvaluatedEvaluation, top: Int?, page path: String) -> [String: Any] {
        let precision = evaluation.settings.precision
        let losses = LostPoints.of(evaluation.result, top: top)
        return [
            "rows": losses.enumerated().map { index, loss -> [String: Any] in
                ["number": index + 1, "id": loss.indicator.id, "name": loss.indicator.name,
                 "points": Format.points(loss.indicator.points),
                 "average_loss_rate": formatPercent(loss.averageLossRate),
                 "total_deduction": Format.score(loss.totalDeduction, precision),
                 "applicable_count": loss.applicableUnits, "loss_count": loss.units.count,
                 "criteria": loss.indicator.criteria ?? "",
                 "units": loss.units.enumerated().map { offset, unit -> [String: Any] in
                     ["name": unit.unit.name, "deduction": Format.score(unit.deduction, precision),
                      "href": unitHref(evaluation, unit.unit.slug, from: path),
                      "reasons": unit.reasons.joined(separator: "；"), "last": offset == loss.units.count - 1]
                 }]
            },
            "count": losses.count, "is_empty": losses.isEmpty,
            "unit_kind": evaluation.settings.unitKind,
        ]
    }

    func selfGapsContext(_ evaluation: EvaluatedEvaluation, top: Int?, page path: String) -> [String: Any] {
        let precision = evaluation.settings.precision
        let gaps = SelfGaps.of(evaluation.result, top: top)
        return [
            "rows": gaps.enumerated().map { index, gap -> [String: Any] in
                ["number": index + 1, "unit": gap.unit.name,
                 "href": unitHref(evaluation, gap.unit.slug, from: path),
                 "id": gap.indicator.id, "indicator": gap.indicator.name,
                 "self": Format.score(gap.selfScore, precision), "reviewed": Format.score(gap.reviewed, precision),
                 "gap": Format.signed(gap.gap, precision), "self_higher": gap.gap > 0,
                 "reasons": gap.reasons.joined(separator: "；")]
            },
            "count": gaps.count, "is_empty": gaps.isEmpty,
            // A build for the public may leave self scores out: then say so, not "no gaps".
            "has_self_scores": Self.hasSelfScores(evaluation.result),
            "unit_kind": evaluation.settings.unitKind,
        ]
    }

    static func hasSelfScores(_ result: EvaluationResult) -> Bool {
        func has(_ score: IndicatorScore) -> Bool { score.selfScore != nil || score.children.contains(where: has) }
        return result.units.contains { $0.indicators.contains(where: has) }
    }

    func yearChangeContext(_ evaluation: EvaluatedEvaluation, page path: String) -> [String: Any] {
        guard let previous = evaluation.previous else {
            return ["has_previous": false, "year": evaluation.settings.year, "previous_year": evaluation.settings.year - 1]
        }
        let precision = evaluation.settings.precision
        // One change per unit of the ranking, in its order.
        let changes = zip(evaluation.result.ranking, YearChange.compare(evaluation.result.rankingEntries, with: previous.ranking))
        let up = changes.filter { ($0.1.rankChange ?? 0) > 0 }.count
        let down = changes.filter { ($0.1.rankChange ?? 0) < 0 }.count
        let new = changes.filter(\.1.isNew).count
        return [
            "has_previous": true,
            "year": evaluation.settings.year, "previous_year": previous.year,
            "previous_title": previous.title, "previous_label": previous.label,
            "previous_href": previousRankingHref(previous, from: path) as Any? ?? false,
            "up_count": up, "down_count": down, "new_count": new,
            "same_count": evaluation.result.ranking.count - up - down - new,
            "unit_kind": evaluation.settings.unitKind,
            "rows": changes.map { unit, change -> [String: Any] in
                var row: [String: Any] = [
                    "name": unit.unit.name, "rank": change.rank, "total": Format.score(change.total, precision),
                    "grade": change.grade, "change": YearChange.symbol(change),
                    "change_label": Self.rankChangeLabel(change), "is_new": change.isNew,
                    "href": unitHref(evaluation, change.slug, from: path),
                ]
                row["previous_rank"] = change.previousRank
                row["previous_total"] = Format.score(change.previousTotal, precision)
                row["previous_grade"] = change.previousGrade
                row["total_change"] = change.totalChange.map { Format.signed($0, precision) }
                return row
            },
        ]
    }

    /// The link to the ranking of the year compared with, when this build has that
    /// page: a public build may withhold it, an archive holds one evaluation only.
    func previousRankingHref(_ previous: PreviousEvaluation, from path: String) -> String? {
        site.evaluations.contains { $0.slug == previous.slug && $0.publishesRanking }
            ? SitePaths.link(SitePaths.ranking(previous.slug), from: path) : nil
    }

    /// The words for a rank change, for screen readers and print: "较上年上升2位".
    static func rankChangeLabel(_ change: UnitYearChange) -> String {
        guard let delta = change.rankChange else { return "上年未参加考核" }
        if delta > 0 { return "较上年上升\(delta)位" }
        if delta < 0 { return "较上年下降\(-delta)位" }
        return "名次与上年相同"
    }

    /// Rank changes by unit slug, for the ranking table; empty without a previous year.
    func rankChanges(_ evaluation: EvaluatedEvaluation) -> [String: UnitYearChange] {
        guard let previous = evaluation.previous else { return [:] }
        var changes: [String: UnitYearChange] = [:]
        for change in YearChange.compare(evaluation.rankingEntries, with: previous.ranking) { changes[change.slug] = change }
        return changes
    }
}
