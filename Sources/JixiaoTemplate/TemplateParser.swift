/// Parses template text into nodes, once.
///
/// The algorithm follows swift-mustache 2.1.1's parser step by step, because its
/// handling of whitespace decides the output bytes themes already rely on: which
/// lines count as "standalone" (a line holding only a section, inverted, close,
/// partial, parent, block, comment or set-delimiter tag is removed, its newline too),
/// which whitespace becomes a partial's indentation, and how a parent call's block
/// definitions lose the indentation of their first line.
///
/// The parser works on Unicode scalars; swift-mustache works on `Character`s. The two
/// only differ for a combining mark placed right after a delimiter or a newline.
struct TemplateParser {
    private let scalars: [Unicode.Scalar]
    private var position = 0
    /// What the nodes hold without counting: their texts, names and sections (the
    /// library's, see TemplateStorage).
    private let storage: TemplateStorage
    /// The slot of each first name part (see `TemplateName.slot`), shared by a library's templates.
    private var slots: [String: Int]

    /// Sections nest by recursion; a limit keeps a hostile template from exhausting
    /// the stack.
    private static let maximumNesting = 100

    private init(_ source: String, slots: [String: Int], storage: TemplateStorage) {
        scalars = Array(source.unicodeScalars)
        self.slots = slots
        self.storage = storage
    }

    /// Parses `source`; `name` only labels a syntax error. `slots`: the slots of the
    /// names of the templates parsed before, with this one's added; `storage`: where
    /// the nodes' texts, names and sections are kept.
    static func parse(_ source: String, name: String, slots: inout [String: Int],
                      storage: TemplateStorage) throws(TemplateSyntaxError) -> [TemplateNode] {
        var parser = TemplateParser(source, slots: slots, storage: storage)
        defer { slots = parser.slots }
        do {
            return try parser.parseSection(ParserState(), nesting: 0).nodes
        } catch {
            let (line, column) = parser.lineAndColumn(of: error.position)
            throw TemplateSyntaxError(template: name, line: line, column: column, message: error.message)
        }
    }

    /// A `{{name}}` node; its name is kept by the library's storage, like every name a node holds.
    private mutating func variable(_ name: String, transforms: [String], escaped: Bool) -> TemplateNode {
        .variable(storage.keep(TemplateName(name: name, transformNames: transforms, slots: &slots)), escaped: escaped)
    }

    // MARK: - Sections

    /// What one (nested) parse returns: the nodes, and for a parent call's body its
    /// block definitions and where the first tag that is not a block is.
    private struct ParsedSection {
        var nodes: [TemplateNode] = []
        var blockDefinitions: [String: [TemplateNode]] = [:]
        var firstNonBlockTag: Int?
    }

