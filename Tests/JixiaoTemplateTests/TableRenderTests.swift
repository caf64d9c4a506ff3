import Foundation
import JixiaoTemplate
import Testing

/// The shape that made swift-mustache the bottleneck: a ranking table of 44 rows,
/// each with about a dozen variables and a few sections.
@Suite("Large table")
struct TableRenderTests {
    static let template = """
        <table>
        <tbody>
        {{#rows}}
        <tr class="{{#odd()}}odd{{/odd()}}{{^odd()}}even{{/odd()}}"><td>{{rank}}{{#tied}}（并列）{{/tied}}</td><th>{{#href}}<a href="{{root}}{{href}}">{{name}}</a>{{/href}}{{^href}}{{name}}{{/href}}</th><td>{{indicator_total}}</td><td>{{bonus}}</td><td>{{adjustments}}</td><td>{{total}}</td><td class="grade-{{grade_id}}">{{grade}}</td><td>{{change}}</td><td>{{change_label}}</td></tr>
        {{/rows}}
        </tbody>
        </table>

        """

    static func row(_ index: Int) -> TemplateValue {
        var row: [String: TemplateValue] = [
            "rank": .int(index + 1), "tied": .bool(index % 7 == 3), "name": .string("单位\(index) <&>"),
            "indicator_total": .string("9\(index % 10).50"), "bonus": "+0.10", "adjustments": "−0.20",
            "total": .string("8\(index % 10).25"), "grade_id": index < 5 ? "excellent" : "pass",
            "grade": index < 5 ? "优秀" : "合格", "change": "↑2", "change_label": "较上年上升2位",
        ]
        row["href"] = index % 6 == 5 ? .null : .string("units/u\(index).html")
        return .object(row)
    }

    /// The expected page, built without the engine.
    static func expected(rows: Int) -> String {
        var html = "<table>\n<tbody>\n"
        for index in 0..<rows {
            let name = "单位\(index) &lt;&amp;&gt;"
            html += "<tr class=\"\(index % 2 == 1 ? "odd" : "even")\"><td>\(index + 1)\(index % 7 == 3 ? "（并列）" : "")</td><th>"
            html += index % 6 == 5 ? name : "<a href=\"../units/u\(index).html\">\(name)</a>"
            html += "</th><td>9\(index % 10).50</td><td>+0.10</td><td>−0.20</td><td>8\(index % 10).25</td>"
            html += "<td class=\"grade-\(index < 5 ? "excellent" : "pass")\">\(index < 5 ? "优秀" : "合格")</td><td>↑2</td><td>较上年上升2位</td></tr>\n"
        }
        return html + "</tbody>\n</table>\n"
    }

    @Test("A 44-row table renders right, every time of 1000")
    func renders44RowsRepeatedly() throws {
        let library = try TemplateLibrary(templates: ["table": Self.template])
        let context: TemplateValue = ["root": "../", "rows": .list((0..<44).map(Self.row))]
        let expected = Self.expected(rows: 44)
        var output = Data()
        var wrong = 0
        for _ in 0..<1000 {
            output = try #require(library.renderData("table", context))
            if output != Data(expected.utf8) { wrong += 1 }
        }
        #expect(wrong == 0)
        #expect(String(decoding: output, as: UTF8.self) == expected)
    }
}
