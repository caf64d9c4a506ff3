import Foundation
import JixiaoCore

/// Reads the typed fields of one front-matter or YAML mapping and collects a
/// located diagnostic for every field that is not what the format says.
/// Unknown keys are warned about, so a typo (`titel:`) is never silently ignored.
struct FieldReader {
    let value: SourceValue
    let what: String
    private(set) var diagnostics: [Diagnostic] = []
    private var used: Set<String> = []

    /// `what` names the kind of file in messages, e.g. "工作方案".
    init(_ value: SourceValue, what: String) {
        self.value = value
        self.what = what
        if value.entries == nil && !value.isNull {
            diagnostics.append(.error(at: value.location, "\(what)的元数据应为键值对（映射）",
                                      hint: "按 docs/content-format.md 的格式书写，例如 `title: 标题`。"))
        }
    }

    mutating func string(_ key: String, required: Bool = false) -> String? {
        used.insert(key)
        guard let field = value[key], !field.isNull else {
            if required { missing(key) }
            return nil
        }
        guard let text = field.text else {
            wrongType(key, field, expected: "文字")
            return nil
        }
        let trimmed = text.trimmedSpacesAndNewlines()
        if trimmed.isEmpty, required { missing(key) }
        return trimmed.isEmpty ? nil : trimmed
    }

    /// A list of texts; a single text is accepted as a list of one.
    mutating func strings(_ key: String) -> [String] {
        used.insert(key)
        guard let field = value[key], !field.isNull else { return [] }
        if let text = field.text { return [text] }
        guard let items = field.items else {
            wrongType(key, field, expected: "文字列表")
            return []
        }
        return items.compactMap { item in
            if let text = item.text { return text }
            wrongType(key, item, expected: "文字")
            return nil
        }
    }

    mutating func bool(_ key: String) -> Bool? {
        used.insert(key)
        guard let field = value[key], !field.isNull else { return nil }
        switch field.text?.lowercased() {
        case "true", "yes", "是": return true
        case "false", "no", "否": return false
        default:
            wrongType(key, field, expected: "true 或 false")
            return nil
        }
    }

    mutating func date(_ key: String, required: Bool = false) -> CalendarDate? {
        guard let text = string(key, required: required), let field = value[key] else { return nil }
        if let date = CalendarDate(parsing: text) { return date }
        let placeholder = text.contains("*") || text.contains("某")
        diagnostics.append(.error(
            at: field.location,
            placeholder ? "日期“\(text)”是占位符，不是真实日期" : "日期“\(text)”无效",
            hint: "写成 YYYY-MM-DD，例如 2019-08-22；日期须真实存在。"))
        return nil
    }

    /// A list of mappings, each read by `read`.
    mutating func list<T>(_ key: String, what itemWhat: String, _ read: (inout FieldReader) -> T?) -> [T] {
        used.insert(key)
        guard let field = value[key], !field.isNull else { return [] }
        guard let items = field.items else {
            wrongType(key, field, expected: "列表")
            return []
        }
        return items.compactMap { item in
            var reader = FieldReader(item, what: itemWhat)
            let result = read(&reader)
            diagnostics += reader.finish()
            return result
        }
    }

    /// A nested mapping read by `read`.
    mutating func nested<T>(_ key: String, what nestedWhat: String, _ read: (inout FieldReader) -> T?) -> T? {
        used.insert(key)
        guard let field = value[key], !field.isNull else { return nil }
        var reader = FieldReader(field, what: nestedWhat)
        let result = read(&reader)
        diagnostics += reader.finish()
        return result
    }

    /// Marks keys that another reader handles.
    mutating func skip(_ keys: String...) {
        used.formUnion(keys)
    }

    mutating func report(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }

    /// The diagnostics, with a warning for every key nobody asked for.
    func finish() -> [Diagnostic] {
        var all = diagnostics
        for entry in value.entries ?? [] where !used.contains(entry.key) {
            all.append(.warning(at: entry.keyLocation, "\(what)中有未知字段“\(entry.key)”，已忽略",
                                hint: "检查拼写；可用字段见 docs/content-format.md。"))
        }
        return all
    }

    private mutating func missing(_ key: String) {
        diagnostics.append(.error(at: value.location, "\(what)缺少必填字段“\(key)”",
                                  hint: "在元数据中加上 `\(key): …`。"))
    }

    private mutating func wrongType(_ key: String, _ field: SourceValue, expected: String) {
        diagnostics.append(.error(at: field.location, "字段“\(key)”应为\(expected)",
                                  hint: "按 docs/content-format.md 修改该字段。"))
    }
}
