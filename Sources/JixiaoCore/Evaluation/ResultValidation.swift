import Foundation

/// Checks of results against the settings and the system that are not tied to a
/// single rule: unknown units, indicators, vetoes and bonus items; missing results.
enum ResultValidation {
    /// Reports results of units not in evaluation.yaml and units without results.
    /// `alsoPresent`: units with results that are not in `results` (scored by an earlier build).
    static func checkUnits(settings: EvaluationSettings, results: [String: UnitResults], alsoPresent: Set<String> = [],
                           diagnostics: inout [Diagnostic]) {
        let known = Set(settings.units.map(\.slug))
        for (slug, unitResults) in results.sorted(by: { $0.key < $1.key }) where !known.contains(slug) {
            let suggestion = MappingReader.closest(slug, among: settings.units.map(\.slug)).map { "是否应为“\($0)”？" } ?? ""
            diagnostics.append(.error(at: unitResults.location, "考核对象“\(slug)”不在 evaluation.yaml 的 units 中",
                                      hint: "\(suggestion)结果的考核对象须是 units 中的 slug：\(settings.units.map(\.slug).joined(separator: "、"))。"))
        }
        guard !results.isEmpty || !alsoPresent.isEmpty else { return }
        for unit in settings.units where results[unit.slug] == nil && !alsoPresent.contains(unit.slug) {
            diagnostics.append(.warning(at: settings.location, "\(unit.name)（\(unit.slug)）没有考核结果，不参加排名",
                                        hint: "在 results.csv 中加入它的行，或添加 results/\(unit.slug).md。"))
        }
    }

    /// Reports unknown ids in one unit's results and indicators whose results are missing.
    /// `layout`: where the system's indicators find their results in `results`, and which are known.
    static func checkUnit(_ unit: AssessedUnit, _ results: UnitResults, layout: ResultLayout, system: IndicatorSystem,
                          diagnostics: inout [Diagnostic]) {
        // By index, reading only the id: a copy of each result retained every field.
        for index in results.scores.indices where !layout.known[index] {
            let score = results.scores[index]
            let ids = system.allIndicators.map(\.id)
            let suggestion = MappingReader.closest(score.indicatorID, among: ids).map { "是否应为“\($0)”？" } ?? "指标编号须与指标体系一致。"
            diagnostics.append(.error(at: score.location, "\(unit.name)的结果中有未知的指标“\(score.indicatorID)”", hint: suggestion))
        }
        for claim in results.vetoes where !system.vetoes.contains(where: { $0.id == claim.vetoID }) {
            diagnostics.append(.error(at: claim.location, "\(unit.name)的否决记录“\(claim.vetoID)”不是指标体系中的否决项",
                                      hint: system.vetoes.isEmpty ? "指标体系没有否决项。" : "否决项：\(system.vetoes.map(\.id).joined(separator: "、"))。"))
        }
        let items = system.bonus?.items ?? []
        for bonus in results.bonus where !items.contains(where: { $0.id == bonus.itemID }) {
            diagnostics.append(.error(at: bonus.location, "\(unit.name)的加分“\(bonus.itemID)”不是指标体系中的加分项",
                                      hint: items.isEmpty ? "指标体系没有加分项（bonus）。" : "加分项：\(items.map(\.id).joined(separator: "、"))。"))
        }
        var missing: [String] = []
        // By index too: each indicator is looked at in place, not copied. `place`: its
        // place in the system (pre-order), counted along, an n/a indicator's subtree skipped.
        var place = 0
        func walk(_ indicators: [Indicator]) {
            for index in indicators.indices {
                let position = layout.rows[place]
                if position >= 0, results.scores[position].notApplicable {
                    place += indicators[index].subtree.count
                    continue
                }
                place += 1
                if indicators[index].isLeaf || indicators[index].rule != nil, position < 0 { missing.append(indicators[index].id) }
                walk(indicators[index].children)
            }
        }
        walk(system.indicators)
        if !missing.isEmpty {
            diagnostics.append(.error(at: results.location, "\(unit.name)缺少\(missing.count)项指标的结果：\(missing.joined(separator: "、"))",
                                      hint: "每个末级指标（以及带扣分规则的上级指标）都要有结果；不适用的写 na: true 和理由。"))
        }
    }

    /// The vetoes a unit triggered, each once.
    static func vetoHits(_ unit: AssessedUnit, _ results: UnitResults, system: IndicatorSystem,
                         diagnostics: inout [Diagnostic]) -> [VetoHit] {
        var hits: [VetoHit] = []
        for claim in results.vetoes {
            guard let veto = system.vetoes.first(where: { $0.id == claim.vetoID }) else { continue }
            if hits.contains(where: { $0.veto.id == veto.id }) {
                diagnostics.append(.error(at: claim.location, "\(unit.name)的否决项\(veto.id)重复记录"))
                continue
            }
            hits.append(VetoHit(veto: veto, reason: claim.reason))
        }
        return hits
    }
}
