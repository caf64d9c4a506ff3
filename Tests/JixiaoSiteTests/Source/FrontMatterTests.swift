import JixiaoCore
import Testing
@testable import JixiaoSite

@Suite struct FrontMatterTests {
    @Test func yamlFrontMatterWithRealLines() throws {
        let split = try FrontMatter.split(text: "---\ntitle: 方案\nyear: 2019\n---\n正文第一行\n第二行\n", file: "plan.md")
        let front = try #require(split.frontMatter)
        #expect(front["title"]?.text == "方案")
        #expect(position(front["title"]) == "2:8")
        #expect(position(front["year"]) == "3:7")
        #expect(split.body == "正文第一行\n第二行\n")
        #expect(split.bodyLine == 5)
    }

    @Test("delimiter lines: three dashes (or dots to close), trailing spaces and tabs allowed, nothing else", arguments: [
        ("---", false, true), ("--- \t ", false, true), ("...", true, true), ("...", false, false), ("... ", true, true),
        (" ---", false, false), ("----", false, false), ("--", false, false), ("---\u{301}", false, false),
        ("— ", false, false), ("---x", false, false), ("", false, false), ("-- -", false, false),
    ])
    func delimiterLines(line: String, allowDots: Bool, expected: Bool) {
        #expect(FrontMatter.isDelimiter(line[...], allowDots: allowDots) == expected)
    }

    @Test func noFrontMatter() throws {
        let split = try FrontMatter.split(text: "# 标题\n\n正文", file: "page.md")
        #expect(split.frontMatter == nil)
        #expect(split.body == "# 标题\n\n正文")
        #expect(split.bodyLine == 1)
    }

    @Test func shortcodeAtTheTopIsBody() throws {
        let split = try FrontMatter.split(text: "{{< units grade=\"优秀\" >}}\n正文", file: "n.md")
        #expect(split.frontMatter == nil)
        #expect(split.bodyLine == 1)
        #expect(split.body.hasPrefix("{{<"))
    }

    @Test func emptyFrontMatterIsAnEmptyMapping() throws {
        let split = try FrontMatter.split(text: "---\n---\n正文", file: "page.md")
        #expect(split.frontMatter?.entries?.isEmpty == true)
        #expect(split.body == "正文")
        #expect(split.bodyLine == 3)
    }

    @Test func yamlErrorAtTheRealFileLine() {
        // The bad line is line 5 of the file, line 4 of the block.
        let text = "---\ntitle: 方案\nissuer: 测试局\nwritten: 2020-03-01\nnote: 说明: 见附件\n---\n正文\n"
        let diagnostics = sourceDiagnostics { try FrontMatter.split(text: text, file: "plan.md") }
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.location.file == "plan.md")
        #expect(position(diagnostics.first?.location) == "5:9")
    }

    @Test func duplicateKeyInFrontMatter() {
        let diagnostics = sourceDiagnostics { try FrontMatter.split(text: "---\ntitle: a\ntitle: b\n---\n", file: "p.md") }
        #expect(position(diagnostics.first?.location) == "3:1")
    }

    @Test func unterminatedFrontMatter() {
        let diagnostics = sourceDiagnostics { try FrontMatter.split(text: "---\ntitle: 方案\n正文\n", file: "p.md") }
        #expect(position(diagnostics.first?.location) == "1:1")
        #expect(diagnostics.first?.hint?.contains("---") == true)
    }

    @Test func crlfAndBOM() throws {
        let split = try FrontMatter.split(text: "\u{FEFF}---\r\ntitle: 方案\r\nyear: 2019\r\n---\r\n正文\r\n第二行\r\n", file: "p.md")
        #expect(position(split.frontMatter?["year"]) == "3:7")
        #expect(split.body == "正文\n第二行\n")
        #expect(split.bodyLine == 5)
    }

    @Test func closingDotsAndTrailingSpaces() throws {
        let split = try FrontMatter.split(text: "---  \na: 1\n...\nbody", file: "p.md")
        #expect(split.frontMatter?["a"]?.text == "1")
        #expect(split.body == "body")
        #expect(split.bodyLine == 4)
    }

    @Test func frontMatterMustBeAMapping() {
        let diagnostics = sourceDiagnostics { try FrontMatter.split(text: "---\n- a\n- b\n---\n", file: "p.md") }
        #expect(position(diagnostics.first?.location) == "2:1")
    }

    @Test func jsonFrontMatter() throws {
        let text = """
            {
              "title": "方案 {草稿}",
              "note": "引号\\"和}括号",
              "phases": [{"name": "自评"}]
            }
            正文
            第二行
            """
        let split = try FrontMatter.split(text: text, file: "plan.md")
        let front = try #require(split.frontMatter)
        #expect(front["title"]?.text == "方案 {草稿}")
        #expect(front["note"]?.text == "引号\"和}括号")
        #expect(position(front["phases"]?.items?.first?["name"]) == "4:23")
        #expect(split.body == "正文\n第二行")
        #expect(split.bodyLine == 6)

        let yaml = try FrontMatter.split(text: "---\ntitle: \"方案 {草稿}\"\nnote: \"引号\\\"和}括号\"\nphases: [{\"name\": \"自评\"}]\n---\n正文\n第二行", file: "plan.md")
        #expect(yaml.frontMatter?.sameContent(as: front) == true)
        #expect(yaml.body == split.body)
    }

    @Test func jsonFrontMatterTrailingComma() {
        let diagnostics = sourceDiagnostics { try FrontMatter.split(text: "{\"title\": \"x\",}\n正文", file: "n.md") }
        #expect(diagnostics.count == 1)
        #expect(position(diagnostics.first?.location) == "1:14")
        #expect(diagnostics.first?.message.contains("逗号") == true)
    }

    @Test func jsonFrontMatterErrorOnLaterLine() {
        let diagnostics = sourceDiagnostics { try FrontMatter.split(text: "{\n  \"title\": \"x\",\n  \"year\": 20 19\n}\n正文", file: "n.md") }
        #expect(position(diagnostics.first?.location) == "3:14")
    }

    @Test func unterminatedJSONFrontMatter() {
        let diagnostics = sourceDiagnostics { try FrontMatter.split(text: "{\n  \"title\": \"x\"\n正文\n", file: "n.md") }
        #expect(position(diagnostics.first?.location) == "1:1")
        #expect(diagnostics.first?.hint != nil)
    }

    @Test func textAfterJSONClosingBrace() {
        let diagnostics = sourceDiagnostics { try FrontMatter.split(text: "{\"a\": 1} 正文", file: "n.md") }
        #expect(position(diagnostics.first?.location) == "1:10")
    }

    @Test func jsonFrontMatterWithCRLFAndBOM() throws {
        let split = try FrontMatter.split(text: "\u{FEFF}{\r\n  \"a\": 1\r\n}\r\n正文\r\n", file: "n.md")
        #expect(position(split.frontMatter?["a"]) == "2:8")
        #expect(split.body == "正文\n")
        #expect(split.bodyLine == 4)
    }
}
