import Foundation
import JixiaoCore
import Testing
@testable import JixiaoSite

@Suite struct YAMLSourceTests {
    @Test func scalarsKeepTextQuotingAndLocation() throws {
        let value = try YAMLSource.parse("""
            title: 绩效考核
            year: 2019
            code: "001"
            single: '0.5'
            flag: yes
            text: |
              第一行
              第二行
            """, file: "e.yaml")
        #expect(value["title"]?.node == .scalar("绩效考核", quoted: false))
        #expect(value["year"]?.node == .scalar("2019", quoted: false))
        #expect(value["code"]?.node == .scalar("001", quoted: true))
        #expect(value["single"]?.node == .scalar("0.5", quoted: true))
        #expect(value["flag"]?.node == .scalar("yes", quoted: false))
        #expect(value["text"]?.node == .scalar("第一行\n第二行", quoted: true))
        #expect(position(value) == "1:1")
        #expect(position(value["year"]) == "2:7")
        #expect(position(value.entry("code")?.keyLocation) == "3:1")
        #expect(value["title"]?.location.file == "e.yaml")
        #expect(value.entries?.map(\.key) == ["title", "year", "code", "single", "flag", "text"])
    }

    @Test func nullsAndEmptyValues() throws {
        let value = try YAMLSource.parse("a: ~\nb: null\nc:\nd: NULL\ne: \"\"\nf: 'null'\ng: [~, x]\n", file: "n.yaml")
        for key in ["a", "b", "c", "d"] {
            #expect(value[key]?.isNull == true, "\(key)")
        }
        #expect(value["e"]?.node == .scalar("", quoted: true))
        #expect(value["f"]?.node == .scalar("null", quoted: true))
        #expect(value["g"]?.items?.first?.isNull == true)
        #expect(position(value["c"]) == "3:3")
    }

    @Test func emptyDocumentIsNull() throws {
        let value = try YAMLSource.parse("# 只有注释\n", file: "x.yaml", lineOffset: 4)
        #expect(value.isNull)
        #expect(value.location.line == 5)
    }

    @Test func lineOffsetShiftsEveryLine() throws {
        let value = try YAMLSource.parse("a: 1\nb:\n  - x\n", file: "p.md", lineOffset: 1)
        #expect(position(value["a"]) == "2:4")
        #expect(position(value["b"]?.items?.first) == "4:5")
    }

    @Test func duplicateKeyReportedAtSecondOccurrence() {
        let diagnostics = sourceDiagnostics { try YAMLSource.parse("title: a\nyear: 1\ntitle: b\n", file: "d.yaml") }
        #expect(diagnostics.count == 1)
        #expect(position(diagnostics.first?.location) == "3:1")
        #expect(diagnostics.first?.message.contains("title") == true)
        #expect(diagnostics.first?.hint?.contains("第 1 行") == true)
    }

    @Test func duplicateKeysInNestedAndFlowMappings() {
        let nested = sourceDiagnostics { try YAMLSource.parse("a:\n  x: 1\n  y: 2\n  x: 3\n", file: "d.yaml", lineOffset: 1) }
        #expect(position(nested.first?.location) == "5:3")
        let flow = sourceDiagnostics { try YAMLSource.parse("a: {x: 1, y: 2, x: 3}\n", file: "d.yaml") }
        #expect(position(flow.first?.location) == "1:17")
        let quoted = sourceDiagnostics { try YAMLSource.parse("\"k\": 1\n'k': 2\n", file: "d.yaml") }
        #expect(position(quoted.first?.location) == "2:1")
        let three = sourceDiagnostics { try YAMLSource.parse("k: 1\nk: 2\nk: 3\n", file: "d.yaml") }
        #expect(position(three.first?.location) == "2:1")
        // Keys that differ only as YAML types are still the same text.
        let typed = sourceDiagnostics { try YAMLSource.parse("1: a\n\"1\": b\n", file: "d.yaml") }
        #expect(position(typed.first?.location) == "2:1")
    }

