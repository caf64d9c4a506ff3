import JixiaoCore
import Yams

/// Turns Yams/libyaml errors into diagnostics in Chinese at the real file line.
struct YAMLErrorReporter {
    let text: String
    let file: String
    let lineOffset: Int

    func location(line: Int, column: Int) -> SourceLocation {
        SourceLocation(file: file, line: line + lineOffset, column: column)
    }

    static let problems: [String: String] = [
        "found character that cannot start any token": "这里的字符不能作为值的开头",
        "mapping values are not allowed in this context": "这里不能出现“键: 值”",
        "mapping keys are not allowed in this context": "这里不能出现键",
        "did not find expected key": "没有找到预期的键",
        "could not find expected ':'": "缺少冒号“:”",
        "found unexpected end of stream": "内容意外结束",
        "did not find expected ',' or ']'": "缺少逗号“,”或右方括号“]”",
        "did not find expected ',' or '}'": "缺少逗号“,”或右花括号“}”",
        "did not find expected '-' indicator": "缺少列表项标记“-”",
        "did not find expected node content": "缺少值",
        "did not find expected <document start>": "缺少文档开始标记",
        "block sequence entries are not allowed in this context": "这里不能开始一个“- ”列表",
        "found unknown escape character": "双引号字符串中有无效的转义（\\）",
        "found invalid Unicode character escape code": "无效的 Unicode 转义",
        "found a tab character where an indentation space is expected": "缩进中使用了制表符（Tab）",
        "found a tab character that violates indentation": "缩进中使用了制表符（Tab）",
        "found undefined alias": "引用了未定义的锚点",
        "found unexpected ':'": "出现了多余的冒号",
        "found unexpected document indicator": "引号内出现了文档分隔符 ---",
        "did not find expected comment or line break": "值后面有多余的内容",
        "did not find expected whitespace or line break": "缺少空格或换行",
        "control characters are not allowed": "文件中有不允许的控制字符",
        "found undefined tag handle": "未定义的标签",
        "but found another document": "一个文件只能有一个 YAML 文档（出现了第二个 ---）",
    ]

    static func translate(_ problem: String) -> String {
        if let chinese = problems[problem] { return "\(chinese)（\(problem)）" }
        // libyaml stops deep nesting itself (a hostile file must not exhaust the stack).
        if problem.hasPrefix("Maximum nesting level reached") { return "嵌套层数过深，文件结构不合理（nesting too deep）" }
        return problem
    }

    static let contexts: [String: String] = [
        "while parsing a block mapping": "所在的映射",
        "while parsing a block collection": "所在的列表",
        "while parsing a flow sequence": "所在的 [ ] 列表",
        "while parsing a flow mapping": "所在的 { } 映射",
        "while scanning a quoted scalar": "所在的引号字符串",
        "while parsing a quoted scalar": "所在的引号字符串",
        "while scanning a simple key": "所在的键",
        "while scanning a plain scalar": "所在的值",
        "while scanning a block scalar": "所在的多行文字（| 或 >）",
        "while parsing a block node": "所在的值",
        "while parsing a flow node": "所在的值",
    ]

    func hint(problem: String, context: YamlError.Context?) -> String {
        var parts: [String] = []
        if let context {
            let line = context.mark.line + lineOffset
            let what = Self.contexts[context.text] ?? context.text
            parts.append("\(what)从第 \(line) 行第 \(context.mark.column) 列开始。")
        }
        switch problem {
        case "mapping values are not allowed in this context":
            parts.append("值中含有“: ”时要给整个值加引号，例如 title: \"说明：…\"；也可能是上一行缩进不对。")
        case "did not find expected key", "did not find expected '-' indicator":
            parts.append("检查这一行与上一行的缩进是否对齐（只用空格）。")
        case "found unexpected end of stream":
            parts.append("检查引号、[ ]、{ } 是否都已闭合。")
        case "found character that cannot start any token":
            parts.append("@、` 等字符不能作为值的开头；给这个值加上引号。")
        default:
            parts.append("YAML 的写法见 docs/content-format.md；含特殊字符的值请加引号。")
        }
        return parts.joined(separator: " ")
    }

    func diagnostic(for error: any Error) -> Diagnostic {
        guard let error = error as? YamlError else {
            return .error(at: location(line: 1, column: 0), "YAML 读取失败：\(error)")
        }
        switch error {
        case let .scanner(context, problem, mark, _),
             let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            if problem.contains("tab") || SourceText.scalar(in: text, line: mark.line, column: mark.column) == "\t" {
                return .error(at: location(line: mark.line, column: mark.column),
                              "YAML 语法错误：缩进中不能使用制表符（Tab）",
                              hint: "YAML 只能用空格缩进：把这一行开头的 Tab 换成空格（编辑器里可设置“Tab 转为空格”）。")
            }
            return .error(at: location(line: mark.line, column: mark.column),
                          "YAML 语法错误：\(Self.translate(problem))",
                          hint: hint(problem: problem, context: context))
        case let .reader(problem, offset, value, _):
            let position = offset.map { characterPosition($0) } ?? (line: 1, column: 0)
            let hex = String(value, radix: 16, uppercase: true)
            let code = value >= 0 ? "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex : ""
            return .error(at: location(line: position.line, column: position.column),
                          "YAML 语法错误：文件中有不允许的字符 \(code)（\(problem)）",
                          hint: "删除这个不可见的控制字符；如果文件是从别处复制来的，请用纯文本编辑器检查。")
        case let .duplicatedKeysInMapping(duplicates, context):
            let key = duplicates.first ?? ""
            let first = context.mark
            let second = secondOccurrence(of: key, first: first)
            let at = second ?? (first.line, first.column)
            return .error(at: location(line: at.line, column: at.column), "键“\(key)”重复",
                          hint: "同一层中每个键只能出现一次；第一次出现在第 \(first.line + lineOffset) 行。")
        default:
            return .error(at: location(line: 1, column: 0), "YAML 读取失败：\(error)")
        }
    }

