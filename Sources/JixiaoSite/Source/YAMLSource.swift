import JixiaoCore
import Yams

/// Reads YAML (and JSON, through the same reader) into `SourceValue` trees whose
/// every value knows its file, line and column.
///
/// - Scalars keep their text; `quoted` is true for quoted and block (`|`, `>`)
///   scalars and for `!!str`. Plain `~`, `null`, `Null`, `NULL` and empty values
///   are `.null`. Nothing else is typed here (`yes` stays the text "yes").
/// - Mappings keep their order; keys must be scalars; a repeated key is an error
///   at its second occurrence.
/// - Aliases are resolved and merge keys (`<<: *base`) merged (the mapping's own
///   keys win), but alias expansion is bounded (`maximumAliasExpansion`), so an
///   alias bomb is an error instead of a hang. Nesting is bounded too.
/// - A file whose name ends in `.json` is checked as strict JSON first
///   (see `JSONSource`).
public enum YAMLSource {
    /// Containers nested deeper than this are refused.
    public static let maximumDepth = 200
    /// At most this many values may be produced by aliases and merge keys.
    public static let maximumAliasExpansion = 100_000

    /// Parses one YAML document. `lineOffset` is added to every line: pass the
    /// file line just before `text` when `text` is a block cut out of a file.
    public static func parse(_ text: String, file: String, lineOffset: Int = 0) throws(DiagnosticsError) -> SourceValue {
        if file.lowercased().hasSuffix(".json") {
            return try JSONSource.parse(text, file: file, lineOffset: lineOffset)
        }
        return try parseYAML(SourceText.droppingBOM(text), file: file, lineOffset: lineOffset)
    }

    static func parseYAML(_ text: String, file: String, lineOffset: Int) throws(DiagnosticsError) -> SourceValue {
        if let simple = SimpleYAML.parse(text, file: file, lineOffset: lineOffset) { return simple }
        return try parseWithYams(text, file: file, lineOffset: lineOffset)
    }

    /// What Yams resolves tags with: only merge keys (`<<`). Nothing here is typed
    /// by its tag (see above), but Yams resolves every mapping key while looking for
    /// repeated ones, and the default rules (bool, int, float, null, timestamp) ran
    /// their regular expressions over each key of each unit of a 2,000-unit list.
    static let keysResolver = Resolver.basic.appending(.merge)

    /// Any YAML, through the full parser (what `SimpleYAML` reads must equal this).
    static func parseWithYams(_ text: String, file: String, lineOffset: Int) throws(DiagnosticsError) -> SourceValue {
        let reporter = YAMLErrorReporter(text: text, file: file, lineOffset: lineOffset)
        try reporter.rejectComplexKeysWithAliases()
        let root: Yams.Node?
        do {
            // UTF-8 named here: the default reads the process environment on every call.
            root = try Yams.compose(yaml: text, keysResolver, .default, .utf8)
        } catch {
            throw DiagnosticsError([reporter.diagnostic(for: error)])
        }
        guard let root else {
            return .null(at: SourceLocation(file: file, line: lineOffset + 1, column: 1))
        }
        var converter = YAMLConverter(file: file, lineOffset: lineOffset)
        return try converter.convert(root, depth: 0)
    }
}

/// Turns a composed Yams tree into `SourceValue`s.
struct YAMLConverter {
    let file: String
    let lineOffset: Int
    /// Nodes already converted, by position and kind: meeting one again means an
    /// alias (or a merge) is expanding it once more.
    private var seen: Set<NodeKey> = []
    private var expansions = 0

    private struct NodeKey: Hashable {
        var line: Int
        var column: Int
        var kind: Int
    }

    init(file: String, lineOffset: Int) {
        self.file = file
        self.lineOffset = lineOffset
    }

    func location(_ node: Yams.Node) -> SourceLocation {
        guard let mark = node.mark else { return SourceLocation(file: file, line: lineOffset + 1, column: 1) }
        return SourceLocation(file: file, line: mark.line + lineOffset, column: mark.column)
    }

    static func isNull(_ scalar: Yams.Node.Scalar) -> Bool {
        guard scalar.style == .plain || scalar.style == .any, scalar.tag.rawValue == Tag.Name.implicit.rawValue else { return false }
        switch scalar.string {
        case "", "~", "null", "Null", "NULL": return true
        default: return false
        }
    }