    @Test func syntaxErrorInChineseAtLibyamlPosition() {
        let diagnostics = sourceDiagnostics { try YAMLSource.parse("title: 方案\nissuer: [测试局\nwritten: 2020-03-01\n", file: "s.yaml") }
        #expect(diagnostics.count == 1)
        let diagnostic = diagnostics[0]
        #expect(diagnostic.message.hasPrefix("YAML 语法错误："))
        #expect(diagnostic.location.line == 3)
        #expect(diagnostic.hint?.contains("第 2 行") == true)
    }

    @Test func colonInValueGetsAHint() {
        let diagnostics = sourceDiagnostics { try YAMLSource.parse("title: a\nnote: 说明: 见附件\n", file: "s.yaml") }
        #expect(position(diagnostics.first?.location) == "2:9")
        #expect(diagnostics.first?.hint?.contains("引号") == true)
    }

    @Test func tabIndentationIsReportedClearly() {
        let diagnostics = sourceDiagnostics { try YAMLSource.parse("units:\n\t- a\n", file: "t.yaml") }
        #expect(position(diagnostics.first?.location) == "2:1")
        #expect(diagnostics.first?.message.contains("制表符") == true)
    }

    @Test func aliasesAndMergeKeys() throws {
        let value = try YAMLSource.parse("""
            base: &base { weight: 10, name: 基础 }
            list: &items [a, b]
            copy: *items
            item:
              <<: *base
              name: 覆盖
            """, file: "m.yaml")
        #expect(value["copy"]?.items?.compactMap(\.text) == ["a", "b"])
        let item = try #require(value["item"])
        #expect(item.entries?.map(\.key) == ["weight", "name"])
        #expect(item["name"]?.text == "覆盖")
        #expect(item["weight"]?.text == "10")
        #expect(position(item["weight"]) == "1:23")
    }

    @Test func aliasBombIsRejectedQuickly() {
        let bomb = """
            a: &a [x, x, x, x, x, x, x, x, x, x]
            b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
            c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
            d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
            e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
            f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]
            g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]
            h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g, *g]
            i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h, *h]
            """
        let clock = ContinuousClock()
        var diagnostics: [Diagnostic] = []
        let elapsed = clock.measure {
            diagnostics = sourceDiagnostics { try YAMLSource.parse(bomb, file: "bomb.yaml") }
        }
        #expect(diagnostics.first?.message.contains("别名") == true)
        #expect(elapsed < .seconds(5))
    }

    @Test func aliasBombAsKeyIsRefusedBeforeComposing() {
        let bomb = """
            a: &a [x, x, x, x, x, x, x, x, x, x]
            b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
            c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
            d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
            e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
            f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]
            g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]
            ? *g
            : boom
            """
        let diagnostics = sourceDiagnostics { try YAMLSource.parse(bomb, file: "bomb.yaml") }
        #expect(diagnostics.first?.location.line == 8)
        let aliasKey = sourceDiagnostics { try YAMLSource.parse("a: &a k\n*a : v\n", file: "k.yaml") }
        #expect(aliasKey.first?.location.line == 2)
    }

    @Test func deepNestingIsRejected() {
        let deep = String(repeating: "[", count: 300) + String(repeating: "]", count: 300)
        let diagnostics = sourceDiagnostics { try YAMLSource.parse(deep, file: "deep.yaml") }
        #expect(diagnostics.first?.message.contains("嵌套") == true)
    }

    @Test func nonScalarKeyIsAnError() {
        let diagnostics = sourceDiagnostics { try YAMLSource.parse("? [a, b]\n: c\n", file: "k.yaml") }
        #expect(position(diagnostics.first?.location) == "1:3")
    }

