import Foundation

/// Everything computed for one evaluation.
public struct EvaluationResult: Sendable {
    public var settings: EvaluationSettings
    public var system: IndicatorSystem?
    /// In official order (settings.units), only units that have results.
    public var units: [UnitScore]
    /// By rank; tied units in official order.
    public var ranking: [UnitScore]
    /// How many units have each grade (empty when the evaluation declares no grading).
    public var gradeCounts: [GradeCount]
    /// Human text of ties straddling the 优秀 quota that wait for a recorded decision.
    public var pendingTies: [String]
}

public struct GradeCount: Sendable, Hashable {
    public var grade: String
    public var count: Int
}

/// One unit's complete score card.
public struct UnitScore: Sendable {
    public var unit: AssessedUnit
    /// Same tree shape as the system.
    public var indicators: [IndicatorScore]
    public var indicatorTotal: Decimal
    /// Empty without a formula.
    public var components: [ComponentScore]
    public var bonus: [BonusScore]
    public var bonusTotal: Decimal
    public var adjustments: [AdjustmentScore]
    /// Sum of the counted adjustments.
    public var adjustmentTotal: Decimal
    public var vetoes: [VetoHit]
    /// Σ of the self-assessed scores when every applicable indicator has one.
    public var selfTotal: Decimal?
    /// The published (rounded) total: what is ranked and graded.
    public var total: Decimal
    public var rank: Int
    public var tied: Bool
    public var grade: Grade
    public var gradeName: String
    /// Why the grade (veto, below the pass line, quota tie, recorded decision).
    public var gradeNote: String?
    /// How the total was obtained, in words and numbers.
    public var computation: String
    public var reviewer: String?

    /// True when a `whole` veto applies.
    public var wholeVetoed: Bool { vetoes.contains { $0.veto.scope == .whole } }

    /// The score of an indicator anywhere in the tree.
    public func score(_ indicatorID: String) -> IndicatorScore? {
        for root in indicators {
            if let found = root.find(indicatorID) { return found }
        }
        return nil
    }
}

/// An indicator shared by every unit's score of it. A large evaluation holds
/// millions of scores; a copy of the whole indicator (names, criteria, rule,
/// owners …) in each was most of a build's memory and reference counting.
public final class SharedIndicator: Sendable {
    public let value: Indicator
    /// `value.ruleDescription`, worded once rather than on every score card.
    public let ruleDescription: String
    /// Its place in the system's `allIndicators` (see SharedIndicators), or -1.
    @usableFromInline let position: Int

    public convenience init(_ value: Indicator) {
        self.init(value, position: -1)
    }

    init(_ value: Indicator, position: Int) {
        self.value = value
        ruleDescription = value.ruleDescription
        self.position = position
    }
}

/// One indicator's score for one unit.
public struct IndicatorScore: Sendable {
    @usableFromInline var shared: SharedIndicator
    // Inlinable: called from other modules, a getter returns the whole Indicator
    // (a copy retaining every field) just to read one of them, on every row of every card.
    @inlinable public var indicator: Indicator { shared.value }
    /// How the indicator is scored, in words (see `Indicator.ruleDescription`).
    @inlinable public var ruleDescription: String { shared.ruleDescription }
    /// Effective points after n/a redistribution (the declared points for an n/a indicator).
    public var points: Decimal
    /// Nil when not applicable.
    public var score: Decimal?
    public var selfScore: Decimal?
    /// points − score (0 for n/a).
    public var deduction: Decimal
    public var notApplicable: Bool
    public var vetoed: Bool
    /// Rule inputs as written.
    public var inputs: [RuleInput]
    public var reasons: [String]
    public var evidence: [String]
    public var source: String?
    public var reviewer: String?
    /// How the score was obtained, e.g. "每次扣0.02分 × 3次 = 0.06，得0.14分".
    public var computation: String
    public var children: [IndicatorScore]

    init(indicator: SharedIndicator, points: Decimal, score: Decimal?, selfScore: Decimal?, deduction: Decimal,
         notApplicable: Bool, vetoed: Bool, inputs: [RuleInput], reasons: [String], evidence: [String],
         source: String?, reviewer: String?, computation: String, children: [IndicatorScore]) {
        shared = indicator
        self.points = points
        self.score = score
        self.selfScore = selfScore
        self.deduction = deduction
        self.notApplicable = notApplicable
        self.vetoed = vetoed
        self.inputs = inputs
        self.reasons = reasons
        self.evidence = evidence
        self.source = source
        self.reviewer = reviewer
        self.computation = computation
        self.children = children
    }

    public func find(_ id: String) -> IndicatorScore? {
        if indicator.id == id { return self }
        for child in children {
            if let found = child.find(id) { return found }
        }
        return nil
    }
}

/// A rule input as the author wrote it.
public struct RuleInput: Sendable, Hashable {
    public var name: String
    public var text: String
}

/// One component of the composite formula for one unit.
public struct ComponentScore: Sendable {
    public var id: String
    public var name: String
    /// Percentage weight.
    public var weight: Decimal
    /// On a 100 scale.
    public var value: Decimal
    /// value × weight / 100, rounded.
    public var weighted: Decimal
    public var computation: String
}

public struct BonusScore: Sendable {
    public var item: BonusItem
    public var points: Decimal
    public var reason: String?
    public var computation: String
    /// False when the precondition failed (the item gives 0).
    public var counted: Bool
}

public struct AdjustmentScore: Sendable {
    public var points: Decimal
    public var kind: Adjustment.Kind
    public var kindName: String
    public var reason: String
    public var source: String?
    public var noticeYear: Int?
    /// External adjustments count only in the year of their notice (R21).
    public var counted: Bool
}

public struct VetoHit: Sendable {
    public var veto: Veto
    public var reason: String?
}