    private mutating func parseSection(_ initialState: ParserState, nesting: Int) throws(ParseFailure) -> ParsedSection {
        var state = initialState
        var result = ParsedSection()
        // The spaces and tabs that start the current line, held back until we know
        // whether the line is a standalone tag (then they vanish or become indentation).
        var whitespaceBefore = ""

        // Adjacent text renders the same as one piece (the renderer indents after
        // newlines inside text), and is faster to render: it is gathered here and
        // becomes one node before the next node that is not text, or at the end.
        var pendingText = ""
        func appendText(_ text: String) {
            pendingText += text
        }
        func endText() {
            if !pendingText.isEmpty {
                result.nodes.append(.text(storage.add(pendingText)))
                pendingText = ""
            }
        }
        func appendNode(_ node: TemplateNode, tagStart: Int) {
            endText()
            if result.firstNonBlockTag == nil {
                result.firstNonBlockTag = tagStart
            }
            result.nodes.append(node)
        }
        func flushWhitespace() {
            if !whitespaceBefore.isEmpty {
                appendText(whitespaceBefore)
                whitespaceBefore = ""
            }
        }

        while position < scalars.count {
            if state.newLine {
                let whitespace = readSpacesAndTabs()
                if state.isPartialDefinition && !state.isPartialDefinitionTopLevel {
                    // Inside a block definition of a parent call, lines lose the
                    // indentation of the block's first line.
                    if let indent = state.partialDefinitionIndent {
                        whitespaceBefore = String(whitespace.dropFirst(indent))
                    } else {
                        state.partialDefinitionIndent = whitespace.count
                    }
                } else {
                    whitespaceBefore = whitespace
                }
            }
            let (text, foundTag) = readTextUntilTagOrNewline(state)
            if let newlineLength = newlineLength(at: position) {
                // swift-mustache checks for a newline here even right after a tag's
                // opening delimiter ("{{" then a newline): the "{{" is then dropped.
                let newline = string(position..<position + newlineLength)
                appendText(whitespaceBefore + text + newline)
                state.newLine = true
                position += newlineLength
                continue
            }
            if !text.isEmpty {
                appendText(whitespaceBefore + text)
                whitespaceBefore = ""
                state.newLine = false
            }
            // A template ending in an opening delimiter drops it, as swift-mustache does.
            guard position < scalars.count, let tagStart = foundTag else { break }

            var setNewLine = false
            switch scalars[position] {
            case "#", "^":
                let inverted = scalars[position] == "^"
                position += 1
                let (name, transforms) = try parseName(state, tagStart: tagStart)
                if isStandalone(state) {
                    setNewLine = true
                } else {
                    flushWhitespace()
                }
                try checkNesting(nesting, tagStart: tagStart)
                let body = try parseSection(
                    state.enteringSection(name, transforms: transforms, kind: inverted ? .invertedSection : .section,
                                          openedAt: tagStart, newLine: setNewLine),
                    nesting: nesting + 1)
                let templateName = TemplateName(name: name, transformNames: transforms, slots: &slots)
                let section = storage.keep(Section(name: templateName, body: body.nodes))
                appendNode(inverted ? .invertedSection(section) : .section(section), tagStart: tagStart)

            case "/":
                position += 1
                let name: String
                let transforms: [String]
                if state.sectionKind == .parent {
                    // A parent is named like a partial, so its closing tag may contain
                    // "/" too ({{/layouts/base}}); swift-mustache cannot close such a
                    // parent at all.
                    name = try parsePartialName(state, tagStart: tagStart)
                    transforms = []
                } else {
                    (name, transforms) = try parseName(state, tagStart: tagStart)
                }
                guard name == state.sectionName, transforms == state.sectionTransforms else {
                    throw closingMismatch(state, closingName: Self.display(name, transforms), at: tagStart)
                }
                if !isStandalone(state) {
                    flushWhitespace()
                }
                endText()
                return result

            case "!":
                position += 1
                try skipComment(state, tagStart: tagStart)
                setNewLine = isStandalone(state)

            case "{":
                flushWhitespace()
                position += 1
                let (name, transforms) = try parseName(state, tagStart: tagStart)
                guard position < scalars.count, scalars[position] == "}" else {
                    throw ParseFailure(position: tagStart, message: "triple mustache is not closed by '}}}'")
                }
                position += 1
                appendNode(variable(name, transforms: transforms, escaped: false), tagStart: tagStart)

            case "&":
                flushWhitespace()
                position += 1
                let (name, transforms) = try parseName(state, tagStart: tagStart)
                appendNode(variable(name, transforms: transforms, escaped: false), tagStart: tagStart)

            case ">":
                position += 1
                skipWhitespace()
                var dynamic = false
                if position < scalars.count, scalars[position] == "*" {
                    position += 1
                    dynamic = true
                }
                let name = try parsePartialName(state, tagStart: tagStart)
                if !whitespaceBefore.isEmpty {
                    // Kept as text even when standalone: it indents the partial's first line.
                    appendText(whitespaceBefore)
                }
                var indentation: String?
                if isStandalone(state) {
                    setNewLine = true
                    indentation = whitespaceBefore
                }
                let target: PartialCall.Target = dynamic
                    ? .dynamic(TemplateName(name: name, transformNames: [], slots: &slots)) : .named(name)
                appendNode(.partial(PartialCall(target: target, indentation: indentation, overrides: nil)), tagStart: tagStart)
                whitespaceBefore = ""

            case "<":
                position += 1
                skipWhitespace()
                let sectionName = try parsePartialName(state, tagStart: tagStart)
                if !whitespaceBefore.isEmpty {
                    appendText(whitespaceBefore)
                }
                if isStandalone(state) {
                    setNewLine = true
                }
                try checkNesting(nesting, tagStart: tagStart)
                let body = try parseSection(state.enteringParent(sectionName, openedAt: tagStart), nesting: nesting + 1)
                if let illegal = body.firstNonBlockTag {
                    throw ParseFailure(position: illegal, message: "only blocks ({{$name}}…{{/name}}) can be inside parent '\(sectionName)'")
                }
                let target: PartialCall.Target = sectionName.first == "*"
                    ? .dynamic(TemplateName(name: String(sectionName.dropFirst()), transformNames: [], slots: &slots))
                    : .named(sectionName)
                appendNode(.partial(PartialCall(target: target, indentation: whitespaceBefore,
                                                overrides: body.blockDefinitions)),
                           tagStart: tagStart)
                whitespaceBefore = ""

            case "$":
                position += 1
                let (name, transforms) = try parseName(state, tagStart: tagStart)
                guard transforms.isEmpty else {
                    throw ParseFailure(position: tagStart, message: "block '\(name)' cannot have transforms")
                }
                try checkNesting(nesting, tagStart: tagStart)
                if state.isPartialDefinitionTopLevel {
                    // A block definition: the override a parent call passes on.
                    if isStandalone(state) {
                        setNewLine = true
                    }
                    let body = try parseSection(
                        state.enteringSection(name, transforms: [], kind: .block, openedAt: tagStart, newLine: setNewLine),
                        nesting: nesting + 1)
                    result.blockDefinitions[name] = body.nodes
                } else {
                    // A block with its default content, replaceable by an override.
                    if !whitespaceBefore.isEmpty {
                        appendText(whitespaceBefore)
                    }
                    if isStandalone(state) {
                        setNewLine = true
                    }
                    let body = try parseSection(
                        state.enteringSection(name, transforms: [], kind: .block, openedAt: tagStart, newLine: setNewLine),
                        nesting: nesting + 1)
                    appendNode(.block(Block(name: name, defaultContent: body.nodes, indentation: whitespaceBefore)), tagStart: tagStart)
                    whitespaceBefore = ""
                }

            case "=":
                position += 1
                state = try parseSetDelimiter(state, tagStart: tagStart)
                setNewLine = isStandalone(state)

            case "%":
                position += 1
                let node = try parsePragma(state, tagStart: tagStart)
                appendNode(node, tagStart: tagStart)
                setNewLine = isStandalone(state)

            default:
                flushWhitespace()
                let (name, transforms) = try parseName(state, tagStart: tagStart)
                appendNode(variable(name, transforms: transforms, escaped: true), tagStart: tagStart)
            }
            state.newLine = setNewLine
        }
        if let sectionName = state.sectionName {
            throw ParseFailure(position: state.sectionOpenedAt,
                               message: "unclosed \(state.sectionKind.word) '\(Self.display(sectionName, state.sectionTransforms))'")
        }
        endText()
        return result
    }

