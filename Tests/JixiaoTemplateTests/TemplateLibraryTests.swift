import Foundation
@testable import JixiaoTemplate
import Testing

@Suite("TemplateLibrary")
struct TemplateLibraryTests {
    @Test("contains and render: nil for a template that does not exist")
    func containsAndRender() throws {
        let library = try TemplateLibrary(templates: ["page": "Hi {{name}}", "partials/x": "X"])
        #expect(library.contains("page"))
        #expect(library.contains("partials/x"))
        #expect(!library.contains("partials"))
        #expect(library.render("page", ["name": "Li"]) == "Hi Li")
        #expect(library.render("nope", [:]) == nil)
    }

    @Test("renderData: the same bytes as render, empty, and grown far past the first block")
    func renderData() throws {
        let library = try TemplateLibrary(templates: ["empty": "", "rows": "{{#rows}}<td>{{.}}</td>\n{{/rows}}"])
        #expect(library.renderData("empty", [:]) == Data())
        #expect(library.renderData("missing", [:]) == nil)
        // 20,000 rows of about 30 bytes: the first block (4,096 bytes) doubles eight times.
        let rows: TemplateValue = ["rows": .list((0..<20_000).map { .string("第\($0)行 & <b>") })]
        let expected = (0..<20_000).map { "<td>第\($0)行 &amp; &lt;b&gt;</td>\n" }.joined()
        let data = try #require(library.renderData("rows", rows))
        #expect(data.count == expected.utf8.count)
        #expect(String(decoding: data, as: UTF8.self) == expected)
        #expect(library.render("rows", rows) == expected)
    }

    @Test("renderData indents a standalone partial's lines as render does")
    func renderDataIndents() throws {
        let library = try TemplateLibrary(templates: ["a": "<{{x}}>\n  {{>b}}\n", "b": "1\n2\n"])
        #expect(library.renderData("a", ["x": 1]) == Data("<1>\n  1\n  2\n".utf8))
        #expect(library.render("a", ["x": 1]) == "<1>\n  1\n  2\n")
    }

    @Test("A missing partial or parent renders nothing; referencedNames lets the caller report it")
    func missingPartial() throws {
        let library = try TemplateLibrary(templates: [
            "page": "[{{>partials/missing}}]{{#rows}}{{>partials/row}}{{/rows}}{{<layouts/base}}{{$main}}{{>in-block}}{{/main}}{{/layouts/base}}",
            "partials/row": "{{$cell}}{{>partials/cell}}{{/cell}}{{>*dynamic}}",
        ])
        #expect(library.render("page", ["rows": [1]]) == "[]")
        #expect(library.referencedNames("page") == ["in-block", "layouts/base", "partials/missing", "partials/row"])
        #expect(library.referencedNames("partials/row") == ["partials/cell"])
        #expect(library.referencedNames("nope") == [])
        let missing = library.referencedNames("page").filter { !library.contains($0) }
        #expect(missing == ["in-block", "layouts/base", "partials/missing"])
    }

    @Test("A partial that includes itself stops instead of overflowing the stack")
    func selfRecursion() throws {
        let library = try TemplateLibrary(templates: ["loop": "x{{>loop}}", "block": "{{<block}}{{$a}}y{{$a}}{{/a}}{{/a}}{{/block}}"])
        let output = try #require(library.render("loop", [:]))
        #expect(output.count == 65)
        #expect(library.render("block", [:]) != nil)
    }

    @Test("Recursive partials driven by data render every level")
    func recursiveTree() throws {
        let library = try TemplateLibrary(templates: ["tree": "<ul>\n{{#nodes}}\n<li>{{name}}\n  {{>tree}}\n</li>\n{{/nodes}}\n</ul>\n"])
        // Each node says it has no children ("nodes": []), or the lookup would climb to the root's.
        let data: TemplateValue = ["nodes": [["name": "a", "nodes": [["name": "a1", "nodes": []]]], ["name": "b", "nodes": []]]]
        // Same bytes as swift-mustache 2.1.1.
        #expect(library.render("tree", data) == "<ul>\n<li>a\n  <ul>\n  <li>a1\n    <ul>\n    </ul>\n  </li>\n  </ul>\n</li>\n<li>b\n  <ul>\n  </ul>\n</li>\n</ul>\n")
    }

