import Foundation

/// R22: how totals become grades (等次).
public struct GradingScheme: Sendable {
    /// False when evaluation.yaml has no `grading`: units are ranked but not graded
    /// (a `whole` veto still makes a unit 不合格).
    public var isDeclared: Bool
    /// Below it a unit is 不合格; nil when there is no pass line.
    public var passLine: Decimal?
    /// At most ⌊N × quota⌋ units are 优秀.
    public var excellentQuota: Fraction
    /// Optional minimum total for 优秀.
    public var excellentMin: Decimal?
    public var names: GradeNames
    public var location: SourceLocation

    public static func undeclared(at location: SourceLocation) -> GradingScheme {
        GradingScheme(isDeclared: false, passLine: nil, excellentQuota: .oneThird, excellentMin: nil,
                      names: GradeNames(), location: location)
    }

    /// ⌊count × quota⌋, computed exactly.
    public func excellentLimit(count: Int) -> Int {
        excellentQuota.floorOfMultiple(count)
    }
}

/// The words used for each grade.
public struct GradeNames: Sendable, Hashable {
    public var excellent = "优秀"
    public var pass = "合格"
    public var fail = "不合格"
    public var pending = "待定"

    public init() {}

    public func name(of grade: Grade) -> String {
        switch grade {
        case .excellent: excellent
        case .pass: pass
        case .fail: fail
        case .pending: pending
        case .ungraded: ""
        }
    }
}

/// An exact ratio written as `1/3`, `0.3` or `30%`; kept as numerator and
/// denominator so that ⌊3 × 1/3⌋ is 1, not 0.
public struct Fraction: Sendable, Hashable, CustomStringConvertible {
    public var numerator: Decimal
    public var denominator: Decimal

    public static let oneThird = Fraction(numerator: 1, denominator: 3)

    public init(numerator: Decimal, denominator: Decimal) {
        self.numerator = numerator
        self.denominator = denominator
    }

    /// ⌊count × numerator / denominator⌋ without losing the exactness of thirds.
    public func floorOfMultiple(_ count: Int) -> Int {
        guard denominator > 0 else { return 0 }
        let product = Decimal(count) * numerator
        var quotient = (product / denominator).floored
        // Correct the last digit of a non-terminating division.
        while (quotient + 1) * denominator <= product { quotient += 1 }
        while quotient * denominator > product { quotient -= 1 }
        return NSDecimalNumber(decimal: quotient).intValue
    }

    /// "1/3", or "0.3" when the denominator is 1.
    public var description: String {
        denominator == 1 ? formatPlain(numerator) : "\(formatPlain(numerator))/\(formatPlain(denominator))"
    }
}

/// A unit's grade (等次).
public enum Grade: String, Sendable, Hashable, CaseIterable {
    case excellent
    case pass
    case fail
    /// A tie straddles the 优秀 quota and no decision is recorded.
    case pending
    /// The evaluation declares no grading.
    case ungraded
}
