import Foundation
import JixiaoBytes

/// A set of named templates that may refer to each other by name (partials, parents).
///
/// Immutable once made, so one library can render pages on several threads at once.
public struct TemplateLibrary: Sendable {
    let templates: [String: ParsedTemplate]
    /// How many slots the templates' names use (see `TemplateName.slot`).
    private let slotCount: Int
    private let sources: [String: String]
    /// What the templates' nodes hold without counting, kept while the library is
    /// (see TemplateStorage).
    private let storage = TemplateStorage()

    /// Parses every template (name → source text). Templates are parsed in name order,
    /// so the error reported for a library with several broken templates is stable.
    public init(templates sources: [String: String]) throws(TemplateSyntaxError) {
        self.sources = sources
        var templates: [String: ParsedTemplate] = [:]
        templates.reserveCapacity(sources.count)
        var slots: [String: Int] = [:]
        for name in sources.keys.sorted() {
            let source = sources[name] ?? ""
            let nodes = try TemplateParser.parse(source, name: name, slots: &slots, storage: storage)
            templates[name] = ParsedTemplate(nodes: nodes, sourceLength: source.utf8.count)
        }
        self.templates = templates
        slotCount = slots.count
    }

    /// The same templates parsed again: a library that shares no object with this one.
    ///
    /// Rendering retains and releases what the parsed nodes hold, but for the texts,
    /// names and sections the library's storage keeps (see TemplateStorage). On several
    /// cores at once, one shared library's counts moved between the cores' caches all
    /// the time (measured before the storage: the largest part of the up to a third more
    /// CPU time a build's rendering took on two cores than on one); a copy per core
    /// keeps each count on its core.
    public func privateCopy() -> TemplateLibrary {
        // Parsed before without error, so parsing the same sources again cannot fail.
        do throws(TemplateSyntaxError) {
            return try TemplateLibrary(templates: sources)
        } catch {
            preconditionFailure("a library's own sources parse again: \(error)")
        }
    }

    public func contains(_ name: String) -> Bool {
        templates[name] != nil
    }

    /// Renders the template `name`; nil when there is no such template. A partial or
    /// parent that does not exist renders as nothing (see `referencedNames`).
    public func render(_ name: String, _ context: TemplateValue) -> String? {
        guard let template = templates[name] else { return nil }
        return render(template, context).string()
    }

    /// The same as UTF-8 bytes, as a page is written.
    public func renderData(_ name: String, _ context: TemplateValue) -> Data? {
        guard let template = templates[name] else { return nil }
        return render(template, context).data()
    }

    private func render(_ template: ParsedTemplate, _ context: TemplateValue) -> ByteBuffer {
        // Pages are mostly template text plus values; start with room for a few times
        // the template so that the output rarely has to grow.
        var renderer = TemplateRenderer(templates: templates, slotCount: slotCount, context: context,
                                        output: ByteBuffer(capacity: max(4096, template.sourceLength * 4)))
        renderer.render(template.nodes, escapesHTML: true)
        return renderer.finish()
    }

    /// The partial and parent names the template `name` uses (`{{>name}}`, `{{<name}}`),
    /// sorted and unique, so a caller can report the ones that do not exist. Names
    /// chosen by the context (`{{>*name}}`) cannot be known and are not listed.
    public func referencedNames(_ name: String) -> [String] {
        templates[name]?.referencedNames ?? []
    }
}

/// One parsed template of a library.
struct ParsedTemplate: Sendable {
    let nodes: [TemplateNode]
    let sourceLength: Int
    let referencedNames: [String]

    init(nodes: [TemplateNode], sourceLength: Int) {
        self.nodes = nodes
        self.sourceLength = sourceLength
        var names = Set<String>()
        Self.collectReferences(in: nodes, into: &names)
        self.referencedNames = names.sorted()
    }

    private static func collectReferences(in nodes: [TemplateNode], into names: inout Set<String>) {
        for node in nodes {
            switch node {
            case .section(let section), .invertedSection(let section):
                collectReferences(in: section.object.body, into: &names)
            case .block(let block):
                collectReferences(in: block.defaultContent, into: &names)
            case .partial(let call):
                if case .named(let name) = call.target {
                    names.insert(name)
                }
                if let overrides = call.overrides {
                    for override in overrides.values {
                        collectReferences(in: override, into: &names)
                    }
                }
            case .text, .variable, .contentType:
                break
            }
        }
    }
}