    static func isMergeKey(_ node: Yams.Node) -> Bool {
        guard case .scalar(let scalar) = node else { return false }
        // Yams resolves (and stores) the tags of keys while checking for duplicates.
        return scalar.string == "<<" && (scalar.style == .plain || scalar.style == .any)
            && [Tag.Name.implicit.rawValue, Tag.Name.merge.rawValue].contains(scalar.tag.rawValue)
    }

    mutating func count(_ node: Yams.Node, kind: Int) throws(DiagnosticsError) {
        let location = location(node)
        if !seen.insert(NodeKey(line: location.line, column: location.column, kind: kind)).inserted {
            expansions += 1
            if expansions > YAMLSource.maximumAliasExpansion {
                throw DiagnosticsError([.error(
                    at: location,
                    "别名（*）展开后的内容过多（超过 \(YAMLSource.maximumAliasExpansion) 个值）",
                    hint: "这通常是层层引用的别名造成的“别名炸弹”；请直接写出内容，或减少别名的嵌套引用。")])
            }
        }
    }

    mutating func convert(_ node: Yams.Node, depth: Int) throws(DiagnosticsError) -> SourceValue {
        let location = location(node)
        if depth > YAMLSource.maximumDepth {
            throw DiagnosticsError([.error(at: location, "嵌套层数超过 \(YAMLSource.maximumDepth) 层",
                                           hint: "内容文件不需要这么深的层次；请检查缩进或括号是否写错。")])
        }
        switch node {
        case .scalar(let scalar):
            try count(node, kind: 0)
            if Self.isNull(scalar) { return .null(at: location) }
            let quoted = !(scalar.style == .plain || scalar.style == .any) || scalar.tag.rawValue == Tag.Name.str.rawValue
            return .scalar(scalar.string, quoted: quoted, at: location)
        case .sequence(let sequence):
            try count(node, kind: 1)
            var items: [SourceValue] = []
            items.reserveCapacity(sequence.count)
            for item in sequence {
                items.append(try convert(item, depth: depth + 1))
            }
            return .sequence(items, at: location)
        case .mapping(let mapping):
            try count(node, kind: 2)
            return try convertMapping(mapping, at: location, depth: depth)
        case .alias:
            throw DiagnosticsError([.error(at: location, "无法解析的别名", hint: "检查别名（*名称）是否有对应的锚点（&名称）。")])
        }
    }

    private mutating func convertMapping(_ mapping: Yams.Node.Mapping, at location: SourceLocation,
                                         depth: Int) throws(DiagnosticsError) -> SourceValue {
        enum Part {
            case entry(SourceEntry)
            case merge([SourceEntry])
        }
        var parts: [Part] = []
        var own: [String: SourceLocation] = [:]
        var diagnostics: [Diagnostic] = []
        for (keyNode, valueNode) in mapping {
            let keyLocation = self.location(keyNode)
            if Self.isMergeKey(keyNode) {
                let merged = try convert(valueNode, depth: depth + 1)
                var entries: [SourceEntry] = []
                let sources = merged.items ?? [merged]
                for source in sources {
                    guard let sourceEntries = source.entries else {
                        diagnostics.append(.error(at: source.location, "合并键 << 的值必须是映射（或映射的列表）",
                                                  hint: "写成 <<: *名称，其中 &名称 标在一个“键: 值”映射上。"))
                        continue
                    }
                    entries += sourceEntries
                }
                parts.append(.merge(entries))
                continue
            }
            guard case .scalar(let keyScalar) = keyNode else {
                diagnostics.append(.error(at: keyLocation, "键必须是简单的文字，不能是列表或映射",
                                          hint: "检查这一行的写法；键写成 名称: 值。"))
                continue
            }
            try count(keyNode, kind: 0)
            let key = keyScalar.string
            if let first = own[key] {
                diagnostics.append(.error(at: keyLocation, "键“\(key)”重复",
                                          hint: "同一层中每个键只能出现一次；第一次出现在第 \(first.line) 行。"))
                continue
            }
            own[key] = keyLocation
            let value = try convert(valueNode, depth: depth + 1)
            parts.append(.entry(SourceEntry(key: key, keyLocation: keyLocation, value: value)))
        }
        if !diagnostics.isEmpty { throw DiagnosticsError(diagnostics) }
        var entries: [SourceEntry] = []
        var taken = Set(own.keys)
        for part in parts {
            switch part {
            case .entry(let entry):
                entries.append(entry)
            case .merge(let merged):
                for entry in merged where !taken.contains(entry.key) {
                    taken.insert(entry.key)
                    entries.append(entry)
                }
            }
        }
        return .mapping(entries, at: location)
    }
}
