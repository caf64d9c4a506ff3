import Foundation

/// One unit's result against the previous year's evaluation.
public struct UnitYearChange: Sendable {
    public var slug: String
    public var rank: Int
    public var total: Decimal
    public var grade: String
    /// Nil when the unit was not assessed the previous year (shown as 新).
    public var previousRank: Int?
    public var previousTotal: Decimal?
    public var previousGrade: String?

    /// previousRank − rank: positive means the unit moved up. Nil for a new unit.
    public var rankChange: Int? { previousRank.map { $0 - rank } }
    /// total − previousTotal. Nil for a new unit.
    public var totalChange: Decimal? { previousTotal.map { total - $0 } }
    public var isNew: Bool { previousRank == nil }
}

/// What a comparison with the next year reads of one ranked unit: a ranking
/// kept without its score cards (a build cache keeps it for years not scored again).
public struct RankingEntry: Sendable, Hashable {
    public var slug: String
    public var rank: Int
    public var total: Decimal
    public var grade: String

    public init(slug: String, rank: Int, total: Decimal, grade: String) {
        self.slug = slug
        self.rank = rank
        self.total = total
        self.grade = grade
    }
}

extension EvaluationResult {
    /// The ranking as the next year compares with it.
    public var rankingEntries: [RankingEntry] {
        ranking.map { RankingEntry(slug: $0.unit.slug, rank: $0.rank, total: $0.total, grade: $0.gradeName) }
    }
}

public enum YearChange {
    /// The current ranking compared unit by unit (matched by slug) with the previous one:
    /// one change for each current entry, in its order.
    public static func compare(_ current: [RankingEntry], with previous: [RankingEntry]) -> [UnitYearChange] {
        var before: [String: RankingEntry] = [:]
        for entry in previous { before[entry.slug] = entry }
        return current.map { entry in
            let old = before[entry.slug]
            return UnitYearChange(slug: entry.slug, rank: entry.rank, total: entry.total, grade: entry.grade,
                                  previousRank: old?.rank, previousTotal: old?.total, previousGrade: old?.grade)
        }
    }

    /// The text of a rank change as the ranking table shows it: "↑2", "↓1", "—" (unchanged), "新".
    public static func symbol(_ change: UnitYearChange) -> String {
        guard let delta = change.rankChange else { return "新" }
        if delta > 0 { return "↑\(delta)" }
        if delta < 0 { return "↓\(-delta)" }
        return "—"
    }

    /// Whether two evaluations assess exactly the same units (by slug).
    public static func sameUnits(_ a: EvaluationResult, _ b: EvaluationResult) -> Bool {
        Set(a.settings.units.map(\.slug)) == Set(b.settings.units.map(\.slug))
    }
}
