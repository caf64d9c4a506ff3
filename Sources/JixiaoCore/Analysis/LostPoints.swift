import Foundation

/// An indicator where units lost points: the average loss rate over the units
/// for which it applied, and the units that lost points on it.
public struct IndicatorLoss: Sendable {
    public var indicator: Indicator
    /// Mean of deduction / points over the applicable units, rounded half-up to 4 decimals.
    public var averageLossRate: Decimal
    /// Σ deductions over all units.
    public var totalDeduction: Decimal
    /// Number of units for which the indicator applied.
    public var applicableUnits: Int
    /// The units that lost points, largest deduction first (official order on ties).
    public var units: [UnitLoss]
}

public struct UnitLoss: Sendable {
    public var unit: AssessedUnit
    public var deduction: Decimal
    public var points: Decimal
    public var reasons: [String]
}

public enum LostPoints {
    /// Leaf indicators on which at least one unit lost points, highest average
    /// loss rate first; ties keep the indicator system's order. `top` limits the list.
    public static func of(_ result: EvaluationResult, top: Int? = nil) -> [IndicatorLoss] {
        guard let system = result.system else { return [] }
        let leaves = system.indicators.flatMap(\.subtree).filter(\.isLeaf)
        var losses: [IndicatorLoss] = []
        for leaf in leaves {
            var rates: [Decimal] = []
            var units: [UnitLoss] = []
            var total: Decimal = 0
            for unit in result.units {
                guard let score = unit.score(leaf.id), !score.notApplicable, score.points > 0 else { continue }
                rates.append(score.deduction / score.points)
                if score.deduction > 0 {
                    total += score.deduction
                    units.append(UnitLoss(unit: unit.unit, deduction: score.deduction, points: score.points,
                                          reasons: score.reasons))
                }
            }
            guard !units.isEmpty else { continue }
            let average = (rates.reduce(0, +) / Decimal(rates.count)).roundedHalfUp(4)
            // Stable: larger deduction first, official order otherwise.
            let ordered = units.enumerated().sorted { a, b in
                a.element.deduction != b.element.deduction ? a.element.deduction > b.element.deduction : a.offset < b.offset
            }.map(\.element)
            losses.append(IndicatorLoss(indicator: leaf, averageLossRate: average, totalDeduction: total,
                                        applicableUnits: rates.count, units: ordered))
        }
        let sorted = losses.enumerated().sorted { a, b in
            a.element.averageLossRate != b.element.averageLossRate
                ? a.element.averageLossRate > b.element.averageLossRate : a.offset < b.offset
        }.map(\.element)
        return top.map { Array(sorted.prefix(max(0, $0))) } ?? sorted
    }
}
