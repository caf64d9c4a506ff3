import JixiaoTemplate
import Testing

/// Renders `template` (named "main") with `partials` and `data`. A syntax error fails
/// the test where it is called.
func render(_ template: String, partials: [String: String] = [:], _ data: TemplateValue = [:],
            sourceLocation: SourceLocation = #_sourceLocation) -> String {
    var sources = partials
    sources["main"] = template
    do {
        let library = try TemplateLibrary(templates: sources)
        guard let output = library.render("main", data) else {
            Issue.record("template 'main' missing", sourceLocation: sourceLocation)
            return ""
        }
        return output
    } catch {
        Issue.record("syntax error: \(error)", sourceLocation: sourceLocation)
        return ""
    }
}

/// The syntax error parsing `template` (named "main") gives, or nil.
func syntaxError(_ template: String, partials: [String: String] = [:]) -> TemplateSyntaxError? {
    var sources = partials
    sources["main"] = template
    do {
        _ = try TemplateLibrary(templates: sources)
        return nil
    } catch {
        return error
    }
}

/// One template with its partials, data and expected output.
struct SpecCase: Sendable, CustomTestStringConvertible {
    let name: String
    let template: String
    let partials: [String: String]
    let data: TemplateValue
    let expected: String

    init(_ name: String, _ template: String, partials: [String: String] = [:], data: TemplateValue = [:], expected: String) {
        self.name = name
        self.template = template
        self.partials = partials
        self.data = data
        self.expected = expected
    }

    var testDescription: String { name }

    func check(sourceLocation: SourceLocation = #_sourceLocation) {
        let output = render(template, partials: partials, data, sourceLocation: sourceLocation)
        #expect(output == expected, "\(name)", sourceLocation: sourceLocation)
    }
}
