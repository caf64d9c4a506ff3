import Foundation

/// 加分项 (R14, R15, R17).
public struct BonusScheme: Sendable {
    /// Total bonus cap; nil for 加分不设上限.
    public var cap: Decimal?
    public var items: [BonusItem]
    public var location: SourceLocation
}

public struct BonusItem: Sendable {
    public var id: String
    public var name: String
    /// The most points this item can give; nil for 不设上限 (allowed for manual
    /// and award items, required for rank items, whose top places get the cap).
    public var cap: Decimal?
    /// Condition that a unit's result can say failed (`precondition_met: false`).
    public var precondition: String?
    public var criteria: String?
    public var rule: BonusRule
    public var location: SourceLocation

    /// One line in Chinese describing how the bonus is given.
    public var ruleDescription: String {
        let capText = cap.map { "最高加\(formatPlain($0))分" } ?? "不设上限"
        switch rule {
        case .manual:
            return "按认定的加分计，\(capText)"
        case .rank(let top, let valueName):
            return "按\(valueName)排名，前\(top)名（含并列）加\(formatPlain(cap ?? 0))分，其余按\(valueName)与第\(top)名之比加分"
        case .award(let levels):
            let table = levels.map { "\($0.level)\(formatPlain($0.points))分" }.joined(separator: "、")
            return "按表彰级别加分（\(table)），\(capText)"
        }
    }

    /// `points` limited by the item's cap, and the words saying so when it bites.
    func capped(_ points: Decimal) -> (points: Decimal, note: String?) {
        guard let cap, points > cap else { return (points, nil) }
        return (cap, "超过本项最高\(formatPlain(cap))分，按\(formatPlain(cap))分计")
    }
}

public enum BonusRule: Sendable {
    /// R14: points given in the result, at most the cap.
    case manual
    /// R15: top K by a value get the cap, others cap × value / value_K.
    case rank(top: Int, valueName: String)
    /// R17: points by award level.
    case award([AwardLevel])

    public var kind: String {
        switch self {
        case .manual: "manual"
        case .rank: "rank"
        case .award: "award"
        }
    }
}

public struct AwardLevel: Sendable, Hashable {
    public var level: String
    public var points: Decimal
}
