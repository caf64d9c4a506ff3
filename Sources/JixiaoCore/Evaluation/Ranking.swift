import Foundation

/// Ranks units by published total, descending; equal totals share a rank
/// (1, 2, 2, 4) unless declared tie-breakers (component or indicator ids,
/// compared descending) separate them. Tied units keep the official order.
enum Ranking {
    /// `units` in official order; returns them in rank order with rank and tied set.
    static func rank(_ units: [UnitScore], tieBreakers: [String]) -> [UnitScore] {
        let keys = units.map { unit in [unit.total as Decimal?] + tieBreakers.map { value(of: $0, in: unit) } }
        let order = units.indices.sorted { a, b in
            let comparison = compare(keys[a], keys[b])
            return comparison == .orderedSame ? a < b : comparison == .orderedDescending
        }
        var ranked = order.map { units[$0] }
        // Walk the sorted list group by group of equal keys: everyone in a group
        // shares the rank after all units above it (one pass, not one scan per unit).
        var groupStart = 0
        while groupStart < ranked.count {
            var groupEnd = groupStart + 1
            while groupEnd < ranked.count, compare(keys[order[groupEnd]], keys[order[groupStart]]) == .orderedSame {
                groupEnd += 1
            }
            for position in groupStart..<groupEnd {
                ranked[position].rank = groupStart + 1
                ranked[position].tied = groupEnd - groupStart > 1
            }
            groupStart = groupEnd
        }
        return ranked
    }

    /// A tie-breaker's value for a unit: a component value or an indicator score
    /// (nil, ranked lowest, when not applicable or absent).
    static func value(of id: String, in unit: UnitScore) -> Decimal? {
        if let component = unit.components.first(where: { $0.id == id }) { return component.value }
        return unit.score(id)?.score
    }

    /// Lexicographic, larger first; nil is below every value.
    private static func compare(_ a: [Decimal?], _ b: [Decimal?]) -> ComparisonResult {
        for (x, y) in zip(a, b) {
            switch (x, y) {
            case (nil, nil): continue
            case (nil, _): return .orderedAscending
            case (_, nil): return .orderedDescending
            case let (x?, y?):
                let order = x.compared(to: y)
                if order != .orderedSame { return order }
            }
        }
        return .orderedSame
    }
}
