import JixiaoCore

/// Reads JSON through the YAML reader, so that JSON values get real lines and
/// columns too, after checking that the text is strict JSON: YAML alone would
/// accept things JSON does not (trailing commas, comments, unquoted or
/// single-quoted strings) and the two would no longer give the same page.
///
/// Where libyaml and JSON differ, the text is adjusted before parsing, keeping
/// every line and column where it was:
/// - a surrogate-pair escape (`\ud83d\ude00`) becomes the YAML escape
///   `\U0001F600`, and two spaces are added after the string's closing quote;
/// - raw characters libyaml refuses or treats as line breaks inside strings
///   (DEL, C1 controls, U+2028, U+2029, U+FFFE, U+FFFF) are reported as errors
///   asking for a `\uXXXX` escape.
public enum JSONSource {
    public static func parse(_ text: String, file: String, lineOffset: Int = 0) throws(DiagnosticsError) -> SourceValue {
        let text = SourceText.droppingBOM(text)
        var checker = JSONChecker(scalars: Array(text.unicodeScalars))
        do {
            try checker.check()
        } catch {
            let position = SourceText.position(in: text, scalarOffset: error.offset)
            throw DiagnosticsError([.error(
                at: SourceLocation(file: file, line: position.line + lineOffset, column: position.column),
                "JSON 语法错误：\(error.message)", hint: error.hint)])
        }
        let prepared = checker.fixes.isEmpty ? text : checker.applyingFixes()
        return try YAMLSource.parseYAML(prepared, file: file, lineOffset: lineOffset)
    }
}

struct JSONProblem: Error {
    var offset: Int
    var message: String
    var hint: String
}

/// A strict JSON syntax check (RFC 8259) over Unicode scalars.
struct JSONChecker {
    let scalars: [Unicode.Scalar]
    var index = 0
    /// Replacements (scalar offset range → new scalars), in text order.
    var fixes: [(range: Range<Int>, replacement: String)] = []

    init(scalars: [Unicode.Scalar]) {
        self.scalars = scalars
    }

    var current: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

    static let generalHint = "JSON 的键和文字都要用英文双引号，项之间用逗号分隔，最后一项后面不加逗号。"

    func problem(_ message: String, at offset: Int? = nil, hint: String = generalHint) -> JSONProblem {
        JSONProblem(offset: offset ?? index, message: message, hint: hint)
    }

    mutating func check() throws(JSONProblem) {
        skipWhitespace()
        guard current != nil else { throw problem("内容为空", hint: "JSON 文件至少要有一个 { }。") }
        try value(depth: 0)
        try skipWhitespaceAndComments()
        if current != nil {
            throw problem("JSON 已经结束，后面还有多余的内容", hint: "检查括号是否配对；整个 JSON 只能有一个最外层的 { }。")
        }
    }

