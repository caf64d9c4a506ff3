import JixiaoTemplate
import JixiaoTestSupport
import Testing

@Suite("Syntax errors: message, line and column of the offending tag")
struct SyntaxErrorTests {
    @Test("A section closed by another name points at the closing tag")
    func mismatchedClose() throws {
        let error = try #require(syntaxError("<table>\n\n{{#rows}}\n<tr>{{name}}</tr>\n  {{/row}}\n</table>\n"))
        #expect(error.template == "main")
        #expect(error.line == 5)
        #expect(error.column == 3)
        #expect(error.message == "section 'rows' opened at line 3 is closed by 'row'")
    }

    @Test("An unclosed section points at its opening tag")
    func unclosedSection() throws {
        let error = try #require(syntaxError("a\n  {{#rows}}\nb\n"))
        #expect((error.line, error.column) == (2, 3))
        #expect(error.message == "unclosed section 'rows'")
    }

    @Test("Unclosed inverted sections, blocks and parents say what is unclosed")
    func unclosedKinds() throws {
        #expect(syntaxError("{{^empty}}x")?.message == "unclosed section 'empty'")
        #expect(syntaxError("{{$main}}x")?.message == "unclosed block 'main'")
        #expect(syntaxError("x\n{{<base}}\n{{$main}}x{{/main}}\n")?.message == "unclosed parent 'base'")
        let parent = try #require(syntaxError("x\n{{<base}}\n{{$main}}x{{/main}}\n"))
        #expect((parent.line, parent.column) == (2, 1))
    }

    @Test("A parent named with a folder can be closed (swift-mustache cannot close it)")
    func parentWithFolderName() throws {
        #expect(syntaxError("{{<layouts/base}}{{$main}}x{{/main}}{{/layouts/base}}") == nil)
        let error = try #require(syntaxError("{{<layouts/base}}{{/layouts/other}}"))
        #expect(error.message == "parent 'layouts/base' opened at line 1 is closed by 'layouts/other'")
        #expect(syntaxError("{{#a}}{{/a/b}}")?.message == "unexpected '/' in tag")
    }

    @Test("A closing tag with no open section")
    func strayClose() throws {
        let error = try #require(syntaxError("ok\nthen {{/rows}}"))
        #expect((error.line, error.column) == (2, 6))
        #expect(error.message == "closing tag 'rows' has no open section")
    }

    @Test("A tag whose closing delimiter never comes is an unclosed tag")
    func unclosedTag() throws {
        let error = try #require(syntaxError("<p>{{name</p>\n"))
        #expect((error.line, error.column) == (1, 4))
        #expect(error.message == "unclosed tag")
        #expect(syntaxError("{{! comment without end")?.message == "unclosed comment")
    }

    @Test("Characters a name cannot hold (as in swift-mustache: ASCII letters, digits, . - _ ? * only)")
    func invalidNameCharacter() throws {
        #expect(syntaxError("{{first name}}")?.message == "unexpected 'n' in tag")
        #expect(syntaxError("{{名字}}")?.message == "unexpected '名' in tag")
        #expect(syntaxError("{{#a/b}}{{/a/b}}")?.message == "unexpected '/' in tag")
    }

    @Test("Malformed transform calls")
    func malformedTransforms() {
        #expect(syntaxError("{{uppercased(name}}")?.message == "malformed transform call 'uppercased(name'")
        #expect(syntaxError("{{a(b))}}")?.message == "malformed transform call 'a(b))'")
        #expect(syntaxError("{{a(b)c}}")?.message == "malformed transform call 'a(b)c'")
        #expect(syntaxError("{{$block(x)}}y{{/block(x)}}")?.message == "block 'x' cannot have transforms")
    }

    @Test("A section with transforms must be closed with the same transforms")
    func closeWithTransforms() throws {
        #expect(syntaxError("{{#first(list)}}x{{/first(list)}}") == nil)
        let error = try #require(syntaxError("{{#first(list)}}x{{/list}}"))
        #expect(error.message == "section 'first(list)' opened at line 1 is closed by 'list'")
    }

    @Test("Triple mustache, set-delimiter and pragma tags")
    func otherTags() {
        #expect(syntaxError("{{{name}}")?.message == "triple mustache is not closed by '}}}'")
        #expect(syntaxError("{{=<% =}}")?.message == "invalid set delimiters tag (expected e.g. {{=<% %>=}})")
        #expect(syntaxError("{{%CONTENT_TYPE:XML}}")?.message == "unknown content type 'XML' (HTML or TEXT)")
        #expect(syntaxError("{{%FOO:BAR}}")?.message == "unknown pragma 'FOO'")
    }

    @Test("Only blocks may stand inside a parent call; the error points at the intruder")
    func nonBlockInsideParent() throws {
        let error = try #require(syntaxError("{{<base}}\n{{$main}}ok{{/main}}\n  {{title}}\n{{/base}}\n"))
        #expect((error.line, error.column) == (3, 3))
        #expect(error.message == "only blocks ({{$name}}…{{/name}}) can be inside parent 'base'")
        // Text and comments are ignored there, as in swift-mustache.
        #expect(syntaxError("{{<base}} text {{! note }}{{$main}}ok{{/main}}{{/base}}") == nil)
    }

    @Test("Lines count CRLF once; columns count characters, not bytes")
    func positionsWithCRLFAndCJK() throws {
        let error = try #require(syntaxError("标题\r\n第二行\r\n  中文{{#x}}\r\n"))
        #expect((error.line, error.column) == (3, 5))
    }

    @Test("Errors name the template; with several broken templates the first by name is reported")
    func templateName() throws {
        do {
            _ = try TemplateLibrary(templates: ["pages/b": "{{#x}}", "pages/a": "{{/y}}", "ok": "fine"])
            Issue.record("expected a syntax error")
        } catch {
            #expect(error.template == "pages/a")
            #expect(error.description == "pages/a:1:1: closing tag 'y' has no open section")
        }
    }

    @Test("Sections nested too deep are an error, not a stack overflow")
    func deepNesting() throws {
        let template = String(repeating: "{{#a}}", count: 500) + String(repeating: "{{/a}}", count: 500)
        let error = try #require(syntaxError(template))
        #expect(error.message == "sections are nested more than 100 deep")
        #expect(syntaxError(String(repeating: "{{#a}}", count: 90) + String(repeating: "{{/a}}", count: 90)) == nil)
    }

    @Test("Malformed input never crashes: every fragment parses or gives an error")
    func noCrashOnGarbage() {
        let pieces = ["{{", "}}", "{", "}", "{{{", "}}}", "#", "^", "/", "!", ">", "<", "$", "=", "%", "&", "*",
                      "a", ".", "(", ")", " ", "\n", "\r\n", "\t", "中", "x", "<%", "%>", "|"]
        var generator = SeededGenerator(seed: 2024)
        for _ in 0..<3000 {
            let count = Int.random(in: 1...24, using: &generator)
            let template = (0..<count).map { _ in pieces.randomElement(using: &generator)! }.joined()
            if let error = syntaxError(template) {
                #expect(error.line >= 1 && error.column >= 1)
                #expect(!error.message.isEmpty)
            } else {
                _ = render(template, ["a": ["x": 1], "x": [1, 2]])
            }
        }
    }
}
