import Foundation

/// How a leaf's score is computed from a unit's result (`rule.kind`), or, on a
/// parent, the deduction applied after its children are summed (R4).
public enum ScoringRule: Sendable {
    /// The reviewer gives `score`.
    case manual
    /// R1: pass ? v : 0.
    case binary
    /// R2: v − Σ deductions of the failed items.
    case checklist([ChecklistItem])
    /// R3/R4: v − min(cap, count × deduction); cap defaults to v.
    case perOccurrence(deduction: Decimal, cap: Decimal?)
    /// R5: v − min(cap, Σ count × deduction of its kind).
    case perKind(deductions: [KindDeduction], cap: Decimal?)
    /// R6: the points of an enumerated status.
    case status([StatusLevel])
    /// R7: v × min(1, actual / target).
    case proportional(target: Decimal?)
    /// R8: r ≥ t → v; else v × r (ratio) or v × r / t (scaled).
    case threshold(threshold: Decimal, reading: ThresholdReading)
    /// R9: v − deduction × steps short.
    case steps(target: Decimal?, step: Decimal, deduction: Decimal, partial: PartialStep)
    /// R10: an interval table.
    case bands([Band])
    /// R11: occurred ? v − deduction : v.
    case event(deduction: Decimal)

    /// The `kind` as written in the content.
    public var kind: String {
        switch self {
        case .manual: "manual"
        case .binary: "binary"
        case .checklist: "checklist"
        case .perOccurrence: "per_occurrence"
        case .perKind: "per_kind"
        case .status: "status"
        case .proportional: "proportional"
        case .threshold: "threshold"
        case .steps: "steps"
        case .bands: "bands"
        case .event: "event"
        }
    }

    /// Kinds allowed on a parent (R4): deductions from the children's sum.
    public var isDeduction: Bool {
        switch self {
        case .checklist, .perOccurrence, .perKind, .event: true
        default: false
        }
    }

    /// The result keys (besides the reserved ones) the rule reads.
    public var inputNames: [String] {
        switch self {
        case .manual: []
        case .binary: ["pass"]
        case .checklist: ["failed"]
        case .perOccurrence: ["count"]
        case .perKind: ["counts"]
        case .status: ["status"]
        case .proportional: ["actual", "target"]
        case .threshold: ["ratio", "actual", "target"]
        case .steps: ["value", "target"]
        case .bands: ["value"]
        case .event: ["occurred"]
        }
    }
}

public struct ChecklistItem: Sendable, Hashable {
    public var id: String
    public var text: String
    public var deduction: Decimal
}

public struct KindDeduction: Sendable, Hashable {
    /// Who criticised, e.g. 省市通报 / 县直.
    public var kind: String
    public var deduction: Decimal
}

public struct StatusLevel: Sendable, Hashable {
    public var status: String
    public var points: Decimal
}

/// R8: how a ratio below the threshold is scored.
public enum ThresholdReading: String, Sendable, Hashable {
    /// v × r.
    case ratio
    /// v × r / t.
    case scaled
}

/// R9: whether a partial step counts.
public enum PartialStep: String, Sendable, Hashable {
    /// A partial step is not deducted.
    case floor
    /// A partial step counts as a whole step.
    case ceil
}

/// R10: one interval of a band table, with explicit inclusive/exclusive bounds.
public struct Band: Sendable, Hashable {
    public var min: Decimal?
    public var minInclusive: Bool
    public var max: Decimal?
    public var maxInclusive: Bool
    public var outcome: Outcome
    public var location: SourceLocation

    public enum Outcome: Sendable, Hashable {
        case score(Decimal)
        case deduction(Decimal)
    }

    public func contains(_ value: Decimal) -> Bool {
        if let min {
            let order = value.compared(to: min)
            if order == .orderedAscending || (!minInclusive && order == .orderedSame) { return false }
        }
        if let max {
            let order = value.compared(to: max)
            if order == .orderedDescending || (!maxInclusive && order == .orderedSame) { return false }
        }
        return true
    }

    /// True when some value lies in both bands.
    public func overlaps(_ other: Band) -> Bool {
        // The higher of the two lower bounds must lie below the lower of the two upper bounds.
        let lower = Self.tighterLower(self, other)
        let upper = Self.tighterUpper(self, other)
        guard let low = lower.value, let high = upper.value else { return true }
        if low < high { return true }
        return low == high && lower.inclusive && upper.inclusive
    }

    private static func tighterLower(_ a: Band, _ b: Band) -> (value: Decimal?, inclusive: Bool) {
        switch (a.min, b.min) {
        case (nil, nil): return (nil, true)
        case (let x?, nil): return (x, a.minInclusive)
        case (nil, let y?): return (y, b.minInclusive)
        case (let x?, let y?):
            if x != y { return x > y ? (x, a.minInclusive) : (y, b.minInclusive) }
            return (x, a.minInclusive && b.minInclusive)
        }
    }

    private static func tighterUpper(_ a: Band, _ b: Band) -> (value: Decimal?, inclusive: Bool) {
        switch (a.max, b.max) {
        case (nil, nil): return (nil, true)
        case (let x?, nil): return (x, a.maxInclusive)
        case (nil, let y?): return (y, b.maxInclusive)
        case (let x?, let y?):
            if x != y { return x < y ? (x, a.maxInclusive) : (y, b.maxInclusive) }
            return (x, a.maxInclusive && b.maxInclusive)
        }
    }

    /// The interval in words, e.g. "≥90%", "85%≤x<90%", "<85%".
    public var intervalText: String {
        func bound(_ value: Decimal) -> String { formatPlain(value) }
        switch (min, max) {
        case (nil, nil): return "任意值"
        case (let low?, nil): return (minInclusive ? "≥" : ">") + bound(low)
        case (nil, let high?): return (maxInclusive ? "≤" : "<") + bound(high)
        case (let low?, let high?):
            return bound(low) + (minInclusive ? "≤" : "<") + "x" + (maxInclusive ? "≤" : "<") + bound(high)
        }
    }
}