    mutating func skipWhitespace() {
        while let scalar = current, scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" {
            index += 1
        }
    }

    mutating func skipWhitespaceAndComments() throws(JSONProblem) {
        skipWhitespace()
        if current == "/" {
            throw problem("JSON 中不能写注释", hint: "删除 // 或 /* */ 注释；需要注释时改用 YAML。")
        }
    }

    mutating func value(depth: Int) throws(JSONProblem) {
        try skipWhitespaceAndComments()
        guard let scalar = current else { throw problem("内容意外结束，缺少值") }
        switch scalar {
        case "{": try object(depth: depth + 1)
        case "[": try array(depth: depth + 1)
        case "\"": try string()
        case "-", "0"..."9": try number()
        case "t", "f", "n": try literal()
        case "'": throw problem("JSON 的文字必须用英文双引号 \"，不能用单引号")
        case "”", "“": throw problem("这里用了中文引号“”", hint: "JSON 的引号必须是英文双引号 \"。")
        default:
            throw unexpected(expecting: "值")
        }
    }

    func unexpected(expecting: String) -> JSONProblem {
        guard let scalar = current else { return problem("内容意外结束，缺少\(expecting)") }
        if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
            var end = index
            while end < scalars.count, scalars[end].properties.isAlphabetic || scalars[end].properties.numericType != nil || scalars[end] == "_" {
                end += 1
            }
            let word = String(String.UnicodeScalarView(scalars[index..<end]))
            return problem("无法识别的“\(word)”", hint: "文字要用英文双引号括起来，例如 \"\(word)\"。")
        }
        return problem("这里不应出现“\(scalar)”，应为\(expecting)")
    }

    mutating func enter(_ depth: Int) throws(JSONProblem) {
        if depth > YAMLSource.maximumDepth {
            throw problem("嵌套层数超过 \(YAMLSource.maximumDepth) 层", hint: "检查括号是否写错。")
        }
    }

    mutating func object(depth: Int) throws(JSONProblem) {
        try enter(depth)
        let open = index
        index += 1
        try skipWhitespaceAndComments()
        if current == "}" { index += 1; return }
        var lastComma: Int?
        while true {
            try skipWhitespaceAndComments()
            switch current {
            case "\"":
                try string()
            case "}":
                throw problem("“}”前多了一个逗号", at: lastComma,
                              hint: "JSON 不允许最后一项后面有逗号；删掉这个逗号。")
            case nil:
                throw problem("没有结束：找不到与这个 { 配对的 }", at: open, hint: "在末尾补上 }。")
            case "'":
                throw problem("JSON 的键必须用英文双引号 \"，不能用单引号")
            default:
                let found = unexpected(expecting: "用双引号括起来的键")
                throw JSONProblem(offset: found.offset, message: found.message.hasPrefix("无法识别")
                                  ? "键必须用英文双引号括起来" : found.message, hint: found.hint)
            }
            try skipWhitespaceAndComments()
            guard current == ":" else {
                throw current == nil ? problem("没有结束：找不到与这个 { 配对的 }", at: open, hint: "在末尾补上 }。")
                                     : problem("键后面缺少冒号“:”")
            }
            index += 1
            try skipWhitespaceAndComments()
            if current == nil {
                throw problem("没有结束：找不到与这个 { 配对的 }", at: open, hint: "在末尾补上 }。")
            }
            try value(depth: depth)
            try skipWhitespaceAndComments()
            switch current {
            case ",":
                lastComma = index
                index += 1
            case "}":
                index += 1
                return
            case nil:
                throw problem("没有结束：找不到与这个 { 配对的 }", at: open, hint: "在末尾补上 }。")
            default:
                throw problem("缺少逗号“,”或右花括号“}”", hint: "两项之间要用英文逗号分隔。")
            }
        }
    }

    mutating func array(depth: Int) throws(JSONProblem) {
        try enter(depth)
        let open = index
        index += 1
        try skipWhitespaceAndComments()
        if current == "]" { index += 1; return }
        var lastComma: Int?
        while true {
            try skipWhitespaceAndComments()
            if current == "]" {
                throw problem("“]”前多了一个逗号", at: lastComma, hint: "JSON 不允许最后一项后面有逗号；删掉这个逗号。")
            }
            if current == nil {
                throw problem("没有结束：找不到与这个 [ 配对的 ]", at: open, hint: "在末尾补上 ]。")
            }
            try value(depth: depth)
            try skipWhitespaceAndComments()
            switch current {
            case ",":
                lastComma = index
                index += 1
            case "]":
                index += 1
                return
            case nil:
                throw problem("没有结束：找不到与这个 [ 配对的 ]", at: open, hint: "在末尾补上 ]。")
            default:
                throw problem("缺少逗号“,”或右方括号“]”", hint: "两项之间要用英文逗号分隔。")
            }
        }
    }

    mutating func string() throws(JSONProblem) {
        let start = index
        index += 1
        var padding = 0
        while true {
            guard let scalar = current else {
                throw problem("字符串没有结束：缺少右引号", at: start, hint: "在字符串末尾补上英文双引号 \"。")
            }
            switch scalar.value {
            case 0x22:
                index += 1
                if padding > 0 {
                    fixes.append((index..<index, String(repeating: " ", count: padding)))
                }
                return
            case 0x5C:
                try escape(padding: &padding)
            case 0x0A, 0x0D:
                throw problem("字符串没有结束：字符串中不能直接换行", at: start,
                              hint: "补上右引号；需要换行时写成 \\n。")
            case 0x00..<0x20, 0x7F...0x9F, 0x2028, 0x2029, 0xFFFE, 0xFFFF:
                throw problem("字符串中有不可见的控制字符 \(Self.code(scalar.value))",
                              hint: "删除它，或写成 \\u 转义，例如 \\u0009。")
            default:
                index += 1
            }
        }
    }

    static func code(_ value: UInt32) -> String {
        let hex = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    func hexValue(at offset: Int) -> UInt32? {
        guard offset + 4 <= scalars.count else { return nil }
        var value: UInt32 = 0
        for scalar in scalars[offset..<offset + 4] {
            guard let digit = scalar.properties.numericType != nil || ("a"..."f").contains(scalar) || ("A"..."F").contains(scalar)
                    ? Int(String(scalar), radix: 16) : nil else { return nil }
            value = value * 16 + UInt32(digit)
        }
        return value
    }

    mutating func escape(padding: inout Int) throws(JSONProblem) {
        let start = index
        index += 1
        guard let scalar = current else { return }
        switch scalar {
        case "\"", "\\", "/", "b", "f", "n", "r", "t":
            index += 1
        case "u":
            guard let value = hexValue(at: index + 1) else {
                throw problem("无效的转义：\\u 后面要有 4 位十六进制数", at: start, hint: "例如 \\u4e2d。")
            }
            index += 5
            switch value {
            case 0xD800...0xDBFF:
                guard index + 1 < scalars.count, scalars[index] == "\\", scalars[index + 1] == "u",
                      let low = hexValue(at: index + 2), (0xDC00...0xDFFF).contains(low) else {
                    throw problem("无效的 Unicode 转义：高位代理 \\u\(String(value, radix: 16)) 后面缺少低位代理", at: start,
                                  hint: "直接写出这个字符，或写出完整的代理对。")
                }
                index += 6
                let combined = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
                let hex = String(combined, radix: 16, uppercase: true)
                fixes.append((start..<index, "\\U" + String(repeating: "0", count: 8 - hex.count) + hex))
                padding += 2
            case 0xDC00...0xDFFF:
                throw problem("无效的 Unicode 转义：单独的低位代理", at: start, hint: "直接写出这个字符。")
            default:
                break
            }
        default:
            throw problem("无效的转义“\\\(scalar)”", at: start,
                          hint: "JSON 只认 \\\" \\\\ \\/ \\b \\f \\n \\r \\t 和 \\uXXXX；要写反斜杠本身请写成 \\\\。")
        }
    }

    mutating func digits() -> Int {
        let start = index
        while let scalar = current, ("0"..."9").contains(scalar) { index += 1 }
        return index - start
    }

    mutating func number() throws(JSONProblem) {
        let start = index
        let invalid = problem("数字格式不对", at: start, hint: "JSON 数字写成 12、-0.5、1e3 这样；不能以 0 开头、不能以小数点开头或结尾。")
        if current == "-" { index += 1 }
        if current == "0" {
            index += 1
        } else if digits() == 0 {
            throw invalid
        }
        if current == "." {
            index += 1
            if digits() == 0 { throw invalid }
        }
        if current == "e" || current == "E" {
            index += 1
            if current == "+" || current == "-" { index += 1 }
            if digits() == 0 { throw invalid }
        }
        try expectDelimiter(or: invalid)
    }

    mutating func literal() throws(JSONProblem) {
        for word in ["true", "false", "null"] {
            let scalars = Array(word.unicodeScalars)
            if index + scalars.count <= self.scalars.count, Array(self.scalars[index..<index + scalars.count]) == scalars {
                index += scalars.count
                try expectDelimiter(or: unexpected(expecting: "值"))
                return
            }
        }
        throw unexpected(expecting: "值")
    }

    func expectDelimiter(or failure: JSONProblem) throws(JSONProblem) {
        guard let scalar = current else { return }
        switch scalar {
        case " ", "\t", "\n", "\r", ",", "]", "}", "/":
            return
        default:
            throw failure
        }
    }

    func applyingFixes() -> String {
        var result = String.UnicodeScalarView()
        var position = 0
        for fix in fixes {
            result.append(contentsOf: scalars[position..<fix.range.lowerBound])
            result.append(contentsOf: fix.replacement.unicodeScalars)
            position = fix.range.upperBound
        }
        result.append(contentsOf: scalars[position...])
        return String(result)
    }
}
