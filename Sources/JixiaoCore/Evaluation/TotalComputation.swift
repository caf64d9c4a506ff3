import Foundation

/// The published total of one unit and the sentence that shows how it was formed,
/// e.g. "指标考核 92.50×70% + 公众评议 86.50×20% + … + 加分 0.60 − 察访核验 0.50 = 91.23".
enum TotalComputation {
    static func total(_ unit: UnitScore, formula: CompositeFormula?, bonusNote: String?,
                      precision: Int) -> (total: Decimal, computation: String) {
        func score(_ value: Decimal) -> String { formatScore(value, precision: precision) }
        var terms: [String] = []
        var sum = Decimal(0)
        if formula != nil {
            for component in unit.components {
                terms.append("\(component.name) \(score(component.value))×\(formatPlain(component.weight))%")
                sum += component.weighted
            }
        } else {
            terms.append("指标得分 \(score(unit.indicatorTotal))")
            sum += unit.indicatorTotal
        }
        var text = terms.joined(separator: " + ")
        if !unit.bonus.isEmpty || unit.bonusTotal != 0 {
            text += " + 加分 \(score(unit.bonusTotal))"
            sum += unit.bonusTotal
        }
        // Counted adjustments, one term per kind in the order first written.
        var kinds: [Adjustment.Kind] = []
        for adjustment in unit.adjustments where adjustment.counted && !kinds.contains(adjustment.kind) {
            kinds.append(adjustment.kind)
        }
        for kind in kinds {
            let value = unit.adjustments.filter { $0.counted && $0.kind == kind }.reduce(Decimal(0)) { $0 + $1.points }
            text += value < 0 ? " − \(kind.name) \(score(-value))" : " + \(kind.name) \(score(value))"
            sum += value
        }
        let total = sum.roundedHalfUp(precision)
        text += " = \(score(total))"
        var notes: [String] = []
        if let bonusNote { notes.append(bonusNote) }
        let uncounted = unit.adjustments.filter { !$0.counted }
        if !uncounted.isEmpty {
            notes.append(uncounted.map { "\($0.kindName) \(score($0.points))（通报年度\($0.noticeYear.map(String.init) ?? "未写")，不计入本年度）" }
                .joined(separator: "；"))
        }
        if !notes.isEmpty { text += "（" + notes.joined(separator: "；") + "）" }
        return (total, text)
    }
}