    private func checkNesting(_ nesting: Int, tagStart: Int) throws(ParseFailure) {
        if nesting >= Self.maximumNesting {
            throw ParseFailure(position: tagStart, message: "sections are nested more than \(Self.maximumNesting) deep")
        }
    }

    private func closingMismatch(_ state: ParserState, closingName: String, at tagStart: Int) -> ParseFailure {
        guard let sectionName = state.sectionName else {
            return ParseFailure(position: tagStart, message: "closing tag '\(closingName)' has no open section")
        }
        let (line, _) = lineAndColumn(of: state.sectionOpenedAt)
        let opened = Self.display(sectionName, state.sectionTransforms)
        return ParseFailure(position: tagStart,
                            message: "\(state.sectionKind.word) '\(opened)' opened at line \(line) is closed by '\(closingName)'")
    }

    /// A name as written: `first(reversed(list))`.
    private static func display(_ name: String, _ transforms: [String]) -> String {
        transforms.reversed().reduce(name) { inner, transform in "\(transform)(\(inner))" }
    }

    // MARK: - Text

    /// Reads text up to a newline (not consumed) or the opening delimiter of a tag
    /// (consumed; its offset is returned).
    private mutating func readTextUntilTagOrNewline(_ state: ParserState) -> (text: String, tagStart: Int?) {
        let start = position
        let delimiter = state.startDelimiter
        let first = delimiter[0]
        while position < scalars.count {
            let scalar = scalars[position]
            if scalar == "\n" || (scalar == "\r" && position + 1 < scalars.count && scalars[position + 1] == "\n") {
                return (string(start..<position), nil)
            }
            if scalar == first && matches(delimiter, at: position) {
                let text = string(start..<position)
                let tagStart = position
                position += delimiter.count
                return (text, tagStart)
            }
            position += 1
        }
        return (string(start..<position), nil)
    }

