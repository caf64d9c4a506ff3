import Foundation

/// Validates results against the system and computes every number of an
/// evaluation: indicator scores, bonus, adjustments, composite totals, ranks, grades.
public enum Evaluator {
    /// `system` is nil for a plan-only evaluation; `results` (keyed by unit slug) may be empty.
    public static func evaluate(settings: EvaluationSettings, system: IndicatorSystem?, results: [String: UnitResults],
                                diagnostics: inout [Diagnostic]) -> EvaluationResult {
        var ignored: [String: [Diagnostic]]?
        return evaluate(settings: settings, system: system, results: results, reusing: [:], shared: nil,
                        diagnostics: &diagnostics, unitDiagnostics: &ignored)
    }

    /// A unit scored by an earlier build (see UnitScoreCoding): its own scores and
    /// what reading and scoring them reported.
    public struct ReusedUnit: Sendable {
        public var score: UnitScore
        public var diagnostics: [Diagnostic]

        public init(score: UnitScore, diagnostics: [Diagnostic]) {
            self.score = score
            self.diagnostics = diagnostics
        }
    }

    /// The same, with some units' own scores given instead of their results: they
    /// are not scored again, only totalled, ranked and graded with the others, and
    /// their diagnostics are reported where scoring them would have reported its.
    /// Only without a bonus scheme (its points depend on every unit's results),
    /// and for units without a recorded grade decision (grading reads it from the results).
    /// `shared`: what the reused units were decoded with. `unitDiagnostics`, when
    /// not nil, also gets what scoring each unit of `results` reported, by slug.
    public static func evaluate(settings: EvaluationSettings, system: IndicatorSystem?, results: [String: UnitResults],
                                reusing reused: [String: ReusedUnit], shared: SharedIndicators?,
                                diagnostics: inout [Diagnostic],
                                unitDiagnostics: inout [String: [Diagnostic]]?) -> EvaluationResult {
        precondition(reused.isEmpty || system?.bonus == nil, "a bonus scheme needs every unit's results")
        var result = EvaluationResult(settings: settings, system: system, units: [], ranking: [], gradeCounts: [],
                                      pendingTies: [])
        checkTieBreakers(settings: settings, system: system, diagnostics: &diagnostics)
        ResultValidation.checkUnits(settings: settings, results: results, alsoPresent: Set(reused.keys),
                                    diagnostics: &diagnostics)
        guard let system else {
            result.gradeCounts = Grading(scheme: settings.grading, precision: settings.precision, results: [:]).counts([])
            return result
        }
        let precision = settings.precision
        let present = settings.units.filter { results[$0.slug] != nil || reused[$0.slug] != nil }

        let sharedIndicators = shared ?? SharedIndicators(system)
        // The layout of the first results, which the others most often share.
        let systemIDs = system.allIndicators.map(\.id)
        let layout = present.lazy.compactMap { results[$0.slug] }.first.map {
            ResultLayout($0, systemIDs: systemIDs, indicators: sharedIndicators.byID)
        }
        // Units are scored independently, on every core; their diagnostics keep the units' order.
        let scored = present.concurrentMap(workerState: { LeafOutcomes() }) { outcomes, unit -> (UnitScore, [Diagnostic]) in
            if let kept = reused[unit.slug] { return (kept.score, kept.diagnostics) }
            var found: [Diagnostic] = []
            let unitResults = results[unit.slug]!
            let score = scoreUnit(unit, unitResults, settings: settings, system: system, shared: sharedIndicators,
                                  layout: layout?.layout(of: unitResults)
                                      ?? ResultLayout(unitResults, systemIDs: systemIDs, indicators: sharedIndicators.byID),
                                  outcomes: outcomes, diagnostics: &found)
            return (score, found)
        }
        var units = scored.map(\.0)
        diagnostics += scored.flatMap(\.1)
        if unitDiagnostics != nil {
            for (unit, found) in scored where reused[unit.unit.slug] == nil { unitDiagnostics![unit.unit.slug] = found }
        }

        var bonusNotes: [String: String] = [:]
        if let scheme = system.bonus {
            // With a bonus scheme no unit is reused: every unit's results are here.
            let assessed = settings.units.compactMap { unit in results[unit.slug].map { (unit: unit, results: $0) } }
            let bonus = BonusScoring(scheme: scheme, units: assessed, precision: precision).score(diagnostics: &diagnostics)
            for index in units.indices {
                guard let entry = bonus[units[index].unit.slug] else { continue }
                units[index].bonus = entry.items
                units[index].bonusTotal = entry.total
                bonusNotes[units[index].unit.slug] = entry.note
            }
        }
        for index in units.indices {
            let (total, computation) = TotalComputation.total(units[index], formula: settings.formula,
                                                              bonusNote: bonusNotes[units[index].unit.slug],
                                                              precision: precision)
            units[index].total = total
            units[index].computation = computation
        }

        var ranking = Ranking.rank(units, tieBreakers: settings.tieBreakers)
        let grading = Grading(scheme: settings.grading, precision: precision, results: results)
        result.pendingTies = grading.grade(&ranking, diagnostics: &diagnostics)
        result.ranking = ranking
        let ranked = Dictionary(ranking.map { ($0.unit.slug, $0) }) { first, _ in first }
        result.units = units.map { ranked[$0.unit.slug]! }
        result.gradeCounts = grading.counts(ranking)
        return result
    }

