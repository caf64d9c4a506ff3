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

/// A small deterministic random number generator (SplitMix64), so generated inputs
/// are the same on every run.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