    private mutating func readSpacesAndTabs() -> String {
        let start = position
        while position < scalars.count, scalars[position] == " " || scalars[position] == "\t" {
            position += 1
        }
        return string(start..<position)
    }

    /// Whether the tag just read stands alone on its line; if so, the rest of the line
    /// (spaces, tabs and the newline) is consumed.
    private mutating func isStandalone(_ state: ParserState) -> Bool {
        guard state.newLine else { return false }
        if position == scalars.count { return true }
        var end = position
        while end < scalars.count, scalars[end] == " " || scalars[end] == "\t" {
            end += 1
        }
        guard let newline = newlineLength(at: end) else { return false }
        position = end + newline
        return true
    }

    /// The length of the newline at `offset` (2 for "\r\n"), or nil. Counts what Swift's
    /// `Character.isNewline` counts, as swift-mustache does.
    private func newlineLength(at offset: Int) -> Int? {
        guard offset < scalars.count else { return nil }
        switch scalars[offset].value {
        case 0x0D:
            return offset + 1 < scalars.count && scalars[offset + 1] == "\n" ? 2 : 1
        case 0x0A, 0x0B, 0x0C, 0x85, 0x2028, 0x2029:
            return 1
        default:
            return nil
        }
    }

    // MARK: - Tags

    /// Reads `name`, `name.part` or `transform(name)` and the closing delimiter.
    private mutating func parseName(_ state: ParserState, tagStart: Int) throws(ParseFailure) -> (String, [String]) {
        skipWhitespace()
        let start = position
        while position < scalars.count, Self.isNameCharacter(scalars[position], brackets: true) {
            position += 1
        }
        let text = string(start..<position)
        skipWhitespace()
        try readClosingDelimiter(state, tagStart: tagStart)
        guard let (name, transforms) = Self.splitTransforms(text) else {
            throw ParseFailure(position: tagStart, message: "malformed transform call '\(text)'")
        }
        return (name, transforms)
    }

    /// Reads a partial or parent name (which may contain `/`) and the closing delimiter.
    private mutating func parsePartialName(_ state: ParserState, tagStart: Int) throws(ParseFailure) -> String {
        skipWhitespace()
        let start = position
        while position < scalars.count, Self.isPartialNameCharacter(scalars[position]) {
            position += 1
        }
        let text = string(start..<position)
        skipWhitespace()
        try readClosingDelimiter(state, tagStart: tagStart)
        return text
    }

    private mutating func readClosingDelimiter(_ state: ParserState, tagStart: Int) throws(ParseFailure) {
        if matches(state.endDelimiter, at: position) {
            position += state.endDelimiter.count
            return
        }
        throw unfinishedTag(state, tagStart: tagStart)
    }

    /// Why a tag has no closing delimiter where one was expected.
    private func unfinishedTag(_ state: ParserState, tagStart: Int) -> ParseFailure {
        guard position < scalars.count, find(state.endDelimiter, from: position) != nil else {
            return ParseFailure(position: tagStart, message: "unclosed tag")
        }
        let character = scalars[position]
        let shown = character.properties.isWhitespace ? "whitespace" : "'\(character)'"
        return ParseFailure(position: tagStart, message: "unexpected \(shown) in tag")
    }

