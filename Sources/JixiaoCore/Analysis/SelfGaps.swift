import Foundation

/// A unit's self-assessed score that differs from the reviewed score on one indicator.
public struct SelfGap: Sendable {
    public var unit: AssessedUnit
    public var indicator: Indicator
    public var selfScore: Decimal
    public var reviewed: Decimal
    /// selfScore − reviewed: positive when the unit rated itself higher.
    public var gap: Decimal
    public var reasons: [String]
}

public enum SelfGaps {
    /// Every leaf where a self score and a reviewed score differ, largest absolute
    /// gap first; ties in official unit order, then indicator order. `top` limits the list.
    public static func of(_ result: EvaluationResult, top: Int? = nil) -> [SelfGap] {
        var gaps: [SelfGap] = []
        for unit in result.units {
            func walk(_ score: IndicatorScore) {
                if score.children.isEmpty {
                    if let own = score.selfScore, let reviewed = score.score, own != reviewed {
                        gaps.append(SelfGap(unit: unit.unit, indicator: score.indicator, selfScore: own,
                                            reviewed: reviewed, gap: own - reviewed, reasons: score.reasons))
                    }
                } else {
                    score.children.forEach(walk)
                }
            }
            unit.indicators.forEach(walk)
        }
        let sorted = gaps.enumerated().sorted { a, b in
            let x = abs(a.element.gap), y = abs(b.element.gap)
            return x != y ? x > y : a.offset < b.offset
        }.map(\.element)
        return top.map { Array(sorted.prefix(max(0, $0))) } ?? sorted
    }
}
