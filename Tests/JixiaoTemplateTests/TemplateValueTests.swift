import JixiaoTemplate
import Testing

@Suite("TemplateValue: literals, initialisers and bridging from Any")
struct TemplateValueTests {
    @Test("Literals build the matching cases")
    func literals() {
        let value: TemplateValue = ["s": "text", "b": true, "i": 3, "l": [1, "x"], "o": ["k": nil], "n": nil]
        #expect(value == .object([
            "s": .string("text"), "b": .bool(true), "i": .int(3),
            "l": .list([.int(1), .string("x")]), "o": .object(["k": .null]), "n": .null,
        ]))
    }

    @Test("Initialisers from optionals give .null for nil")
    func optionalInitialisers() {
        let missingString: String? = nil
        let missingInt: Int? = nil
        #expect(TemplateValue(missingString) == .null)
        #expect(TemplateValue(missingInt) == .null)
        #expect(TemplateValue(Optional("a")) == .string("a"))
        #expect(TemplateValue(Optional(4)) == .int(4))
        #expect(TemplateValue("a") == .string("a"))
        #expect(TemplateValue(5) == .int(5))
        #expect(TemplateValue(false) == .bool(false))
    }

    @Test("init(any:) bridges nested [String: Any] and [[String: Any]]")
    func bridgesNestedContexts() {
        let rows: [[String: Any]] = [
            ["name": "南宁市", "rank": 1, "tied": false, "cells": [["v": "1.00"]] as [[String: Any]]],
            ["name": "柳州市", "rank": 2, "tied": true, "tags": ["a", "b"]],
        ]
        let context: [String: Any] = ["rows": rows, "site": ["title": "T"] as [String: Any], "count": 2]
        #expect(TemplateValue(any: context) == [
            "rows": [
                ["name": "南宁市", "rank": 1, "tied": false, "cells": [["v": "1.00"]]],
                ["name": "柳州市", "rank": 2, "tied": true, "tags": ["a", "b"]],
            ],
            "site": ["title": "T"],
            "count": 2,
        ])
    }

    @Test("init(any:) bridges typed collections, other integers, substrings and TemplateValue")
    func bridgesOtherTypes() {
        let typedDictionary: [String: String] = ["a": "1"]
        let intDictionary: [String: Int] = ["a": 1]
        let typedRows: [[String: String]] = [["value": "x"]]
        let mixed: [Any] = [Int64(7), UInt8(8), Int32(-9), "s", "sub".dropFirst(), TemplateValue.list([1])]
        #expect(TemplateValue(any: typedDictionary) == ["a": "1"])
        #expect(TemplateValue(any: intDictionary) == ["a": 1])
        #expect(TemplateValue(any: typedRows) == [["value": "x"]])
        #expect(TemplateValue(any: mixed) == [7, 8, -9, "s", "ub", [1]])
        #expect(TemplateValue(any: UInt64.max) == .string("18446744073709551615"))
        #expect(TemplateValue(any: TemplateValue.object(["k": "v"])) == ["k": "v"])
    }

    @Test("init(any:) maps nil optionals to .null and unwraps others")
    func bridgesOptionals() {
        let missing: String? = nil
        let present: String? = "here"
        let missingNumber: Double? = nil
        let number: Double? = 1.5
        let object: [String: Any] = ["missing": missing as Any, "present": present as Any,
                                     "missingNumber": missingNumber as Any, "number": number as Any]
        #expect(TemplateValue(any: object) == ["missing": nil, "present": "here", "missingNumber": nil, "number": "1.5"])
    }

    @Test("init(any:) describes anything else")
    func describesOtherValues() {
        struct Point: CustomStringConvertible {
            var description: String { "(1, 2)" }
        }
        #expect(TemplateValue(any: 2.5) == .string("2.5"))
        #expect(TemplateValue(any: Point()) == .string("(1, 2)"))
        #expect(TemplateValue(any: [1: "x"]) == .string("[1: \"x\"]"))
    }

    @Test("A bridged nil optional falls through to the outer context, unlike swift-mustache (which prints \"nil\")")
    func bridgedNilFallsThrough() {
        let title: String? = nil
        let context: [String: Any] = ["title": "outer", "inner": ["title": title as Any] as [String: Any]]
        #expect(render("{{#inner}}[{{title}}]{{/inner}}", TemplateValue(any: context)) == "[outer]")
    }

    @Test(".null in an object is 'not there': lookups climb to the enclosing contexts")
    func nullFallsThrough() {
        let data: TemplateValue = ["name": "root", "a": ["name": nil, "b": ["name": nil]]]
        #expect(render("{{#a}}{{#b}}{{name}}{{/b}}{{/a}}", data) == "root")
        // but a dotted name does not climb again once its first part is found
        #expect(render("[{{a.name}}][{{a.b.name}}]", data) == "[][]")
        #expect(render("{{#a}}{{^name}}none{{/name}}{{/a}}", data) == "")
        #expect(render("{{#a}}{{^missing}}none{{/missing}}{{/a}}", ["a": ["missing": nil]]) == "none")
    }

    @Test("Lists and objects print like Swift's descriptions, object keys sorted")
    func printsCollections() {
        #expect(render("{{{.}}}", ["a", 1, true, nil, ["k": "v", "a": []], [:]]) == "[\"a\", 1, true, nil, [\"a\": [], \"k\": \"v\"], [:]]")
        #expect(render("{{.}}", ["it's <b>"]) == "[&quot;it\\&#39;s &lt;b&gt;&quot;]")
    }
}
