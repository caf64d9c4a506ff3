import Foundation

/// One unit's results, gathered from any number of sources (results.csv rows,
/// results/<unit>.md front matter) before they are checked against the system.
public struct UnitResults: Sendable {
    public var unitSlug: String
    /// Where the results start (the front matter, or the first CSV row).
    public var location: SourceLocation
    /// Default reviewer of every score.
    public var reviewer: String?
    /// Indicator id → result, in the order written.
    public var scores: [IndicatorResult]
    public var vetoes: [VetoClaim]
    /// Bonus item results, in the order written.
    public var bonus: [BonusResult]
    public var adjustments: [Adjustment]
    /// Component id → value(s) for the composite formula.
    public var components: [ComponentInput]
    public var gradeDecision: GradeDecision?
    /// Unit-level key → where it was given, to catch a value given in two sources.
    public var unitKeyLocations: [String: SourceLocation]

    public init(unitSlug: String, location: SourceLocation) {
        self.unitSlug = unitSlug
        self.location = location
        scores = []
        vetoes = []
        bonus = []
        adjustments = []
        components = []
        unitKeyLocations = [:]
    }

    public func score(_ indicatorID: String) -> IndicatorResult? {
        scores.first { $0.indicatorID == indicatorID }
    }

    /// Where each indicator's result is in `scores`, by id (the first, as `score(_:)`
    /// finds it): for scoring, which looks up every indicator of the system, twice.
    public var positions: [String: Int] {
        var positions: [String: Int] = [:]
        positions.reserveCapacity(scores.count)
        // Backwards, so that the first of two results for one id is the one left.
        for position in scores.indices.reversed() { positions[scores[position].indicatorID] = position }
        return positions
    }

    public func bonus(_ itemID: String) -> BonusResult? {
        bonus.first { $0.itemID == itemID }
    }
}

/// The result of one unit on one indicator.
public struct IndicatorResult: Sendable {
    public var indicatorID: String
    public var location: SourceLocation
    /// Manual score (reserved key `score`).
    public var score: Decimal?
    /// 自评得分.
    public var selfScore: Decimal?
    /// 扣分理由 (`reason` and `reasons` together).
    public var reasons: [String]
    public var evidence: [String]
    /// 数据来源.
    public var source: String?
    public var reviewer: String?
    /// `na: true`.
    public var notApplicable: Bool
    /// Every non-reserved key: the rule's inputs, as written.
    public var inputs: [SourceEntry]
    /// Key → where it was given, to catch a value given in two sources.
    public var keyLocations: KeyLocations

    public init(indicatorID: String, location: SourceLocation) {
        self.indicatorID = indicatorID
        self.location = location
        reasons = []
        evidence = []
        notApplicable = false
        inputs = []
        keyLocations = KeyLocations()
    }

    public func input(_ name: String) -> SourceValue? {
        inputs.first { $0.key == name }?.value
    }
}

/// `vetoes: [{id, reason}]` in a unit's results.
public struct VetoClaim: Sendable {
    public var vetoID: String
    public var reason: String?
    public var location: SourceLocation
}

/// `bonus: {ID: …}` in a unit's results.
public struct BonusResult: Sendable {
    public var itemID: String
    public var location: SourceLocation
    /// Manual bonus points.
    public var points: Decimal?
    /// Ranked value (rank bonus).
    public var value: Decimal?
    public var awards: [Award]
    public var preconditionMet: Bool
    public var reason: String?
}

public struct Award: Sendable, Hashable {
    public var level: String
    public var title: String?
    public var location: SourceLocation
}

/// R16/R21: an unweighted adjustment to the total, never clamped.
public struct Adjustment: Sendable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// 察访核验 (R16).
        case inspection
        /// Deduction by a higher authority, counted in the year of its notice (R21).
        case external
        /// Any other recorded adjustment.
        case other

        public var name: String {
            switch self {
            case .inspection: "察访核验"
            case .external: "上级通报扣（加）分"
            case .other: "其他调整"
            }
        }
    }

    public var points: Decimal
    public var kind: Kind
    public var reason: String
    public var source: String?
    public var noticeYear: Int?
    public var location: SourceLocation
}

/// One component value for the composite formula: a single value on a 100 scale,
/// or, for grouped components (R19), the scores of each group's evaluators.
public struct ComponentInput: Sendable {
    public enum Value: Sendable {
        case single(Decimal)
        case groups([GroupValues])
    }

    /// The scores given by one group of evaluators (R19).
    public struct GroupValues: Sendable {
        public var groupID: String
        public var values: [Decimal]
        public var location: SourceLocation
    }

    public var componentID: String
    public var value: Value
    public var location: SourceLocation
}

/// `grade_decision`: the recorded decision for a tie straddling the 优秀 quota.
public struct GradeDecision: Sendable {
    public var grade: String
    public var reason: String
    public var location: SourceLocation
}