    /// Splits `f(g(name))` into `name` and `["f", "g"]`; nil when the brackets are malformed.
    private static func splitTransforms(_ text: String) -> (String, [String])? {
        let characters = Array(text.unicodeScalars)
        var index = 0
        func readName() -> String {
            let start = index
            while index < characters.count, isNameCharacter(characters[index], brackets: false) {
                index += 1
            }
            return String(String.UnicodeScalarView(characters[start..<index]))
        }
        let first = readName()
        if index == characters.count { return (text, []) }
        guard characters[index] == "(" else { return nil }
        index += 1
        var transforms = [first]
        while true {
            let name = readName()
            guard index < characters.count else { return nil }
            if characters[index] == "(" {
                index += 1
                transforms.append(name)
                continue
            }
            // Only brackets remain: one ")" per "(".
            var closing = 0
            while index < characters.count, characters[index] == ")" {
                index += 1
                closing += 1
            }
            guard closing == transforms.count, index == characters.count else { return nil }
            return (name, transforms)
        }
    }

    private mutating func skipComment(_ state: ParserState, tagStart: Int) throws(ParseFailure) {
        guard let end = find(state.endDelimiter, from: position) else {
            throw ParseFailure(position: tagStart, message: "unclosed comment")
        }
        position = end + state.endDelimiter.count
    }

    /// `{{=<% %>=}}`
    private mutating func parseSetDelimiter(_ state: ParserState, tagStart: Int) throws(ParseFailure) -> ParserState {
        let failure = ParseFailure(position: tagStart, message: "invalid set delimiters tag (expected e.g. {{=<% %>=}})")
        skipWhitespace()
        let openStart = position
        while position < scalars.count, !scalars[position].properties.isWhitespace {
            position += 1
        }
        guard position < scalars.count else { throw failure }
        let open = Array(scalars[openStart..<position])
        skipWhitespace()
        let closeStart = position
        while position < scalars.count, scalars[position] != "=", !scalars[position].properties.isWhitespace {
            position += 1
        }
        guard position < scalars.count else { throw failure }
        let close = Array(scalars[closeStart..<position])
        skipWhitespace()
        guard position < scalars.count, scalars[position] == "=" else { throw failure }
        position += 1
        guard matches(state.endDelimiter, at: position) else { throw failure }
        position += state.endDelimiter.count
        guard !open.isEmpty, !close.isEmpty else { throw failure }
        return state.withDelimiters(open: open, close: close)
    }

    /// `{{%CONTENT_TYPE:TEXT}}` (or `HTML`): whether later variables are HTML-escaped.
    private mutating func parsePragma(_ state: ParserState, tagStart: Int) throws(ParseFailure) -> TemplateNode {
        let failure = ParseFailure(position: tagStart, message: "invalid pragma tag (expected e.g. {{%CONTENT_TYPE:TEXT}})")
        func readWord() -> String {
            let start = position
            while position < scalars.count, Self.isNameCharacter(scalars[position], brackets: false) {
                position += 1
            }
            return string(start..<position)
        }
        skipWhitespace()
        let variable = readWord()
        skipWhitespace()
        guard position < scalars.count, scalars[position] == ":" else { throw failure }
        position += 1
        skipWhitespace()
        let value = readWord()
        skipWhitespace()
        guard matches(state.endDelimiter, at: position) else { throw failure }
        position += state.endDelimiter.count
        guard !variable.isEmpty, !value.isEmpty else { throw failure }
        guard variable == "CONTENT_TYPE" else {
            throw ParseFailure(position: tagStart, message: "unknown pragma '\(variable)'")
        }
        switch value {
        case "HTML": return .contentType(escapesHTML: true)
        case "TEXT": return .contentType(escapesHTML: false)
        default: throw ParseFailure(position: tagStart, message: "unknown content type '\(value)' (HTML or TEXT)")
        }
    }

    // MARK: - Characters

