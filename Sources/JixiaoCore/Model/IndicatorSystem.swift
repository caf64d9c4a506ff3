import Foundation

/// The indicator system (指标体系): the tree, bonus items and vetoes.
public struct IndicatorSystem: Sendable {
    /// The `total:` written in the content, if any.
    public var declaredTotal: Decimal?
    public var indicators: [Indicator]
    public var bonus: BonusScheme?
    public var vetoes: [Veto]
    public var location: SourceLocation

    /// Sum of the top-level points.
    public var total: Decimal {
        indicators.reduce(0) { $0.plus($1.points) }
    }

    /// Every indicator, depth first.
    public var allIndicators: [Indicator] {
        indicators.flatMap(\.subtree)
    }

    public func indicator(_ id: String) -> Indicator? {
        allIndicators.first { $0.id == id }
    }
}
