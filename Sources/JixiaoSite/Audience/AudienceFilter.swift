import JixiaoCore

/// Makes the view of the site that one audience may see. It works on the
/// evaluated model, before rendering, so nothing internal can reach a page, a
/// link, a download or a comment of a public build: what is not in the model is
/// not rendered.
public enum AudienceFilter {
    public static func view(_ site: EvaluatedSite, for audience: Audience) -> EvaluatedSite {
        var view = site
        view.audience = audience
        guard audience == .public else { return view }
        view.pages.removeAll { $0.meta.audience == .internal }
        view.evaluations = site.evaluations.map { publicView($0) }
        // A comparison with last year shows last year's ranks: only where those are public too.
        let publicRankings = Set(site.evaluations.filter { $0.audiencePolicy.audience(of: .ranking) == .public }.map(\.slug))
        for index in view.evaluations.indices {
            if let previous = view.evaluations[index].previous, !publicRankings.contains(previous.slug) {
                view.evaluations[index].previous = nil
            }
        }
        return view
    }

    static func publicView(_ evaluation: EvaluatedEvaluation) -> EvaluatedEvaluation {
        var view = evaluation
        let policy = evaluation.audiencePolicy
        func visible(_ publication: Publication?, _ part: AudiencePolicy.Part) -> Bool {
            guard let publication else { return false }
            return (publication.meta.audience ?? policy.audience(of: part)) == .public
        }
        if !visible(evaluation.plan, .plan) { view.plan = nil }
        if !visible(evaluation.report, .report) { view.report = nil }
        view.notices = evaluation.notices.filter { visible($0, .notices) }
        view.showsIndicators = policy.audience(of: .indicators) == .public
        view.showsRanking = policy.audience(of: .ranking) == .public
        view.showsUnits = policy.audience(of: .units) == .public
        let hideSelf = policy.audience(of: .selfScores) == .internal
        // The 自评报告 is the unit's self-assessment: it goes with the self scores.
        if !view.showsUnits || hideSelf { view.selfReports = [:] }
        let hideReasons = policy.audience(of: .reasons) == .internal
        if hideSelf || hideReasons {
            func strip(_ score: IndicatorScore) -> IndicatorScore {
                var score = score
                if hideSelf { score.selfScore = nil }
                if hideReasons { score.reasons = []; score.evidence = [] }
                score.children = score.children.map(strip)
                return score
            }
            func strip(_ unit: UnitScore) -> UnitScore {
                var unit = unit
                unit.indicators = unit.indicators.map(strip)
                if hideSelf { unit.selfTotal = nil }
                if hideReasons {
                    unit.vetoes = unit.vetoes.map { var hit = $0; hit.reason = nil; return hit }
                    unit.bonus = unit.bonus.map { var bonus = $0; bonus.reason = nil; return bonus }
                    unit.adjustments = unit.adjustments.map { var adjustment = $0; adjustment.reason = ""; adjustment.source = nil; return adjustment }
                }
                return unit
            }
            view.result.units = evaluation.result.units.map(strip)
            view.result.ranking = evaluation.result.ranking.map(strip)
        }
        return view
    }
}