    @Test("One library renders on many threads at once")
    func concurrentRendering() async throws {
        let library = try TemplateLibrary(templates: ["page": "{{#rows}}<{{name}}:{{index()}}>{{/rows}}{{>p}}", "p": "|{{title}}"])
        let expected = (0..<50).map { "<r\($0):\($0)>" }.joined() + "|T"
        let data: TemplateValue = ["rows": .list((0..<50).map { ["name": .string("r\($0)")] }), "title": "T"]
        let outputs = await withTaskGroup(of: String?.self) { group in
            for _ in 0..<16 {
                group.addTask { library.render("page", data) }
            }
            var all: [String?] = []
            for await output in group { all.append(output) }
            return all
        }
        #expect(outputs.count == 16)
        #expect(outputs.allSatisfy { $0 == expected })
    }

    @Test("The default theme parses, and every partial and parent it names exists")
    func defaultTheme() throws {
        let folder = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("themes/default/templates")
        var sources: [String: String] = [:]
        let enumerator = try #require(FileManager.default.enumerator(atPath: folder.path))
        for case let path as String in enumerator where path.hasSuffix(".mustache") {
            sources[String(path.dropLast(".mustache".count))] = try String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8)
        }
        #expect(sources["base"] != nil)
        let library = try TemplateLibrary(templates: sources)
        for name in sources.keys.sorted() {
            for referenced in library.referencedNames(name) {
                #expect(library.contains(referenced), "\(name) uses missing \(referenced)")
            }
        }
    }

    @Test("privateCopy renders the same and shares none of the parsed objects or texts")
    func privateCopy() throws {
        let library = try TemplateLibrary(templates: [
            "page": "<h1>{{title}} — a heading long enough to live on the heap</h1>{{#rows}}<tr>{{>partials/row}}</tr>{{/rows}}{{^rows}}无{{/rows}}{{<layouts/base}}{{$main}}主体{{/main}}{{/layouts/base}}",
            "partials/row": "<td>{{name}}</td><td>{{score}}</td>",
            "layouts/base": "[{{$main}}默认{{/main}}]",
        ])
        let copy = library.privateCopy()
        let context: TemplateValue = ["title": "考核", "rows": [["name": "甲", "score": "9.50"], ["name": "乙", "score": "8"]]]
        #expect(copy.render("page", context) == library.render("page", context))
        #expect(copy.render("page", context)?.contains("<tr><td>乙</td><td>8</td></tr>") == true)

        /// The address of every object of a node tree, and of every text's bytes.
        func objects(_ library: TemplateLibrary) -> Set<UInt> {
            var found = Set<UInt>()
            func add(_ object: AnyObject) { found.insert(UInt(bitPattern: ObjectIdentifier(object).hashValue)) }
            func walk(_ nodes: [TemplateNode]) {
                for node in nodes {
                    switch node {
                    case .text(let text): found.insert(UInt(bitPattern: text.bytes.baseAddress))
                    case .contentType: break
                    case .variable(let name, _): add(name.object)
                    case .section(let section), .invertedSection(let section):
                        add(section.object); add(section.object.name); walk(section.object.body)
                    case .partial(let call): add(call); call.overrides?.values.forEach(walk)
                    case .block(let block): add(block); walk(block.defaultContent)
                    }
                }
            }
            for template in library.templates.values { walk(template.nodes) }
            return found
        }
        let original = objects(library)
        #expect(original.count > 10)
        #expect(original.isDisjoint(with: objects(copy)))
    }
}
