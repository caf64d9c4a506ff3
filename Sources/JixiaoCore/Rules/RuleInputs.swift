import Foundation

/// What a rule computed: the score (already floored at 0 and rounded where it
/// divides) and how, in words and numbers.
struct RuleOutcome {
    var score: Decimal
    var computation: String
}

/// Typed access to one unit's inputs for one indicator, reporting missing and
/// ill-typed inputs with the place they were (or should have been) written.
struct RuleInputs {
    /// Borrowed from the unit's results while the indicator is scored (see
    /// IndicatorTreeScoring), not copied.
    let resultPointer: UnsafePointer<IndicatorResult>
    var result: IndicatorResult {
        _read { yield resultPointer.pointee }
    }
    let unitName: String
    let indicatorID: String
    let precision: Int

    /// "南宁市的指标A1.2", for messages: made only when one is written, not for
    /// each of the hundreds of thousands of results a large site scores.
    var subject: String { Self.subject(unitName: unitName, indicatorID: indicatorID) }

    static func subject(unitName: String, indicatorID: String) -> String { "\(unitName)的指标\(indicatorID)" }

    func value(_ name: String) -> SourceValue? {
        guard let value = result.input(name), !value.isNull else { return nil }
        return value
    }

    func has(_ name: String) -> Bool { value(name) != nil }

    func missing(_ name: String, expected: String, diagnostics: inout [Diagnostic]) {
        diagnostics.append(.error(at: result.location, "\(subject)缺少输入“\(name)”（\(expected)）",
                                  hint: "在该指标的结果中写上 \(name)。"))
    }

    /// A required input read by `read`; a missing one is reported as `expected`.
    private func required<T>(_ name: String, expected: String, diagnostics: inout [Diagnostic],
                             _ read: (SourceValue, inout [Diagnostic]) -> T?) -> T? {
        guard let field = value(name) else {
            missing(name, expected: expected, diagnostics: &diagnostics)
            return nil
        }
        return read(field, &diagnostics)
    }

    func decimal(_ name: String, diagnostics: inout [Diagnostic]) -> Decimal? {
        required(name, expected: "数值", diagnostics: &diagnostics) { $0.decimal(name, diagnostics: &$1) }
    }

    func nonNegative(_ name: String, diagnostics: inout [Diagnostic]) -> Decimal? {
        required(name, expected: "不小于0的数值", diagnostics: &diagnostics) { $0.nonNegativeDecimal(name, diagnostics: &$1) }
    }

    func positive(_ name: String, diagnostics: inout [Diagnostic]) -> Decimal? {
        required(name, expected: "大于0的数值", diagnostics: &diagnostics) { $0.positiveDecimal(name, diagnostics: &$1) }
    }

    func count(_ name: String, diagnostics: inout [Diagnostic]) -> Int? {
        required(name, expected: "次数，不小于0的整数", diagnostics: &diagnostics) { $0.count(name, diagnostics: &$1) }
    }

    func bool(_ name: String, diagnostics: inout [Diagnostic]) -> Bool? {
        required(name, expected: "true 或 false", diagnostics: &diagnostics) { $0.bool(name, diagnostics: &$1) }
    }

    func string(_ name: String, diagnostics: inout [Diagnostic]) -> String? {
        required(name, expected: "文本", diagnostics: &diagnostics) {
            $0.string(name, diagnostics: &$1)?.trimmedSpaces()
        }
    }

    /// A list of ids; an empty cell or `[]` is an empty list, `a;b` in a table cell is two.
    func list(_ name: String, diagnostics: inout [Diagnostic]) -> [String]? {
        guard let field = value(name) else { return [] }
        return field.stringList(name, splitting: true, diagnostics: &diagnostics)
    }

    /// `{kind: n}`, or in a table cell `kind:n;kind:n`.
    func counts(_ name: String, diagnostics: inout [Diagnostic]) -> [(key: String, count: Int, location: SourceLocation)]? {
        guard let field = value(name) else { return [] }
        if let entries = field.entries {
            var counts: [(key: String, count: Int, location: SourceLocation)] = []
            for entry in entries {
                guard let count = entry.value.count(entry.key, diagnostics: &diagnostics) else { return nil }
                counts.append((entry.key, count, entry.value.location))
            }
            return counts
        }
        if let text = field.text {
            var counts: [(key: String, count: Int, location: SourceLocation)] = []
            for part in text.split(whereSeparator: { $0 == ";" || $0 == "；" }) {
                let pieces = part.split(whereSeparator: { $0 == ":" || $0 == "：" }).map { $0.trimmedSpaces() }
                guard pieces.count == 2, let count = DecimalText.decimal(pieces[1]), count.isWholeNumber, count >= 0 else {
                    diagnostics.append(field.wrongType(name, expected: "按类别的次数（如 { 省市通报: 1, 县直: 2 }）"))
                    return nil
                }
                counts.append((pieces[0], NSDecimalNumber(decimal: count).intValue, field.location))
            }
            return counts
        }
        diagnostics.append(field.wrongType(name, expected: "按类别的次数（如 { 省市通报: 1, 县直: 2 }）"))
        return nil
    }

    func score(_ value: Decimal) -> String { formatScore(value, precision: precision) }
}
