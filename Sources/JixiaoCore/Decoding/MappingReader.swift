import Foundation

/// Reads the keys of one mapping: unknown keys are warnings, duplicate keys and
/// wrong types are errors, missing required keys are errors at the mapping.
struct MappingReader {
    let value: SourceValue
    /// What the mapping is, for messages: "指标 A1"、"evaluation.yaml".
    let what: String
    private(set) var entries: [SourceEntry] = []

    /// Nil (with an error) when the value is not a mapping.
    init?(_ value: SourceValue, what: String, known: [String], diagnostics: inout [Diagnostic]) {
        guard let entries = value.entries else {
            diagnostics.append(.error(at: value.location, "\(what)应为键值映射（key: value），这里是\(value.kindName)"))
            return nil
        }
        self.value = value
        self.what = what
        var seen = Set<String>()
        for entry in entries {
            if !seen.insert(entry.key).inserted {
                diagnostics.append(.error(at: entry.keyLocation, "\(what)中的键“\(entry.key)”重复",
                                          hint: "每个键只能写一次；删除或合并重复的一行。"))
                continue
            }
            if !known.contains(entry.key) {
                let suggestion = Self.closest(entry.key, among: known)
                diagnostics.append(.warning(
                    at: entry.keyLocation, "\(what)中有未知的键“\(entry.key)”，已忽略",
                    hint: suggestion.map { "是否应为“\($0)”？" } ?? "可用的键：\(known.joined(separator: "、"))。"))
                continue
            }
            self.entries.append(entry)
        }
    }

    /// The value of a known key, nil when absent or null.
    subscript(key: String) -> SourceValue? {
        guard let value = entries.first(where: { $0.key == key })?.value, !value.isNull else { return nil }
        return value
    }

    func keyLocation(_ key: String) -> SourceLocation? {
        entries.first { $0.key == key }?.keyLocation
    }

    func has(_ key: String) -> Bool { self[key] != nil }

    /// Reports a missing required key.
    func missing(_ key: String, expected: String, diagnostics: inout [Diagnostic], hint: String? = nil) {
        diagnostics.append(.error(at: value.location, "\(what)缺少“\(key)”（\(expected)）", hint: hint))
    }

    func string(_ key: String, required: Bool = false, diagnostics: inout [Diagnostic]) -> String? {
        guard let field = self[key] else {
            if required { missing(key, expected: "文本", diagnostics: &diagnostics) }
            return nil
        }
        guard let text = field.string(key, diagnostics: &diagnostics) else { return nil }
        let trimmed = text.trimmedSpacesAndNewlines()
        if trimmed.isEmpty {
            if required {
                diagnostics.append(.error(at: field.location, "\(what)的“\(key)”不能为空"))
            }
            return nil
        }
        return trimmed
    }

    func decimal(_ key: String, required: Bool = false, diagnostics: inout [Diagnostic]) -> Decimal? {
        guard let field = self[key] else {
            if required { missing(key, expected: "数值", diagnostics: &diagnostics) }
            return nil
        }
        return field.decimal(key, diagnostics: &diagnostics)
    }

    func nonNegativeDecimal(_ key: String, required: Bool = false, diagnostics: inout [Diagnostic]) -> Decimal? {
        guard let field = self[key] else {
            if required { missing(key, expected: "不小于0的数值", diagnostics: &diagnostics) }
            return nil
        }
        return field.nonNegativeDecimal(key, diagnostics: &diagnostics)
    }

    func positiveDecimal(_ key: String, required: Bool = false, diagnostics: inout [Diagnostic]) -> Decimal? {
        guard let field = self[key] else {
            if required { missing(key, expected: "大于0的数值", diagnostics: &diagnostics) }
            return nil
        }
        return field.positiveDecimal(key, diagnostics: &diagnostics)
    }

    func integer(_ key: String, required: Bool = false, diagnostics: inout [Diagnostic]) -> Int? {
        guard let field = self[key] else {
            if required { missing(key, expected: "整数", diagnostics: &diagnostics) }
            return nil
        }
        return field.integer(key, diagnostics: &diagnostics)
    }

    func bool(_ key: String, diagnostics: inout [Diagnostic]) -> Bool? {
        guard let field = self[key] else { return nil }
        return field.bool(key, diagnostics: &diagnostics)
    }

    func stringList(_ key: String, splitting: Bool = false, diagnostics: inout [Diagnostic]) -> [String] {
        guard let field = self[key] else { return [] }
        return field.stringList(key, splitting: splitting, diagnostics: &diagnostics) ?? []
    }

    /// A sequence; nil with an error when the value is something else.
    func sequence(_ key: String, required: Bool = false, diagnostics: inout [Diagnostic]) -> [SourceValue]? {
        guard let field = self[key] else {
            if required { missing(key, expected: "列表", diagnostics: &diagnostics) }
            return nil
        }
        guard let items = field.items else {
            diagnostics.append(field.wrongType(key, expected: "列表"))
            return nil
        }
        return items
    }

    /// A nested mapping's entries; nil with an error when the value is something else.
    func mappingEntries(_ key: String, required: Bool = false, diagnostics: inout [Diagnostic]) -> [SourceEntry]? {
        guard let field = self[key] else {
            if required { missing(key, expected: "键值映射", diagnostics: &diagnostics) }
            return nil
        }
        guard let entries = field.entries else {
            diagnostics.append(field.wrongType(key, expected: "键值映射"))
            return nil
        }
        return entries
    }

    /// A known key that differs from `key` by at most two edits, for "是否应为…".
    static func closest(_ key: String, among known: [String]) -> String? {
        known.map { ($0, EditDistance.between(key, $0)) }
            .filter { $0.1 <= 2 }
            .min { $0.1 < $1.1 }?.0
    }

}
