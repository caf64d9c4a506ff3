import Foundation

/// R18/R19: the total as a weighted sum of components on a 100 scale, plus bonus
/// and adjustments unweighted.
public struct CompositeFormula: Sendable {
    public var components: [FormulaComponent]
    public var location: SourceLocation
}

public struct FormulaComponent: Sendable {
    public enum Source: String, Sendable, Hashable {
        /// The indicator total rescaled to 100 (indicator total × 100 / system total).
        case indicators
        /// A value per unit given in the results (`components:`).
        case results
    }

    public var id: String
    public var name: String
    /// Percentage; the weights of all components sum to 100.
    public var weight: Decimal
    public var source: Source
    /// R19: evaluator groups, averaged within each group then weighted.
    public var groups: [ComponentGroup]
    public var location: SourceLocation
}

public struct ComponentGroup: Sendable {
    public var id: String
    public var name: String
    /// Percentage within the component; the group weights sum to 100.
    public var weight: Decimal
    public var location: SourceLocation
}
