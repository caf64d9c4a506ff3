import Foundation

/// evaluation.yaml: what is evaluated, who, and how totals, ranks and grades are formed.
public struct EvaluationSettings: Sendable {
    public var title: String
    public var shortTitle: String?
    /// 考核年度.
    public var year: Int
    /// 考核单位.
    public var issuer: String?
    public var summary: String?
    /// The results are invented: every page says 示例数据.
    public var sampleData: Bool
    /// Decimals of published scores (default 2).
    public var precision: Int
    /// What the units are called (default 考核对象).
    public var unitKind: String
    /// The assessed units in their official order.
    public var units: [AssessedUnit]
    public var formula: CompositeFormula?
    public var grading: GradingScheme
    /// Component ids or indicator ids that break equal totals, compared descending.
    public var tieBreakers: [String]
    public var location: SourceLocation
    /// Where `ranking.tie_breakers` is written (for diagnostics about unknown ids).
    public var tieBreakersLocation: SourceLocation
}