    private mutating func skipWhitespace() {
        while position < scalars.count, scalars[position].properties.isWhitespace {
            position += 1
        }
    }

    private func matches(_ delimiter: [Unicode.Scalar], at offset: Int) -> Bool {
        guard offset + delimiter.count <= scalars.count else { return false }
        for index in delimiter.indices where scalars[offset + index] != delimiter[index] {
            return false
        }
        return true
    }

    private func find(_ delimiter: [Unicode.Scalar], from offset: Int) -> Int? {
        var start = offset
        while start + delimiter.count <= scalars.count {
            if matches(delimiter, at: start) { return start }
            start += 1
        }
        return nil
    }

    private func string(_ range: Range<Int>) -> String {
        String(String.UnicodeScalarView(scalars[range]))
    }

    /// Letters, digits and `. - _ ? *`, plus `( )` for transforms: swift-mustache's set.
    private static func isNameCharacter(_ scalar: Unicode.Scalar, brackets: Bool) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", ".", "-", "_", "?", "*": return true
        case "(", ")": return brackets
        default: return false
        }
    }

    /// Partial names may also contain `/`.
    private static func isPartialNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "/" || isNameCharacter(scalar, brackets: true)
    }

    /// 1-based line and column (in characters) of a scalar offset.
    private func lineAndColumn(of offset: Int) -> (line: Int, column: Int) {
        let end = min(max(offset, 0), scalars.count)
        var line = 1
        var lineStart = 0
        var index = 0
        while index < end {
            if let length = newlineLength(at: index) {
                index += length
                line += 1
                lineStart = index
            } else {
                index += 1
            }
        }
        let column = string(lineStart..<max(lineStart, end)).count + 1
        return (line, column)
    }
}

/// A syntax problem, at a scalar offset; turned into a `TemplateSyntaxError` by `parse`.
private struct ParseFailure: Error {
    let position: Int
    let message: String
}

/// What the parser knows at a point of the template: the enclosing section, the
/// delimiters, and whether it is at the start of a line.
private struct ParserState {
    enum SectionKind {
        case section, invertedSection, parent, block

        var word: String {
            switch self {
            case .section, .invertedSection: "section"
            case .parent: "parent"
            case .block: "block"
            }
        }
    }

    var sectionName: String?
    var sectionTransforms: [String] = []
    var sectionKind = SectionKind.section
    var sectionOpenedAt = 0
    /// At the start of a line with nothing but spaces or tabs before the current point
    /// (or right after a standalone tag).
    var newLine = true
    /// Inside the body of a parent call (`{{<name}}`).
    var isPartialDefinition = false
    /// Directly inside that body, where `{{$name}}` defines an override.
    var isPartialDefinitionTopLevel = false
    var startDelimiter: [Unicode.Scalar] = ["{", "{"]
    var endDelimiter: [Unicode.Scalar] = ["}", "}"]
    /// The indentation of a block definition's first line, removed from its other lines.
    var partialDefinitionIndent: Int?

    func enteringSection(_ name: String, transforms: [String], kind: SectionKind, openedAt: Int, newLine: Bool) -> ParserState {
        var state = self
        state.sectionName = name
        state.sectionTransforms = transforms
        state.sectionKind = kind
        state.sectionOpenedAt = openedAt
        state.isPartialDefinitionTopLevel = false
        if !newLine {
            state.newLine = false
        }
        return state
    }

    func enteringParent(_ name: String, openedAt: Int) -> ParserState {
        var state = self
        state.sectionName = name
        state.sectionTransforms = []
        state.sectionKind = .parent
        state.sectionOpenedAt = openedAt
        state.newLine = true
        state.isPartialDefinition = true
        state.isPartialDefinitionTopLevel = true
        return state
    }

    func withDelimiters(open: [Unicode.Scalar], close: [Unicode.Scalar]) -> ParserState {
        var state = self
        state.startDelimiter = open
        state.endDelimiter = close
        // As in swift-mustache: after a delimiter change, `{{$name}}` in a parent call's
        // body no longer defines an override.
        state.isPartialDefinitionTopLevel = false
        return state
    }
}
