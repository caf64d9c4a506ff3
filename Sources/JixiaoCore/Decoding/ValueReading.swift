import Foundation

/// Typed reads of single values, each reporting a located error in Chinese when
/// the value has the wrong type. `label` names the value in messages (usually the key).
extension SourceValue {
    /// What the value is, in words, for "应为…，这里是…" messages.
    var kindName: String {
        switch node {
        case .null: "空值"
        case .scalar(_, let quoted): quoted ? "带引号的文本" : "标量“\(text ?? "")”"
        case .sequence: "列表"
        case .mapping: "键值映射"
        }
    }

    func wrongType(_ label: String, expected: String, hint: String? = nil) -> Diagnostic {
        .error(at: location, "“\(label)”应为\(expected)，这里是\(kindName)", hint: hint)
    }

    /// An exact decimal; rejects non-numbers, NaN, infinities and absurd magnitudes.
    func decimal(_ label: String, diagnostics: inout [Diagnostic]) -> Decimal? {
        guard let text else {
            diagnostics.append(wrongType(label, expected: "数值", hint: "写成普通小数，如 0.02。"))
            return nil
        }
        switch DecimalText.parse(text) {
        case .success(let value):
            return value
        case .failure(let failure):
            diagnostics.append(.error(at: location, "“\(label)”的值“\(text)”\(failure.message)",
                                      hint: "写成普通小数，如 0.02、90、1.5；比例写成小数（0.9 表示90%）。"))
            return nil
        }
    }

    /// A decimal that must not be negative.
    func nonNegativeDecimal(_ label: String, diagnostics: inout [Diagnostic]) -> Decimal? {
        guard let value = decimal(label, diagnostics: &diagnostics) else { return nil }
        if value < 0 {
            diagnostics.append(.error(at: location, "“\(label)”不能为负数（这里是\(formatPlain(value))）"))
            return nil
        }
        return value
    }

    /// A decimal that must be greater than zero.
    func positiveDecimal(_ label: String, diagnostics: inout [Diagnostic]) -> Decimal? {
        guard let value = decimal(label, diagnostics: &diagnostics) else { return nil }
        if value <= 0 {
            diagnostics.append(.error(at: location, "“\(label)”必须大于0（这里是\(formatPlain(value))）"))
            return nil
        }
        return value
    }

    /// A whole number (also written as `3.0`).
    func integer(_ label: String, diagnostics: inout [Diagnostic]) -> Int? {
        guard let text, let value = DecimalText.decimal(text), value.isWholeNumber,
              abs(value).isBelow(1_000_000_000) else {
            diagnostics.append(wrongType(label, expected: "整数"))
            return nil
        }
        // In integers when the parts fit (a count on every row of a results table).
        if let parts = DecimalParts(value), let units = parts.scaled(to: 0) {
            return parts.negative ? -Int(units) : Int(units)
        }
        return NSDecimalNumber(decimal: value).intValue
    }

    /// A whole number ≥ 0, such as a count.
    func count(_ label: String, diagnostics: inout [Diagnostic]) -> Int? {
        guard let value = integer(label, diagnostics: &diagnostics) else { return nil }
        if value < 0 {
            diagnostics.append(.error(at: location, "“\(label)”不能为负数（这里是\(value)）"))
            return nil
        }
        return value
    }

    /// `true` / `false` (also 是 / 否).
    func bool(_ label: String, diagnostics: inout [Diagnostic]) -> Bool? {
        switch text?.lowercased() {
        case "true", "是": return true
        case "false", "否": return false
        default:
            diagnostics.append(wrongType(label, expected: "true 或 false"))
            return nil
        }
    }

    /// Text; numbers are accepted as their text.
    func string(_ label: String, diagnostics: inout [Diagnostic]) -> String? {
        guard let text else {
            diagnostics.append(wrongType(label, expected: "文本"))
            return nil
        }
        return text
    }

    /// A list of texts. A single text is a list of one; `splitting` separates items
    /// of a single text (results.csv writes lists as `a;b`).
    func stringList(_ label: String, splitting: Bool = false, diagnostics: inout [Diagnostic]) -> [String]? {
        if let text {
            guard splitting else { return [text] }
            return Self.listItems(text)
        }
        guard let items else {
            diagnostics.append(wrongType(label, expected: "文本列表"))
            return nil
        }
        var result: [String] = []
        for item in items {
            guard let text = item.text else {
                diagnostics.append(item.wrongType(label, expected: "文本列表中的一项文本"))
                continue
            }
            result.append(text)
        }
        return result
    }

    /// The items of a list written in one cell, "工作台账;佐证材料" (either semicolon),
    /// trimmed, without empty ones.
    static func listItems(_ text: String) -> [String] {
        let pieces = splitByScalars(text) ?? text.split(whereSeparator: { $0 == ";" || $0 == "；" })
        return pieces.map { $0.trimmedSpaces() }.filter { !$0.isEmpty }
    }

    /// The split by characters above, done on scalars (grapheme breaking made it a
    /// tenth of reading results.csv), when that is sure to give the same pieces:
    /// the text is only ASCII, CJK ideographs, CJK punctuation and full-width forms,
    /// none of which joins a neighbour into one character (no combining marks, no
    /// U+037E, which equals ";" as a character). nil for any other text.
    static func splitByScalars(_ text: String) -> [Substring]? {
        var pieces: [Substring] = []
        var start = text.unicodeScalars.startIndex
        var index = start
        let scalars = text.unicodeScalars
        while index != scalars.endIndex {
            let value = scalars[index].value
            switch value {
            case 0x3B, 0xFF1B:
                pieces.append(Substring(scalars[start..<index]))
                start = scalars.index(after: index)
            case ..<0x80, 0x4E00...0x9FFF, 0x3000...0x3029, 0xFF01...0xFF5E:
                break
            default:
                return nil
            }
            index = scalars.index(after: index)
        }
        // `split` drops empty pieces; the caller drops them after trimming anyway.
        pieces.append(Substring(scalars[start..<index]))
        return pieces
    }

    /// The value as its author wrote it, for display beside a computed score.
    var displayText: String {
        switch node {
        case .null: ""
        case .scalar(let text, _): text
        case .sequence(let items): items.map(\.displayText).joined(separator: "、")
        case .mapping(let entries): entries.map { "\($0.key)：\($0.value.displayText)" }.joined(separator: "、")
        }
    }
}