    @Test func secondDocumentIsAnError() {
        let diagnostics = sourceDiagnostics { try YAMLSource.parse("a: 1\n---\nb: 2\n", file: "two.yaml") }
        #expect(diagnostics.first?.location.line == 2)
        #expect(diagnostics.first?.message.contains("一个 YAML 文档") == true)
    }

    @Test func crlfAndBOM() throws {
        let value = try YAMLSource.parse("\u{FEFF}a: 1\r\nb: 2\r\n", file: "w.yaml")
        #expect(position(value["a"]) == "1:4")
        #expect(position(value["b"]) == "2:4")
    }

    @Test("the key: value shortcut reads exactly what the YAML parser reads, or leaves the text to it")
    func simpleFrontMatterAgreesWithYams() throws {
        let alphabet = ["a", "Z", "0", "1", " ", "-", ":", "#", ",", "[", "]", "{", "}", "&", "*", "!", "|", ">", "'", "\"",
                        "%", "@", "`", "\\", "?", "~", ".", "+", "=", "\t", "\u{85}", "\u{A0}", "\u{2028}", "\u{FEFF}",
                        "考", "：", "（", "\u{3000}", "n", "u", "l", "\u{1}", "\u{7F}", "\r"]
        var values = alphabet + alphabet.flatMap { first in alphabet.map { first + $0 } }
        // Longer values from the characters the shortcut accepts, with spaces and dashes at their ends and inside.
        let plain = ["a", "0", "考", "（", " ", ".", "+", "=", "-", "e"]
        values += plain.flatMap { a in plain.flatMap { b in plain.map { a + b + $0 } } }
        values += ["null", "Null", "NULL", "nul", "~", "yes", "true", "1.0", "0x1F", "2024-01-01", "a: b", "a:b", "a #b", "a#b",
                   "http://x", "考评组（示例）", "u00017", "--- a", "... a", "a - b", "1e3", ".inf", "<<"]
        var blocks = values.map { "unit: " + $0 }
        let keys = ["unit", "a_b", "x-1", "Key9", "1a", "-a", "<<", "a b", "考", "_", "null", "? a", "a ", " a"]
        blocks += keys.flatMap { key in ["\(key): u1", "\(key):u1", "\(key):  u1", "\(key):", "\(key): "] }
        blocks += ["a: x\nb: y", "a: x\na: y", "a: x\n\nb: y", "a: x\n  b: y", "a: x\n# c", "a: x\n", "", "\n",
                   "reviewer: 考评组（示例）\nunit: u00001\nyear: 2020"]
        var shortcuts = 0
        for block in blocks where Self.shortcutAgreeingWithYams(block, file: "r.md", lineOffset: 1) != nil {
            shortcuts += 1
        }
        // The shortcut is taken often enough for the comparison to mean something.
        #expect(shortcuts > 500)
        #expect(SimpleYAML.parse("reviewer: 考评组（示例）\nunit: u00001", file: "r.md", lineOffset: 1) != nil)
    }

