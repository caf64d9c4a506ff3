import JixiaoTemplate
import Testing

/// A record is an object whose member names its shape holds: whatever a template
/// does with it must come out exactly as with the object of the same members.
@Suite("Records: objects of a shared shape")
struct TemplateRecordTests {
    static let rowShape = TemplateShape(["name", "score", "note", "tags", "nested", "flag"])
    static let otherShape = TemplateShape(["score", "name"])
    static let thirdShape = TemplateShape(["name", "note"])

    static func row(_ name: String, _ score: Int, note: String?, flag: Bool = true, tags: TemplateValue = ["甲", "乙"]) -> TemplateValue {
        rowShape.record(["name": .string(name), "score": .int(score), "note": TemplateValue(note),
                         "tags": tags, "nested": ["inner": "深"], "flag": .bool(flag)])
    }

    /// The same values as objects, member for member.
    static func asObjects(_ value: TemplateValue) -> TemplateValue {
        switch value {
        case .list(let items): .list(items.map(asObjects))
        case .object, .record: .object((value.members ?? [:]).mapValues(asObjects))
        default: value
        }
    }

    static let template = """
        {{#rows}}[{{name}}|{{score}}|{{note}}|{{#note}}有{{/note}}{{^note}}无{{/note}}|{{title}}|{{nested.inner}}|{{.name}}|{{#tags}}{{.}}{{/tags}}|{{#other}}{{name}}{{score}}{{/other}}|{{missing}}|{{#flag}}是{{/flag}}{{^flag}}否{{/flag}}|{{^tags}}无标签{{/tags}}|{{#nested}}{{inner}}{{/nested}}|{{#score}}分{{.}}{{/score}}]
        {{/rows}}{{first}}|{{#first}}{{name}}{{/first}}|{{^first}}空{{/first}}|{{first.name}}|{{count(first)}}|{{empty(first)}}
        {{#enumerated(other)}}{{key}}={{value}};{{/enumerated(other)}}
        """

    static let context: TemplateValue = .object([
        "title": "标题", "note": "外层说明", "name": "外层名",
        "rows": .list([
            row("南宁市", 1, note: "说明"),
            row("柳州市", 2, note: nil, flag: false, tags: []),
            // The same slots met with another shape in between, and back.
            .record(otherShape, [.int(3), .string("桂林市")]),
            row("梧州市", 4, note: "末"),
            // A third shape: with `other` inside each row, three shapes take turns at
            // the same slots, more than the renderer remembers for one.
            .record(thirdShape, [.string("北海市"), .string("第三")]),
            row("钦州市", 5, note: nil),
        ]),
        "other": .record(otherShape, [.int(9), .string("其他")]),
        "first": row("首", 0, note: nil),
    ])

    @Test("a record renders exactly as the object of the same members")
    func rendersAsObject() throws {
        let library = try TemplateLibrary(templates: ["page": Self.template, "partial": "{{name}}{{score}}"])
        let withRecords = library.render("page", Self.context)
        let withObjects = library.render("page", Self.asObjects(Self.context))
        #expect(withRecords == withObjects)
        // A missing member (note: nil) climbs to the enclosing context, as in an object.
        #expect(withRecords?.contains("[南宁市|1|说明|有|标题|深|南宁市|甲乙|其他9||是||深|分1]") == true)
        #expect(withRecords?.contains("[柳州市|2|外层说明|有|标题|深|柳州市||其他9||否|无标签|深|分2]") == true)
        // Shapes without `flag` and `tags`: the outer object has neither, so both are missing.
        #expect(withRecords?.contains("[桂林市|3|外层说明|有|标题||桂林市||其他9||否|无标签||分3]") == true)
        #expect(withRecords?.contains("[北海市||第三|有|标题||北海市||其他9||否|无标签||]") == true)
        #expect(withRecords?.contains("[钦州市|5|外层说明|有|标题|深|钦州市|甲乙|其他9||是||深|分5]") == true)
        #expect(withRecords?.contains("[&quot;flag&quot;: true, &quot;name&quot;: &quot;首&quot;, &quot;nested&quot;: [&quot;inner&quot;") == true,
                "shown as the object's description, escaped")
        #expect(withRecords?.contains("|6|false\nname=其他;score=9;") == true, "transforms see the members")
    }

    @Test("a record's members, equality and description")
    func members() {
        let record = Self.row("甲", 1, note: nil)
        #expect(record.members?["score"] == .int(1))
        #expect(record.members?.count == 6)
        #expect(record == Self.row("甲", 1, note: nil))
        #expect(record != Self.row("甲", 2, note: nil))
        #expect(TemplateValue.string("x").members == nil)
        #expect(TemplateShape(["a", "b"]) == TemplateShape(["a", "b"]))
        // Made from its values in the shape's order: the same record as from name–value pairs.
        let fromValues = Self.rowShape.record(values: [.string("甲"), .int(1), .null, ["甲", "乙"], ["inner": "深"], true])
        #expect(fromValues == record)
        #expect(fromValues.members?["note"] == .null)
    }

    @Test("one member read and set: an object gains it, a record sets only the ones its shape names")
    func member() {
        var record = Self.row("甲", 1, note: nil)
        #expect(record[member: "score"] == .int(1))
        #expect(record[member: "note"] == .null)
        #expect(record[member: "missing"] == nil)
        let before = record
        record[member: "note"] = "备注"
        #expect(record[member: "note"] == "备注")
        #expect(before[member: "note"] == .null, "the value it was copied from is as it was")
        record[member: "missing"] = "x"
        #expect(record[member: "missing"] == nil && record.members?.count == 6, "a record gains no member")
        record[member: "score"] = nil
        #expect(record[member: "score"] == .null)

        var object: TemplateValue = ["name": "乙"]
        let original = object
        object[member: "score"] = .int(2)
        #expect(object == ["name": "乙", "score": .int(2)])
        #expect(original == ["name": "乙"])
        object[member: "name"] = nil
        #expect(object == ["score": .int(2)])

        var text = TemplateValue.string("x")
        text[member: "name"] = "甲"
        #expect(text == .string("x") && text[member: "name"] == nil)
    }
}