    /// Yams reports `offset` in Characters from the start of the text.
    private func characterPosition(_ offset: Int) -> (line: Int, column: Int) {
        guard let index = text.index(text.startIndex, offsetBy: offset, limitedBy: text.endIndex) else { return (1, 0) }
        let scalarOffset = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: index)
        return SourceText.position(in: text, scalarOffset: scalarOffset)
    }

    // MARK: Duplicate keys

    /// Yams reports a repeated key at its first occurrence. To point at the
    /// second, parse again with the first one renamed (a private-use character
    /// prepended) and look for the key that is left.
    func secondOccurrence(of key: String, first: Mark) -> (line: Int, column: Int)? {
        let marker: Unicode.Scalar = "\u{E000}"
        guard let start = SourceText.index(in: text, line: first.line, column: first.column),
              start < text.unicodeScalars.endIndex else { return nil }
        var scalars = text.unicodeScalars
        let opening = scalars[start]
        var insertColumn = first.column
        var insertAt = start
        if opening == "\"" || opening == "'" {
            insertAt = scalars.index(after: start)
            insertColumn += 1
        }
        scalars.insert(marker, at: insertAt)
        let renamed = String(scalars)
        func adjust(_ mark: Mark) -> (line: Int, column: Int) {
            (mark.line, mark.line == first.line && mark.column > insertColumn ? mark.column - 1 : mark.column)
        }
        do {
            guard let root = try Yams.compose(yaml: renamed) else { return nil }
            var budget = 200_000
            guard let mark = Self.find(key: key, renamedKey: String(marker) + key, in: root, budget: &budget) else { return nil }
            return adjust(mark)
        } catch let YamlError.duplicatedKeysInMapping(duplicates, context) {
            guard duplicates.first == key else { return nil }
            return adjust(context.mark)
        } catch {
            return nil
        }
    }

    /// The mark of `key` in the mapping that also holds `renamedKey`.
    private static func find(key: String, renamedKey: String, in node: Yams.Node, budget: inout Int) -> Mark? {
        budget -= 1
        guard budget > 0 else { return nil }
        switch node {
        case .mapping(let mapping):
            let keys = mapping.map(\.key)
            if keys.contains(where: { $0.scalar?.string == renamedKey }),
               let other = keys.first(where: { $0.scalar?.string == key }) {
                return other.mark
            }
            for (_, value) in mapping {
                if let found = find(key: key, renamedKey: renamedKey, in: value, budget: &budget) { return found }
            }
            for keyNode in keys {
                if let found = find(key: key, renamedKey: renamedKey, in: keyNode, budget: &budget) { return found }
            }
            return nil
        case .sequence(let sequence):
            for item in sequence {
                if let found = find(key: key, renamedKey: renamedKey, in: item, budget: &budget) { return found }
            }
            return nil
        case .scalar, .alias:
            return nil
        }
    }

    // MARK: Alias bombs in keys

    /// Yams hashes mapping keys while composing, before any size check can run,
    /// so a key made of an alias bomb would hang it. When a text uses anchors,
    /// keys that are aliases, `? ` complex keys and flow collections used as keys
    /// are refused up front (a textual check; ordinary content never has them).
    func rejectComplexKeysWithAliases() throws(DiagnosticsError) {
        guard text.containsBytes("&"), text.containsBytes("*"),
              text.contains(/(?:^|[\s\[\]{},:-])&[A-Za-z0-9_-]+/.anchorsMatchLineEndings()) else { return }
        let patterns: [Regex<Substring>] = [
            /(?:^|[\s\[{,?])\*[A-Za-z0-9_-]+[ \t]*:(?:[ \t]|$|[,\]}])/.anchorsMatchLineEndings(),
            /^[ \t-]*\?(?:[ \t]|$)/.anchorsMatchLineEndings(),
            /[\]}][ \t]*:(?:[ \t]|$)/.anchorsMatchLineEndings(),
        ]
        for pattern in patterns {
            if let match = text.firstMatch(of: pattern) {
                let start = text[match.range].firstIndex { !$0.isWhitespace && $0 != "," && $0 != "[" && $0 != "{" } ?? match.range.lowerBound
                let offset = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: start)
                let position = SourceText.position(in: text, scalarOffset: offset)
                throw DiagnosticsError([.error(
                    at: location(line: position.line, column: 0),
                    "使用了锚点（&）和别名（*）时，键只能是简单的文字",
                    hint: "不要把别名、列表或 { } 映射用作键，也不要用 ? 开头的复杂键。")])
            }
        }
    }
}
