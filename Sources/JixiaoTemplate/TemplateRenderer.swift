import JixiaoBytes

/// Renders parsed templates into one output, as UTF-8 bytes (see ByteBuffer: a
/// page is written as bytes).
///
/// State that swift-mustache copies into a new context object for every section,
/// partial and list element lives here once: a stack of context values (pushed and
/// popped, never copied), the position in the list being iterated, the current
/// partial indentation and the block overrides of enclosing parent calls.
struct TemplateRenderer: ~Copyable {
    private let templates: [String: ParsedTemplate]
    private var output: ByteBuffer
    /// Innermost context last.
    private var stack: [TemplateValue]
    /// Set while rendering an element of a list section (for `first()`, `index()`…).
    private var listPosition: ListPosition?
    /// The indentation of the enclosing standalone partials and blocks.
    private var indentation = ""
    /// Block overrides of the enclosing parent calls, outermost first: the outermost
    /// override of a block wins.
    private var overrides: [[String: [TemplateNode]]] = []
    /// Indentation still to be written before the next non-empty output (see `render`).
    private var pendingIndentation: String?
    /// Partial and block calls in progress; bounded so a partial that includes itself
    /// ends instead of overflowing the stack.
    private var callDepth = 0
    private static let maximumCallDepth = 64
    /// By name slot (see `TemplateName.slot`): the shapes of the last two records the
    /// name was looked up in, and its position in each (-1: not a member), the latest
    /// first. A card looks up the same twenty names in each of its rows: found by
    /// position, not by hashing the name. Two, as one name often meets two shapes in
    /// turn: `name` in a card's row and in that row's inputs, or a name missed in a
    /// row and found in the record around it. The shapes cannot go away during the
    /// render: the context holds them.
    private var positions: [ShapePositions]

    private struct ShapePositions {
        var latest: (shape: ObjectIdentifier?, position: Int) = (nil, -1)
        var before: (shape: ObjectIdentifier?, position: Int) = (nil, -1)
    }

    init(templates: [String: ParsedTemplate], slotCount: Int, context: TemplateValue, output: consuming ByteBuffer) {
        self.templates = templates
        self.positions = Array(repeating: ShapePositions(), count: slotCount)
        self.stack = [context]
        self.stack.reserveCapacity(16)
        self.output = output
    }

    /// The output, once the render is done.
    consuming func finish() -> ByteBuffer {
        output
    }

    /// Renders a node list: a template, a section body, one list element…
    ///
    /// Indentation follows swift-mustache exactly: inside an indented partial or block,
    /// a node's output is indented when it is not empty and what this same call
    /// rendered so far ends with "\n" (an output ending in "\r\n" does not count, like
    /// Swift's `Character` comparison). The indentation is kept pending and written
    /// just before the next non-empty output, so nothing is inserted after the fact.
    mutating func render(_ nodes: [TemplateNode], escapesHTML initialEscaping: Bool) {
        var escapesHTML = initialEscaping
        let start = output.count
        let indented = !indentation.isEmpty
        // Through the buffer (rather than `for node in nodes` or `nodes[index]`): each
        // node is borrowed from where it is, not copied; its text, name or section is
        // read without a count (see TemplateStorage).
        nodes.withUnsafeBufferPointer { nodes in
            for index in nodes.indices {
                if indented {
                    markLineStart(since: start)
                }
                switch nodes[index] {
                case .text(let text):
                    if indented {
                        appendIndentedText(text.bytes, since: start)
                    } else {
                        append(text.bytes)
                    }
                case .variable(let name, let escaped):
                    let escapes = escaped && escapesHTML
                    name.with { name in
                        if let value = resolve(name) {
                            appendValue(value, escaped: escapes)
                        }
                    }
                case .section(let section):
                    let escapes = escapesHTML
                    section.with { section in renderSection(resolve(section.name), section.body, escapesHTML: escapes) }
                case .invertedSection(let section):
                    let escapes = escapesHTML
                    section.with { section in renderInvertedSection(resolve(section.name), section.body, escapesHTML: escapes) }
                case .partial(let call):
                    renderPartial(call)
                case .block(let block):
                    renderBlock(block, escapesHTML: escapesHTML)
                case .contentType(let escapes):
                    escapesHTML = escapes
                }
            }
        }
        // Indentation left pending by this call (or one inside it) after its last
        // output is dropped: swift-mustache only indents output that follows.
        if pendingIndentation != nil && output.count > start {
            pendingIndentation = nil
        }
    }

    // MARK: - Output

