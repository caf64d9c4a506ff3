import Foundation

/// One node of the indicator tree (一级/二级/三级指标).
public struct Indicator: Sendable {
    public var id: String
    public var name: String
    /// 分值 (or 权重 when written as `weight:`).
    public var points: Decimal
    /// Written as `weight:`, so pages say 权重 instead of 分值.
    public var usesWeight: Bool
    /// 评分标准, verbatim.
    public var criteria: String?
    /// 评分说明: the Markdown body of `indicators/*.md`.
    public var explanation: String?
    public var owners: Owners
    /// 佐证材料.
    public var evidence: [String]
    /// 现场核验 / 不需核验.
    public var verification: String?
    /// Nil on a leaf means manual; on a parent, an R4 deduction applied after the children are summed.
    public var rule: ScoringRule?
    public var notApplicable: NotApplicablePolicy?
    public var children: [Indicator]
    /// 1-based depth.
    public var level: Int
    public var location: SourceLocation

    public var isLeaf: Bool { children.isEmpty }

    /// The rule as the scores use it: leaves without a rule are manual.
    public var effectiveRule: ScoringRule? {
        rule ?? (isLeaf ? .manual : nil)
    }

    /// One line in Chinese describing how the indicator is scored.
    public var ruleDescription: String {
        RuleDescription.describe(effectiveRule, points: points, onParent: !isLeaf)
    }

    /// This indicator and all its descendants, depth first.
    public var subtree: [Indicator] {
        [self] + children.flatMap(\.subtree)
    }
}

/// 责任处室 / 责任领导 / 责任人.
public struct Owners: Sendable, Hashable {
    public var office: String?
    public var leader: String?
    public var person: String?

    public init(office: String? = nil, leader: String? = nil, person: String? = nil) {
        self.office = office
        self.leader = leader
        self.person = person
    }
}

/// R13: where an indicator's points go when a unit has it marked not applicable.
public enum NotApplicablePolicy: Sendable, Hashable {
    /// Spread equally over the applicable siblings.
    case equal
    /// Moved to the named sibling.
    case to(String)
    /// The parent is rescaled: Σ applicable scores × parent points / Σ applicable points.
    case rescale

    public var description: String {
        switch self {
        case .equal: "不适用时分值均分给其他同级指标"
        case .to(let id): "不适用时分值全部计入\(id)"
        case .rescale: "不适用时上级指标按适用部分折算"
        }
    }
}

extension Indicator {
    /// Makes the storage of this indicator's texts and lists immortal, and its
    /// children's: every unit's scoring and score card reads them, on both cores
    /// (see Immortal). The rule's lists, not their items: those are read per rule.
    func makeImmortal() {
        for text in [id, name, criteria, explanation, verification, owners.office, owners.leader, owners.person, location.file] {
            Immortal.make(text)
        }
        Immortal.make(evidence)
        switch rule {
        case .checklist(let items)?: Immortal.makeBuffer(of: items)
        case .perKind(let deductions, _)?: Immortal.makeBuffer(of: deductions)
        case .status(let levels)?: Immortal.makeBuffer(of: levels)
        case .bands(let bands)?: Immortal.makeBuffer(of: bands)
        default: break
        }
        Immortal.makeBuffer(of: children)
        for child in children { child.makeImmortal() }
    }
}
