/// What a leaf's rule gave for inputs already seen in this evaluation, by the
/// indicator and the inputs as written. Most units of a large evaluation give
/// an indicator one of a few sets of inputs (met or not, 0–3 occurrences), and
/// the rule's outcome depends on the inputs alone; its text is then made once and
/// shared. One per worker: no lock, and the texts are counted on one core.
final class LeafOutcomes {
    private var known: [String: RuleOutcome] = [:]
    /// Kept small: inputs that differ for every unit (ratios) would only fill it.
    private static let capacity = 4096

    /// The key of a leaf's inputs for `rule`; nil for a rule that reads more than
    /// the inputs (manual) or inputs that are not plain text (a mapping, a list).
    static func key(_ indicatorID: String, _ rule: ScoringRule, _ result: borrowing IndicatorResult) -> String? {
        if case .manual = rule { return nil }
        var key = indicatorID
        for name in rule.inputNames {
            key.unicodeScalars.append("\u{1}")
            guard let value = result.input(name) else { continue }
            switch value.node {
            case .null: key.unicodeScalars.append("\u{2}")
            case .scalar(let text, let quoted):
                key.unicodeScalars.append(quoted ? "\u{3}" : "\u{4}")
                key += text
            default: return nil
            }
        }
        return key
    }

    subscript(key: String) -> RuleOutcome? { known[key] }

    /// Keeps `outcome` for `key`, while there is room.
    func keep(_ outcome: RuleOutcome, for key: String) {
        if known.count < Self.capacity { known[key] = outcome }
    }
}
