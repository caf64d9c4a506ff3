import Foundation

/// How many units received each grade, with their share and names (rank order).
public struct GradeShare: Sendable, Hashable {
    public var grade: String
    public var count: Int
    /// count / number of ranked units, as a ratio (0.25 = 25%), rounded half-up to 4 decimals.
    public var share: Decimal
    /// Unit names in rank order.
    public var units: [String]
}

public enum GradeDistribution {
    /// One entry per grade of the evaluation's grade counts, in their order
    /// (优秀, 合格, 不合格, …); empty when the evaluation declares no grading.
    public static func of(_ result: EvaluationResult) -> [GradeShare] {
        let total = result.ranking.count
        return result.gradeCounts.map { count in
            let units = result.ranking.filter { $0.gradeName == count.grade }.map(\.unit.name)
            let share = total == 0 ? 0 : (Decimal(count.count) / Decimal(total)).roundedHalfUp(4)
            return GradeShare(grade: count.grade, count: count.count, share: share, units: units)
        }
    }
}
