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

    /// Renders the case as written, and again with every object of its data made a
    /// record of the same members (the renderer looks a record's members up by
    /// position and reads them in place): both must give the expected output.
    func check(sourceLocation: SourceLocation = #_sourceLocation) {
        let output = render(template, partials: partials, data, sourceLocation: sourceLocation)
        #expect(output == expected, "\(name)", sourceLocation: sourceLocation)
        let withRecords = render(template, partials: partials, Self.asRecords(data), sourceLocation: sourceLocation)
        #expect(withRecords == expected, "\(name), objects as records", sourceLocation: sourceLocation)
    }

    static func asRecords(_ value: TemplateValue) -> TemplateValue {
        switch value {
        case .list(let items): .list(items.map(asRecords))
        case .object(let members):
            .record(TemplateShape(members.keys.sorted()), members.keys.sorted().map { asRecords(members[$0]!) })
        default: value
        }
    }
}