    @inline(__always)
    private mutating func flushPendingIndentation() {
        if let pending = pendingIndentation {
            output.append(pending)
            pendingIndentation = nil
        }
    }

    private mutating func append(_ text: String) {
        guard !text.isEmpty else { return }
        flushPendingIndentation()
        output.append(text)
    }

    private mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard !bytes.isEmpty else { return }
        flushPendingIndentation()
        output.append(bytes)
    }

    private mutating func appendValue(_ value: TemplateValue, escaped: Bool) {
        switch value {
        case .string(let string):
            guard !string.isEmpty else { return }
            flushPendingIndentation()
            if escaped {
                HTMLEscaping.append(string, to: &output)
            } else {
                output.append(string)
            }
        case .int(let int):
            // Digits and "-" need no escaping.
            append(String(int))
        case .bool(let bool):
            append(bool ? "true" : "false")
        case .list, .object, .record:
            let text = ValueText.text(value)
            append(escaped ? HTMLEscaping.escape(text) : text)
        case .null:
            break
        }
    }

    /// Before a node of an indented call: indentation becomes pending when this call's
    /// output so far is not empty and ends with a line feed.
    private mutating func markLineStart(since start: Int) {
        let count = output.count
        guard count > start else { return }
        var atLineStart = false
        if output[count - 1] == UInt8(ascii: "\n") {
            // "\r\n" is one Character in Swift, and is not equal to "\n".
            atLineStart = count - start < 2 || output[count - 2] != UInt8(ascii: "\r")
        }
        pendingIndentation = atLineStart ? indentation : nil
    }

    /// Text inside an indented call: the parser joins adjacent lines into one text
    /// node, so each line after a newline is indented as a separate node would be.
    private mutating func appendIndentedText(_ bytes: UnsafeBufferPointer<UInt8>, since start: Int) {
        var lineStart = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if byte == UInt8(ascii: "\n") {
                if lineStart != 0 { markLineStart(since: start) }
                append(UnsafeBufferPointer(rebasing: bytes[lineStart..<index]))
                lineStart = index
            }
        }
        if lineStart < bytes.count {
            if lineStart != 0 { markLineStart(since: start) }
            append(UnsafeBufferPointer(rebasing: bytes[lineStart...]))
        }
    }

    // MARK: - Lookup

    /// The value a name refers to; nil when there is none (`.null` counts as none).
    private mutating func resolve(_ name: TemplateName) -> TemplateValue? {
        var value: TemplateValue
        switch name.kind {
        case .search:
            guard let found = search(name) else { return nil }
            if name.transforms.isEmpty { return found }
            value = found
        case .current:
            guard let top = stack.last else { return nil }
            value = top
        case .listPosition:
            // The first transform reads the list position; the others apply to its result.
            guard let position = listPosition, let transformed = name.transforms.first?.apply(to: position) else {
                return nil
            }
            return Self.applyTransforms(name.transforms.dropFirst(), to: transformed)
        case .anchored:
            guard let top = stack.last else { return nil }
            if name.first.isEmpty {
                value = top
            } else {
                guard let child = member(top, name), let found = Self.descend(child, name.rest) else { return nil }
                value = found
            }
        }
        return Self.applyTransforms(name.transforms[...], to: value)
    }

    private static func applyTransforms(_ transforms: ArraySlice<Transform>, to value: TemplateValue) -> TemplateValue? {
        var value = value
        for transform in transforms {
            guard let transformed = transform.apply(to: value) else { return nil }
            value = transformed
        }
        return value
    }

    /// Finds the first part of a name from the innermost context outwards, then the
    /// other parts inside what was found (without climbing again).
    private mutating func search(_ name: TemplateName) -> TemplateValue? {
        var index = stack.count - 1
        while index >= 0 {
            if let child = member(stack[index], name) {
                return name.rest.isEmpty ? child : Self.descend(child, name.rest)
            }
            index -= 1
        }
        return nil
    }

    /// The value of the first part of `name` in an object or record (see `child`); a
    /// record's member found by the position remembered for the name's slot.
    private mutating func member(_ value: TemplateValue, _ name: TemplateName) -> TemplateValue? {
        guard case .record(let shape, let values) = value else { return Self.child(value, name.first) }
        let identity = ObjectIdentifier(shape)
        var remembered = positions[name.slot]
        if remembered.latest.shape != identity {
            if remembered.before.shape == identity {
                swap(&remembered.latest, &remembered.before)
            } else {
                remembered.before = remembered.latest
                remembered.latest = (identity, shape.positions[name.first] ?? -1)
            }
            positions[name.slot] = remembered
        }
        let position = remembered.latest.position
        guard position >= 0 else { return nil }
        let found = values[position]
        if case .null = found { return nil }
        return found
    }

    /// The value of `key` in an object or record; nil when it is neither, the key is
    /// absent or its value is `.null`.
    @inline(__always)
    private static func child(_ value: TemplateValue, _ key: String) -> TemplateValue? {
        let found: TemplateValue?
        switch value {
        case .object(let object): found = object[key]
        case .record(let shape, let values): found = shape.positions[key].map { values[$0] }
        default: return nil
        }
        guard let found else { return nil }
        if case .null = found { return nil }
        return found
    }

    private static func descend(_ value: TemplateValue, _ components: [String]) -> TemplateValue? {
        var current = value
        for component in components {
            guard let child = child(current, component) else { return nil }
            current = child
        }
        return current
    }

    // MARK: - Sections

    /// `{{#name}}`: lists render once per element, `true` once, `false`, missing and
    /// empty lists not at all; any other value (even "" or 0, as in swift-mustache)
    /// renders once with the value as the innermost context.
    private mutating func renderSection(_ value: TemplateValue?, _ body: [TemplateNode], escapesHTML: Bool) {
        guard let value else { return }
        switch value {
        case .list(let elements):
            guard !elements.isEmpty else { return }
            let savedPosition = listPosition
            let lastIndex = elements.count - 1
            for (index, element) in elements.enumerated() {
                listPosition = ListPosition(isFirst: index == 0, isLast: index == lastIndex, index: index)
                stack.append(element)
                render(body, escapesHTML: escapesHTML)
                stack.removeLast()
            }
            listPosition = savedPosition
        case .bool(let bool):
            // No new context: `first()` and friends still see the enclosing list.
            if bool { render(body, escapesHTML: escapesHTML) }
        case .null:
            return
        case .string, .int, .object, .record:
            renderPushing(value, body, escapesHTML: escapesHTML)
        }
    }

    /// `{{^name}}`: renders when the value is missing, `false` or an empty list.
    private mutating func renderInvertedSection(_ value: TemplateValue?, _ body: [TemplateNode], escapesHTML: Bool) {
        switch value {
        case nil, .null?:
            render(body, escapesHTML: escapesHTML)
        case .bool(let bool)?:
            if !bool { render(body, escapesHTML: escapesHTML) }
        case .list(let elements)?:
            // swift-mustache makes the empty list the innermost context.
            if elements.isEmpty { renderPushing(.list([]), body, escapesHTML: escapesHTML) }
        case .string?, .int?, .object?, .record?:
            return
        }
    }

    private mutating func renderPushing(_ value: TemplateValue, _ body: [TemplateNode], escapesHTML: Bool) {
        let savedPosition = listPosition
        listPosition = nil
        stack.append(value)
        render(body, escapesHTML: escapesHTML)
        stack.removeLast()
        listPosition = savedPosition
    }

    // MARK: - Partials and inheritance

    /// `{{>name}}` and `{{<name}}…{{/name}}`. A template that does not exist renders
    /// nothing, as in swift-mustache.
    private mutating func renderPartial(_ call: PartialCall) {
        let template: ParsedTemplate?
        switch call.target {
        case .named(let name):
            template = templates[name]
        case .dynamic(let name):
            guard case .string(let templateName)? = resolve(name) else { return }
            template = templates[templateName]
        }
        guard let template, callDepth < Self.maximumCallDepth else { return }
        let savedIndentation = indentation
        let savedPosition = listPosition
        if let extra = call.indentation {
            indentation += extra
        }
        if let blockOverrides = call.overrides {
            overrides.append(blockOverrides)
        }
        listPosition = nil
        callDepth += 1
        // A partial starts escaping HTML again whatever the caller's content type.
        render(template.nodes, escapesHTML: true)
        callDepth -= 1
        if call.overrides != nil {
            overrides.removeLast()
        }
        listPosition = savedPosition
        indentation = savedIndentation
    }

    /// `{{$name}}default{{/name}}`: the outermost override of `name`, or the default.
    private mutating func renderBlock(_ block: Block, escapesHTML: Bool) {
        guard callDepth < Self.maximumCallDepth else { return }
        var content = block.defaultContent
        for level in overrides {
            if let override = level[block.name] {
                content = override
                break
            }
        }
        let savedIndentation = indentation
        let savedPosition = listPosition
        indentation += block.indentation
        listPosition = nil
        callDepth += 1
        render(content, escapesHTML: escapesHTML)
        callDepth -= 1
        listPosition = savedPosition
        indentation = savedIndentation
    }
}
