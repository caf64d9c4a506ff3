import Foundation
import JixiaoCore

/// One indicator read from a 考核表, ready to be written to indicators.yaml.
public struct ImportedIndicator: Sendable, Hashable {
    public var id: String
    public var name: String
    public var points: Decimal
    /// 评分标准 (and 目标内容), verbatim; nil when the sheet has none.
    public var criteria: String?
    public var owners: Owners
    public var evidence: [String]
    public var verification: String?
    /// `manual` unless the criteria say with certainty what the rule is.
    public var rule: RecognizedRule?
    public var children: [ImportedIndicator]

    public var isLeaf: Bool { children.isEmpty }

    /// This indicator and its descendants, depth first.
    public var subtree: [ImportedIndicator] { [self] + children.flatMap(\.subtree) }
}

/// The rules an import dares to write: only those the criteria state exactly.
public enum RecognizedRule: Sendable, Hashable {
    case manual
    /// “未……的，扣N分” with N equal to the indicator's points, or “未……的不得分”.
    case binary
}

/// A whole imported indicator system.
public struct ImportedSystem: Sendable {
    public var indicators: [ImportedIndicator]
    /// The points column was headed 权重: write `weight:`.
    public var usesWeight: Bool
    /// The total row of the sheet (绩效目标考评总分 … 100), if any.
    public var declaredTotal: Decimal?
    public var source: String

    public var total: Decimal { indicators.reduce(0) { $0 + $1.points } }
    public var all: [ImportedIndicator] { indicators.flatMap(\.subtree) }
}
