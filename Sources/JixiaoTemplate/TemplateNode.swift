/// One piece of a parsed template. A template is parsed once into a tree of nodes;
/// rendering walks the tree and never looks at the source text again.
///
/// The payloads of the nodes a card's rows render over and over (texts, names,
/// sections) are held without a reference count (see TemplateStorage); the others
/// are a single reference to a final class.
enum TemplateNode: Sendable {
    /// Literal text, copied as is.
    case text(TemplateText)
    /// `{{name}}` (escaped) or `{{{name}}}` / `{{& name}}` (not escaped).
    case variable(LibraryObject<TemplateName>, escaped: Bool)
    /// `{{#name}}…{{/name}}`
    case section(LibraryObject<Section>)
    /// `{{^name}}…{{/name}}`
    case invertedSection(LibraryObject<Section>)
    /// `{{>name}}`, or `{{<name}}…{{/name}}`.
    case partial(PartialCall)
    /// `{{$name}}default{{/name}}` outside a parent call: replaced by an override
    /// when an enclosing parent call gives one.
    case block(Block)
    /// `{{%CONTENT_TYPE:HTML}}` / `{{%CONTENT_TYPE:TEXT}}`: whether later variables
    /// in the same section are HTML-escaped.
    case contentType(escapesHTML: Bool)
}

/// A section or inverted section: the name it tests and the nodes it renders.
final class Section: Sendable {
    let name: TemplateName
    let body: [TemplateNode]

    init(name: TemplateName, body: [TemplateNode]) {
        self.name = name
        self.body = body
    }
}

/// A block with its default content.
final class Block: Sendable {
    let name: String
    let defaultContent: [TemplateNode]
    /// The whitespace before a standalone block tag, added to the lines it renders.
    let indentation: String

    init(name: String, defaultContent: [TemplateNode], indentation: String) {
        self.name = name
        self.defaultContent = defaultContent
        self.indentation = indentation
    }
}

/// A partial or parent call.
final class PartialCall: Sendable {
    enum Target: Sendable {
        /// `{{>partials/name}}`: a fixed template name.
        case named(String)
        /// `{{>*name}}`: the template named by a context value.
        case dynamic(TemplateName)
    }

    let target: Target
    /// The whitespace before a standalone tag, added to every line the partial renders
    /// after its first; nil when the tag is not standalone (plain partials only).
    let indentation: String?
    /// The blocks a parent call (`{{<name}}`) overrides; nil for a plain partial.
    let overrides: [String: [TemplateNode]]?

    init(target: Target, indentation: String?, overrides: [String: [TemplateNode]]?) {
        self.target = target
        self.indentation = indentation
        self.overrides = overrides
    }
}

/// A name in a tag, split once at parse time.
final class TemplateName: Sendable {
    enum Kind: Sendable {
        /// `{{.}}` (or an empty name): the current context.
        case current
        /// `{{index()}}` and friends: a transform of the position in the list being iterated.
        case listPosition
        /// `{{.name}}`: looked up in the current context only, without climbing.
        case anchored
        /// `{{name}}` / `{{a.b}}`: the first part is searched from the innermost context
        /// outwards, the rest are looked up inside what was found.
        case search
    }

    let kind: Kind
    /// The parts between dots, empty ones dropped (`a..b` is `a`, `b`): the first is
    /// searched for in the context stack, the rest inside what was found. Kept apart
    /// so a lookup needs no slicing.
    let first: String
    let rest: [String]
    /// Applied in order (the innermost call of `f(g(x))` first).
    let transforms: [Transform]
    /// A small number, the same for every name of a library with the same first
    /// part, under which a render remembers where that part is in a record's shape.
    let slot: Int

    /// `slots`: the slot of each first part numbered so far, this one's added if new.
    init(name: String, transformNames: [String], slots: inout [String: Int]) {
        let components = name.split(separator: ".").map(String.init)
        first = components.first ?? ""
        if let known = slots[first] {
            slot = known
        } else {
            slot = slots.count
            slots[first] = slot
        }
        rest = Array(components.dropFirst())
        // Written `f(g(x))`, so the last name is applied first.
        transforms = transformNames.reversed().map(Transform.init(name:))
        if name == "." {
            kind = .current
        } else if name.isEmpty && !transformNames.isEmpty {
            kind = .listPosition
        } else if name.first == "." {
            kind = .anchored
        } else if components.isEmpty {
            // `{{}}`: swift-mustache resolves an empty name to the current context.
            kind = .current
        } else {
            kind = .search
        }
    }
}

/// A template's literal text, in memory its library keeps (see TemplateStorage): a
/// text node holds no reference, so rendering one counts none (a score card renders
/// thousands of them; each String retained and released was a part of rendering).
struct TemplateText: @unchecked Sendable {
    let bytes: UnsafeBufferPointer<UInt8>

    var string: String { String(decoding: bytes, as: UTF8.self) }
}

/// What a library's nodes hold without counting: its texts, each allocated once
/// while the library is parsed, and its names and sections, kept here. All freed with
/// the library. Never changed after parsing, so shared by the threads that render
/// with the library.
final class TemplateStorage: @unchecked Sendable {
    private var blocks: [UnsafeMutableBufferPointer<UInt8>] = []
    private var objects: [AnyObject] = []

    func add(_ text: String) -> TemplateText {
        let utf8 = text.utf8
        let block = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(utf8.count, 1))
        let count = block.initialize(fromContentsOf: utf8)
        blocks.append(block)
        return TemplateText(bytes: UnsafeBufferPointer(rebasing: block[..<count]))
    }

    func keep<Object: AnyObject & Sendable>(_ object: Object) -> LibraryObject<Object> {
        objects.append(object)
        return LibraryObject(object)
    }

    deinit {
        for block in blocks { block.deallocate() }
    }
}

/// An object a node refers to, kept alive by its library's storage (see
/// TemplateStorage) rather than by the node: reading it in a render counts nothing.
struct LibraryObject<Object: AnyObject & Sendable>: @unchecked Sendable {
    private let reference: Unmanaged<Object>

    fileprivate init(_ object: Object) {
        reference = .passUnretained(object)
    }

    /// The object, for as long as `body` runs, without a count.
    @inline(__always)
    func with<Result>(_ body: (Object) throws -> Result) rethrows -> Result {
        try reference._withUnsafeGuaranteedRef(body)
    }

    /// The object, counted (for the walks outside rendering).
    var object: Object { reference.takeUnretainedValue() }
}