    /// One unit's indicator scores, adjustments and components, before bonus,
    /// totals, ranks and grades (which need every unit).
    private static func scoreUnit(_ unit: AssessedUnit, _ unitResults: UnitResults, settings: EvaluationSettings,
                                  system: IndicatorSystem, shared sharedIndicators: SharedIndicators, layout: ResultLayout,
                                  outcomes: LeafOutcomes, diagnostics: inout [Diagnostic]) -> UnitScore {
        let precision = settings.precision
        ResultValidation.checkUnit(unit, unitResults, layout: layout, system: system, diagnostics: &diagnostics)
        let vetoes = ResultValidation.vetoHits(unit, unitResults, system: system, diagnostics: &diagnostics)
        var zeroed: [String: VetoHit] = [:]
        for hit in vetoes {
            if let id = hit.veto.scope.indicatorID, zeroed[id] == nil { zeroed[id] = hit }
        }
        let tree = IndicatorTreeScoring(system: system, unit: unit, results: unitResults, layout: layout, precision: precision,
                                        vetoed: zeroed, shared: sharedIndicators, outcomes: outcomes)
        let (indicators, indicatorTotal) = tree.score(diagnostics: &diagnostics)
        let adjustments = unitResults.adjustments.map { adjustment in
            AdjustmentScore(points: adjustment.points, kind: adjustment.kind, kindName: adjustment.kind.name,
                            reason: adjustment.reason, source: adjustment.source, noticeYear: adjustment.noticeYear,
                            counted: adjustment.kind != .external || adjustment.noticeYear == settings.year)
        }
        var components: [ComponentScore] = []
        if let formula = settings.formula {
            components = CompositeScoring(formula: formula, systemTotal: system.total, precision: precision)
                .components(unit: unit, results: unitResults, indicatorTotal: indicatorTotal, diagnostics: &diagnostics)
        } else if let first = unitResults.components.first {
            diagnostics.append(.warning(at: first.location, "\(unit.name)的结果中有 components，但 evaluation.yaml 没有计分公式 formula，已忽略"))
        }
        let selves = indicators.filter { !$0.notApplicable }.map(\.selfScore)
        let selfTotal = selves.allSatisfy { $0 != nil } && !selves.isEmpty
            ? selves.reduce(Decimal(0)) { $0.plus($1 ?? 0) } : nil
        return UnitScore(
            unit: unit, indicators: indicators, indicatorTotal: indicatorTotal, components: components,
            bonus: [], bonusTotal: 0, adjustments: adjustments,
            adjustmentTotal: adjustments.filter(\.counted).reduce(Decimal(0)) { $0.plus($1.points) },
            vetoes: vetoes, selfTotal: selfTotal, total: 0, rank: 0, tied: false, grade: .ungraded, gradeName: "",
            gradeNote: nil, computation: "", reviewer: unitResults.reviewer)
    }

    private static func checkTieBreakers(settings: EvaluationSettings, system: IndicatorSystem?, diagnostics: inout [Diagnostic]) {
        let components = settings.formula?.components.map(\.id) ?? []
        let indicators = system?.allIndicators.map(\.id) ?? []
        for id in settings.tieBreakers where !components.contains(id) && !indicators.contains(id) {
            diagnostics.append(.error(at: settings.tieBreakersLocation, "排序依据“\(id)”既不是公式成分也不是指标",
                                      hint: "tie_breakers 中写公式成分的 id 或指标编号，按从高到低比较。"))
        }
    }
}