    @Test("the shortcut also reads flow mappings, two-space blocks, unit lists and comments exactly as the parser does")
    func simpleEvaluationYAMLAgreesWithYams() throws {
        // Pieces of documents, mostly well-formed, tricky ones among them; every
        // document is a few pieces in a row.
        let good = ["x", "考评组（示例）", "60", "1/3", "u00001", "示例东东县发展改革局（1）", "a b", "e\u{301}", "考 x"]
        let tricky = ["", " x", "x ", "null", "~", "'q'", "\"q\"", "a,b", "a}", "{a", "[a]", "a: b", "a #b", "-x", "&a",
                      "*a", "!t", "|", ">", "%", "@", "`", "?", "\t", "\u{85}", "\u{A0}x", "\u{2028}", "\u{FEFF}", "\r"]
        let trickyKeys = ["1a", "<<", "a b", "考", "? a", "-a", "a-b", "_k", "K9"]
        func pick<T>(_ items: [T], _ n: Int) -> T { items[n % items.count] }
        func value(_ n: Int) -> String { n % 5 == 0 ? pick(tricky, n / 5) : pick(good, n / 5) }
        func key(_ base: String, _ n: Int) -> String { n % 7 == 0 ? pick(trickyKeys, n / 7) : base }
        func flow(_ n: Int) -> String {
            switch n % 12 {
            case 0: "{slug: u1, name: x}"
            case 1: "{ slug: u1,name: x }"
            case 2: "{ slug: u1, name: x } "
            case 3: "{ slug: u1, slug: u2 }"
            case 4: "{ }"
            case 5: "{ slug: u1, name: x, }"
            case 6: "{ \(key("a", n / 12)): \(value(n / 12)) }"
            case 7: "{ \(key("name", n / 12)): \(value(n / 12)), slug: u\(n) }"
            default: "{ \(key("slug", n / 12)): u\(n), \(key("name", n / 5)): \(value(n / 12)) }"
            }
        }
        func piece(_ n: Int, _ j: Int) -> String {
            switch n % 16 {
            case 0, 1, 2: "\(key("k\(j)", n / 16)): \(value(n / 16))"
            case 3: "audience\(j): \(flow(n / 16))"
            case 4, 5, 6, 7: "units\(j):\n" + (0..<(1 + n % 5)).map { "  - " + flow(n / 16 + $0 * 5) }.joined(separator: "\n")
            case 8: "grading\(j):\n  pass_line: \(value(n / 16))\n  \(key("b", n / 5)): \(value(n / 3))"
            case 9: "# 说明：\(value(n / 16))"
            case 10: ""
            case 11: "units\(j):\n  - \(flow(n / 16))\n    - x"
            case 12: "units\(j):\n  # c\n  - \(flow(n / 16))"
            case 13: n % 32 < 16 ? "grading\(j):\n   pass_line: 60" : "grading\(j):\n\n  pass_line: 60"
            case 14: "units\(j):"
            default: "  - \(flow(n / 16))"
            }
        }
        var shortcuts = 0, sequences = 0
        for n in 0..<20_000 {
            let count = 1 + n % 4
            let document = (0..<count).map { piece(n * 7 + $0 * 13 + $0 * n / 3, $0) }.joined(separator: "\n")
            guard Self.shortcutAgreeingWithYams(document, file: "e.yaml", lineOffset: 0) != nil else { continue }
            shortcuts += 1
            if document.contains("  - {") { sequences += 1 }
        }
        // Both are taken often enough for the comparison to mean something.
        #expect(shortcuts > 1_000)
        #expect(sequences > 100)
        // A large evaluation's settings, as bench/ writes them, take the shortcut.
        let units = (1...50).map { "  - { slug: u\($0), name: 示例东东县发展改革局（\($0)） }" }.joined(separator: "\n")
        let settings = """
            title: 2020年度县直部门绩效考评（基准测试）
            year: 2020
            units:
            \(units)
            grading:
              pass_line: 60
              excellent_quota: 1/3
            audience: { ranking: public, units: public, self_scores: public, reasons: public }
            """
        let simple = try #require(Self.shortcutAgreeingWithYams(settings, file: "e.yaml", lineOffset: 0))
        #expect(simple["units"]?.items?.count == 50)
    }

    /// SimpleYAML's reading of `text`, which must equal the parser's; nil when the
    /// shortcut leaves the text to the parser.
    static func shortcutAgreeingWithYams(_ text: String, file: String, lineOffset: Int) -> SourceValue? {
        guard let simple = SimpleYAML.parse(text, file: file, lineOffset: lineOffset) else { return nil }
        do throws(DiagnosticsError) {
            let parsed = try YAMLSource.parseWithYams(text, file: file, lineOffset: lineOffset)
            #expect(parsed == simple, "\(Array(text.unicodeScalars))")
        } catch {
            Issue.record("the shortcut read \(Array(text.unicodeScalars)), which the parser refuses: \(error)")
        }
        return simple
    }
}
