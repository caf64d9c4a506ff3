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
    let position: Int

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
///
/// Its fields live in one immutable object, so a copy retains one reference: the
/// walks that make cards, downloads and records copy each of a large site's
/// 400,000 scores, and a copy of the fields themselves retained eight. Changing a
/// field makes new fields; scoring builds `Fields` and makes the score once.
public struct IndicatorScore: Sendable {
    /// What a score holds, as a plain value.
    public struct Fields: Sendable {
        @usableFromInline var shared: SharedIndicator
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

        @inlinable public var indicator: Indicator { shared.value }
    }

    @usableFromInline final class Storage: Sendable {
        @usableFromInline let fields: Fields
        @usableFromInline init(_ fields: Fields) { self.fields = fields }
    }

    @usableFromInline var storage: Storage

    init(_ fields: Fields) {
        storage = Storage(fields)
    }

    init(indicator: SharedIndicator, points: Decimal, score: Decimal?, selfScore: Decimal?, deduction: Decimal,
         notApplicable: Bool, vetoed: Bool, inputs: [RuleInput], reasons: [String], evidence: [String],
         source: String?, reviewer: String?, computation: String, children: [IndicatorScore]) {
        self.init(Fields(shared: indicator, points: points, score: score, selfScore: selfScore, deduction: deduction,
                         notApplicable: notApplicable, vetoed: vetoed, inputs: inputs, reasons: reasons,
                         evidence: evidence, source: source, reviewer: reviewer, computation: computation,
                         children: children))
    }

    /// The fields, as a value to change.
    @inlinable public var fields: Fields { storage.fields }

    /// Changes fields at once (each setter below makes new fields on its own).
    @inlinable public mutating func update(_ change: (inout Fields) -> Void) {
        var fields = storage.fields
        change(&fields)
        storage = Storage(fields)
    }

    @usableFromInline var shared: SharedIndicator {
        get { storage.fields.shared }
        set { update { $0.shared = newValue } }
    }
    // Inlinable: called from other modules, a getter returns the whole Indicator
    // (a copy retaining every field) just to read one of them, on every row of every card.
    @inlinable public var indicator: Indicator { storage.fields.shared.value }
    /// How the indicator is scored, in words (see `Indicator.ruleDescription`).
    @inlinable public var ruleDescription: String { storage.fields.shared.ruleDescription }
    @inlinable public var points: Decimal {
        get { storage.fields.points }
        set { update { $0.points = newValue } }
    }
    @inlinable public var score: Decimal? {
        get { storage.fields.score }
        set { update { $0.score = newValue } }
    }
    @inlinable public var selfScore: Decimal? {
        get { storage.fields.selfScore }
        set { update { $0.selfScore = newValue } }
    }
    @inlinable public var deduction: Decimal {
        get { storage.fields.deduction }
        set { update { $0.deduction = newValue } }
    }
    @inlinable public var notApplicable: Bool {
        get { storage.fields.notApplicable }
        set { update { $0.notApplicable = newValue } }
    }
    @inlinable public var vetoed: Bool {
        get { storage.fields.vetoed }
        set { update { $0.vetoed = newValue } }
    }
    @inlinable public var inputs: [RuleInput] {
        get { storage.fields.inputs }
        set { update { $0.inputs = newValue } }
    }
    @inlinable public var reasons: [String] {
        get { storage.fields.reasons }
        set { update { $0.reasons = newValue } }
    }
    @inlinable public var evidence: [String] {
        get { storage.fields.evidence }
        set { update { $0.evidence = newValue } }
    }
    @inlinable public var source: String? {
        get { storage.fields.source }
        set { update { $0.source = newValue } }
    }
    @inlinable public var reviewer: String? {
        get { storage.fields.reviewer }
        set { update { $0.reviewer = newValue } }
    }
    @inlinable public var computation: String {
        get { storage.fields.computation }
        set { update { $0.computation = newValue } }
    }
    @inlinable public var children: [IndicatorScore] {
        get { storage.fields.children }
        set { update { $0.children = newValue } }
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
