import JixiaoTemplate
import Testing

/// Transforms beyond the spec cases (whose outputs are checked against swift-mustache):
/// the behaviour where this engine has to choose, and edge cases.
@Suite("Transforms")
struct TransformTests {
    @Test("List position transforms inside a list, and nowhere else")
    func listPosition() {
        let data: TemplateValue = ["rows": ["a", "b", "c", "d"]]
        #expect(render("{{#rows}}{{index()}}{{#first()}}^{{/first()}}{{#last()}}${{/last()}}{{#even()}}e{{/even()}}{{#odd()}}o{{/odd()}} {{/rows}}", data)
            == "0^e 1o 2e 3$o ")
        #expect(render("[{{index()}}][{{#first()}}x{{/first()}}][{{^first()}}y{{/first()}}]", data) == "[][][y]")
        #expect(render("{{#rows}}{{plusone(index())}},{{/rows}}", data) == "1,2,3,4,")
    }

    @Test("A true section keeps the list position; an object section starts a new context without it")
    func positionInNestedSections() {
        let data: TemplateValue = ["rows": ["a", "b"], "yes": true, "obj": ["k": 1]]
        #expect(render("{{#rows}}{{#yes}}{{index()}}{{/yes}}{{#obj}}[{{index()}}]{{/obj}}{{/rows}}", data) == "0[]1[]")
    }

    @Test("String transforms")
    func strings() {
        let data: TemplateValue = ["s": "héllo wORLD o'neil x-y", "e": ""]
        #expect(render("{{uppercased(s)}}", data) == "HÉLLO WORLD O&#39;NEIL X-Y")
        #expect(render("{{lowercased(s)}}", data) == "héllo world o&#39;neil x-y")
        #expect(render("{{capitalized(s)}}", data) == "Héllo World O&#39;neil X-Y")
        #expect(render("{{{reversed(s)}}}", data) == "y-x lien'o DLROw olléh")
        #expect(render("{{empty(s)}} {{empty(e)}}", data) == "false true")
        // Not a swift-mustache string transform: renders nothing.
        #expect(render("[{{count(s)}}]", data) == "[]")
    }

    @Test("Integer transforms, including overflow (no value rather than a trap)")
    func integers() {
        let data: TemplateValue = ["n": 7, "max": .int(.max), "min": .int(.min)]
        #expect(render("{{plusone(n)}} {{minusone(n)}} {{even(n)}} {{odd(n)}} {{equalzero(n)}}", data) == "8 6 false true false")
        #expect(render("[{{plusone(max)}}][{{minusone(min)}}]", data) == "[][]")
    }

    @Test("List transforms; sorted works on lists of strings or of integers only")
    func lists() {
        let data: TemplateValue = ["l": ["b", "c", "a"], "n": [3, 1, 2], "m": [1, "a"], "e": []]
        #expect(render("{{first(l)}}{{last(l)}}{{count(l)}}{{empty(l)}}{{empty(e)}}", data) == "ba3falsetrue")
        #expect(render("{{#reversed(l)}}{{.}}{{/reversed(l)}}|{{#sorted(l)}}{{.}}{{/sorted(l)}}|{{#sorted(n)}}{{.}}{{/sorted(n)}}", data) == "acb|abc|123")
        #expect(render("[{{#sorted(m)}}x{{/sorted(m)}}][{{first(e)}}]", data) == "[][]")
        #expect(render("{{first(reversed(l))}}", data) == "a")
    }

    @Test("Object transforms: count, empty, and key/value pairs in key order")
    func objects() {
        let data: TemplateValue = ["o": ["b": 2, "a": 1], "e": [:]]
        #expect(render("{{count(o)}} {{empty(o)}} {{empty(e)}}", data) == "2 false true")
        #expect(render("{{#sorted(o)}}{{key}}={{value}};{{/sorted(o)}}|{{#enumerated(o)}}{{key}};{{/enumerated(o)}}", data) == "a=1;b=2;|a;b;")
    }

    @Test("Transforms a value does not support give nothing")
    func unsupported() {
        let data: TemplateValue = ["b": true, "s": "x"]
        #expect(render("[{{uppercased(b)}}][{{plusone(s)}}][{{nope(s)}}][{{^nope(s)}}none{{/nope(s)}}]", data) == "[][][][none]")
    }
}
