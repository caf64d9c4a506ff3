import JixiaoCore
import Testing
@testable import JixiaoSite

@Suite struct JSONSourceTests {
    @Test func jsonAndYAMLGiveTheSameTree() throws {
        let json = """
            {
              "title": "\\u4e2d文",
              "year": 2019,
              "ratio": -0.5,
              "big": 1e3,
              "on": true,
              "off": false,
              "none": null,
              "code": "001",
              "nested": [[1, 2], [], {"k": [true, null]}],
              "escapes": "a\\"b\\\\c\\/d\\n\\t",
              "emoji": "\\ud83d\\ude00",
              "empty": {}
            }
            """
        let yaml = """
            title: "中文"
            year: 2019
            ratio: -0.5
            big: 1e3
            "on": true
            "off": false
            none: null
            code: "001"
            nested:
              - [1, 2]
              - []
              - k: [true, null]
            escapes: "a\\"b\\\\c/d\\n\\t"
            emoji: "😀"
            empty: {}
            """
        let fromJSON = try JSONSource.parse(json, file: "a.json")
        let fromYAML = try YAMLSource.parse(yaml, file: "a.yaml")
        #expect(fromJSON.sameContent(as: fromYAML))
        #expect(!fromJSON.sameContent(as: try YAMLSource.parse("title: 中文", file: "b.yaml")))
        #expect(fromJSON["title"]?.node == .scalar("中文", quoted: true))
        #expect(fromJSON["big"]?.node == .scalar("1e3", quoted: false))
        #expect(fromJSON["none"]?.isNull == true)
        #expect(fromJSON["emoji"]?.text == "😀")
        #expect(position(fromJSON["year"]) == "3:11")
        #expect(position(fromJSON.entry("nested")?.keyLocation) == "10:3")
    }

    @Test func surrogatePairKeepsLaterColumns() throws {
        let value = try JSONSource.parse("{\"a\": \"\\ud83d\\ude00\", \"b\": 1}", file: "s.json")
        #expect(value["a"]?.text == "😀")
        #expect(position(value["b"]) == "1:28")
        #expect(position(value.entry("b")?.keyLocation) == "1:23")
    }

    @Test func jsonFilesAreCheckedStrictlyThroughYAMLSource() {
        let diagnostics = sourceDiagnostics { try YAMLSource.parse("{\"a\": 1,}", file: "content/x/evaluation.json") }
        #expect(position(diagnostics.first?.location) == "1:8")
        #expect(diagnostics.first?.message.hasPrefix("JSON 语法错误") == true)
    }

    @Test(arguments: [
        ("{\"a\": 1,\n}", "1:8"),
        ("{\"a\": [1, 2,]}", "1:12"),
        ("{'a': 1}", "1:2"),
        ("{a: 1}", "1:2"),
        ("{\"a\": 'x'}", "1:7"),
        ("{\"a\": 1 \"b\": 2}", "1:9"),
        ("{\"a\" 1}", "1:6"),
        ("{\"a\": 01}", "1:7"),
        ("{\"a\": .5}", "1:7"),
        ("{\"a\": 1.}", "1:7"),
        ("{\"a\": tru}", "1:7"),
        ("{\"a\": \"x\n\"}", "1:7"),
        ("{\"a\": \"\\x\"}", "1:8"),
        ("{\"a\": \"\\ud83d\"}", "1:8"),
        ("{\"a\": 1}\n// c", "2:1"),
        ("{\"a\": 1}}", "1:9"),
        ("{\n  \"a\": [1,\n", "2:8"),
        ("", "1:1"),
        ("{\"a\": “x”}", "1:7"),
    ])
    func strictJSONErrors(input: String, expected: String) {
        let diagnostics = sourceDiagnostics { try JSONSource.parse(input, file: "e.json") }
        #expect(diagnostics.count == 1, "\(input)")
        #expect(position(diagnostics.first?.location) == expected, "\(input): \(diagnostics)")
    }

    @Test func duplicateJSONKey() {
        let diagnostics = sourceDiagnostics { try JSONSource.parse("{\n  \"a\": 1,\n  \"a\": 2\n}", file: "d.json") }
        #expect(position(diagnostics.first?.location) == "3:3")
    }

    @Test func tabsAndCompactJSON() throws {
        let value = try JSONSource.parse("{\n\t\"a\":1,\n\t\"b\":[1,\n\t\t2]\n}", file: "t.json")
        #expect(value["a"]?.text == "1")
        #expect(position(value["b"]?.items?.last) == "4:3")
    }
}
