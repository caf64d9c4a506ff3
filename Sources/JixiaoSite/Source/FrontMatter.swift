import JixiaoCore

/// Splits a content Markdown file into its front matter and its body.
///
/// Front matter is either YAML between a first line `---` and the next line
/// `---` (or `...`), or a JSON object starting with `{` as the very first
/// character of the file (and not followed by another `{`, so that a body
/// starting with a `{{< shortcode >}}` is left alone) and ending at the matching
/// `}` (strings and escapes honoured), which must end its line. A UTF-8 BOM is ignored; CRLF and CR line
/// endings are accepted. Every location in the front matter is the real line and
/// column in the file.
///
/// The body has its line endings normalized to "\n"; `bodyLine` is the file line
/// it starts on (1 when there is no front matter). A file without front matter
/// gives `frontMatter` nil; an empty YAML block gives an empty mapping. Front
/// matter that is not a mapping is an error.
public enum FrontMatter {
    public static func split(text: String, file: String) throws(DiagnosticsError) -> (frontMatter: SourceValue?, body: String, bodyLine: Int) {
        let text = SourceText.normalizingLineEndings(SourceText.droppingBOM(text))
        if isJSONStart(text) {
            return try splitJSON(text, file: file)
        }
        // Lines are found on bytes, and only up to the closing delimiter: the body
        // (most of the text) is taken as it is, not split and joined again.
        var lines = SeparatorScanner(text[...])
        guard let first = lines.next(), isDelimiter(text[first.content], allowDots: false) else {
            return (nil, text, 1)
        }
        var close = 1
        var blockEnd = first.next // where the last line before the closing delimiter ends
        while let line = lines.next() {
            if isDelimiter(text[line.content], allowDots: true) {
                let block = String(text[first.next..<blockEnd])
                var value = try YAMLSource.parse(block, file: file, lineOffset: 1)
                if value.isNull {
                    value = .mapping([], at: SourceLocation(file: file, line: 1, column: 1))
                }
                try requireMapping(value)
                return (value, String(text[line.next...]), close + 2)
            }
            close += 1
            blockEnd = line.content.upperBound
        }
        throw DiagnosticsError([.error(
            at: SourceLocation(file: file, line: 1, column: 1),
            "front matter 没有结束：第 1 行的 --- 之后找不到结尾的 ---",
            hint: "在 front matter 的最后一行之后加一行 ---，正文写在它下面。")])
    }

    /// `{` first, not followed by another `{`: a body starting with a shortcode
    /// such as `{{< units >}}` is not front matter.
    static func isJSONStart(_ text: String) -> Bool {
        guard text.hasPrefix("{") else { return false }
        let next = text.unicodeScalars.dropFirst().first { !($0 == " " || $0 == "\t" || $0 == "\n") }
        return next != "{"
    }

    /// On bytes: every content file's front matter lines pass here, and walking a
    /// line's Characters backwards took longer than splitting the file.
    static func isDelimiter(_ line: Substring, allowDots: Bool) -> Bool {
        var content = line.utf8[...]
        while let last = content.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") {
            content = content.dropLast()
        }
        return content.elementsEqual("---".utf8) || (allowDots && content.elementsEqual("...".utf8))
    }

    static func requireMapping(_ value: SourceValue) throws(DiagnosticsError) {
        guard value.entries == nil else { return }
        throw DiagnosticsError([.error(
            at: value.location, "front matter 必须是“键: 值”的形式",
            hint: "例如 title: 关于2019年度考核结果的公示；每个键一行。")])
    }

    /// `{ … }` at the top: find the matching brace outside strings.
    static func splitJSON(_ text: String, file: String) throws(DiagnosticsError) -> (frontMatter: SourceValue?, body: String, bodyLine: Int) {
        var depth = 0
        var inString = false
        var escaped = false
        var line = 1
        var column = 0
        var end: String.UnicodeScalarView.Index?
        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        scan: while index < scalars.endIndex {
            let scalar = scalars[index]
            column += 1
            if scalar == "\n" {
                line += 1
                column = 0
            }
            if inString {
                if escaped {
                    escaped = false
                } else if scalar == "\\" {
                    escaped = true
                } else if scalar == "\"" || scalar == "\n" {
                    inString = false
                }
            } else {
                switch scalar {
                case "\"": inString = true
                case "{": depth += 1
                case "}":
                    depth -= 1
                    if depth == 0 {
                        end = scalars.index(after: index)
                        break scan
                    }
                default: break
                }
            }
            index = scalars.index(after: index)
        }
        guard let end else {
            throw DiagnosticsError([.error(
                at: SourceLocation(file: file, line: 1, column: 1),
                "JSON front matter 没有结束：找不到与第 1 行的 { 配对的 }",
                hint: "检查花括号和引号是否配对；JSON front matter 以单独的 } 结束，正文写在下一行。")])
        }
        let rest = scalars[end...]
        let lineEnd = rest.firstIndex(of: "\n") ?? scalars.endIndex
        if let extra = rest[..<lineEnd].firstIndex(where: { $0 != " " && $0 != "\t" }) {
            let extraColumn = column + 1 + scalars.distance(from: end, to: extra)
            throw DiagnosticsError([.error(
                at: SourceLocation(file: file, line: line, column: extraColumn),
                "JSON front matter 的 } 后面同一行还有内容",
                hint: "} 之后换行再写正文。")])
        }
        let json = String(scalars[scalars.startIndex..<end])
        let value = try JSONSource.parse(json, file: file, lineOffset: 0)
        try requireMapping(value)
        let body = lineEnd < scalars.endIndex ? String(scalars[scalars.index(after: lineEnd)...]) : ""
        return (value, body, line + 1)
    }
}
