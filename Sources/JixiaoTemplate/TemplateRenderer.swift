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
                    name.with { name in appendVariable(name, escaped: escapes) }
                case .section(let section):
                    let escapes = escapesHTML
                    section.with { section in
                        switch place(of: section.name) {
                        case .member(let position, let index)?:
                            // A flag (`{{#has_evidence}}`) is read where it is.
                            if let flag = memberFlag(position, ofRecordAt: index) {
                                if flag { render(section.body, escapesHTML: escapes) }
                            } else {
                                renderSection(memberValue(position, ofRecordAt: index), section.body, escapesHTML: escapes)
                            }
                        case .value(let value)?:
                            renderSection(value, section.body, escapesHTML: escapes)
                        case nil:
                            break
                        }
                    }
                case .invertedSection(let section):
                    let escapes = escapesHTML
                    section.with { section in
                        switch place(of: section.name) {
                        case .member(let position, let index)?:
                            if let flag = memberFlag(position, ofRecordAt: index) {
                                if !flag { render(section.body, escapesHTML: escapes) }
                            } else {
                                renderInvertedSection(memberValue(position, ofRecordAt: index), section.body, escapesHTML: escapes)
                            }
                        case .value(let value)?:
                            renderInvertedSection(value, section.body, escapesHTML: escapes)
                        case nil:
                            renderInvertedSection(nil, section.body, escapesHTML: escapes)
                        }
                    }
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

    /// Where a name's value is. Most names of a card are plain (no dots, no
    /// transforms) and found in a record, the row being rendered: such a member is
    /// read where the record holds it (`appendMember`, `memberFlag`), not copied out
    /// of it and released again as `resolve` does.
    private enum Place {
        /// The member at `position` of the record at `index` in the stack; never `.null`.
        case member(position: Int, index: Int)
        case value(TemplateValue)
    }

    /// The place of a name's value; nil when there is none (`.null` counts as none).
    private mutating func place(of name: TemplateName) -> Place? {
        guard name.kind == .search, name.rest.isEmpty, name.transforms.isEmpty else {
            return resolve(name).map(Place.value)
        }
        return search(firstPartOf: name)
    }

    /// The first part of a name, searched from the innermost context outwards.
    private mutating func search(firstPartOf name: TemplateName) -> Place? {
        var index = stack.count - 1
        while index >= 0 {
            if let place = place(ofFirstPartOf: name, inContextAt: index) { return place }
            index -= 1
        }
        return nil
    }

    /// The first part of a name in one context of the stack (see `child`): a
    /// record's member found by the position remembered for the name's slot.
    @inline(__always)
    private mutating func place(ofFirstPartOf name: TemplateName, inContextAt index: Int) -> Place? {
        guard let position = recordPosition(of: name, inContextAt: index) else {
            return Self.child(stack[index], name.first).map(Place.value)
        }
        guard position >= 0, !memberIsNull(position, ofRecordAt: index) else { return nil }
        return .member(position: position, index: index)
    }

    private func value(at place: Place) -> TemplateValue {
        switch place {
        case .member(let position, let index): memberValue(position, ofRecordAt: index)
        case .value(let value): value
        }
    }

    /// `{{name}}`.
    private mutating func appendVariable(_ name: TemplateName, escaped: Bool) {
        switch place(of: name) {
        case .member(let position, let index)?: appendMember(position, ofRecordAt: index, escaped: escaped)
        case .value(let value)?: appendValue(value, escaped: escaped)
        case nil: break
        }
    }

    /// Where the record at `index` in the stack has the first part of `name` (-1: not
    /// a member); nil when that context is not a record. Remembered by the name's
    /// slot: the shapes of the last two records the name was looked up in and its
    /// position in each (see `positions`).
    @inline(__always)
    private mutating func recordPosition(of name: TemplateName, inContextAt index: Int) -> Int? {
        let shape: ObjectIdentifier? = stack.withUnsafeBufferPointer { contexts in
            if case .record(let shape, _) = contexts[index] { ObjectIdentifier(shape) } else { nil }
        }
        guard let shape else { return nil }
        var remembered = positions[name.slot]
        if remembered.latest.shape != shape {
            if remembered.before.shape == shape {
                swap(&remembered.latest, &remembered.before)
            } else {
                let position = stack.withUnsafeBufferPointer { contexts in
                    if case .record(let shape, _) = contexts[index] { shape.positions[name.first] ?? -1 } else { -1 }
                }
                remembered.before = remembered.latest
                remembered.latest = (shape, position)
            }
            positions[name.slot] = remembered
        }
        return remembered.latest.position
    }

    /// Reads the member at `position` of the record at `index` in the stack, in place.
    @inline(__always)
    private func withMember<Result>(_ position: Int, ofRecordAt index: Int, _ body: (borrowing TemplateValue) -> Result) -> Result {
        stack.withUnsafeBufferPointer { contexts in
            guard case .record(_, let values) = contexts[index] else { preconditionFailure("a record's place") }
            return values.withUnsafeBufferPointer { values in body(values[position]) }
        }
    }

    @inline(__always)
    private func memberIsNull(_ position: Int, ofRecordAt index: Int) -> Bool {
        withMember(position, ofRecordAt: index) { if case .null = $0 { true } else { false } }
    }

    private func memberFlag(_ position: Int, ofRecordAt index: Int) -> Bool? {
        withMember(position, ofRecordAt: index) { if case .bool(let flag) = $0 { flag } else { nil } }
    }

    private func memberValue(_ position: Int, ofRecordAt index: Int) -> TemplateValue {
        withMember(position, ofRecordAt: index) { copy $0 }
    }

    /// Appends the member at `position` of the record at `index` in the stack, in place.
    private mutating func appendMember(_ position: Int, ofRecordAt index: Int, escaped: Bool) {
        // The stack moved out for the while, so that the output can be written as it is read.
        var stack: [TemplateValue] = []
        swap(&stack, &self.stack)
        defer { swap(&stack, &self.stack) }
        stack.withUnsafeBufferPointer { contexts in
            guard case .record(_, let values) = contexts[index] else { preconditionFailure("a record's place") }
            values.withUnsafeBufferPointer { values in appendValue(values[position], escaped: escaped) }
        }
    }

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
                guard let place = place(ofFirstPartOf: name, inContextAt: stack.count - 1),
                      let found = Self.descend(self.value(at: place), name.rest) else { return nil }
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
        guard let place = search(firstPartOf: name) else { return nil }
        return name.rest.isEmpty ? value(at: place) : Self.descend(value(at: place), name.rest)
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
            // Each element copied once, onto the stack, from where the list holds it.
            elements.withUnsafeBufferPointer { elements in
                for index in elements.indices {
                    listPosition = ListPosition(isFirst: index == 0, isLast: index == lastIndex, index: index)
                    stack.append(elements[index])
                    render(body, escapesHTML: escapesHTML)
                    stack.removeLast()
                }
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
