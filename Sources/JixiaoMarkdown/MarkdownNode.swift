import CCmark

/// A handle on one node of a `MarkdownDocument`. It keeps the document alive and
/// is valid until the document's next `rewrite`; reading a stale handle is a
/// programming error and stops the program (it never reads freed memory).
public struct MarkdownNode {
    let document: MarkdownDocument
    let pointer: OpaquePointer
    let generation: Int

    init(document: MarkdownDocument, pointer: OpaquePointer, generation: Int) {
        self.document = document
        self.pointer = pointer
        self.generation = generation
    }

    private var node: OpaquePointer {
        precondition(generation == document.generation, "MarkdownNode used after MarkdownDocument.rewrite")
        return pointer
    }

    private func handle(_ other: OpaquePointer?) -> MarkdownNode? {
        other.map { MarkdownNode(document: document, pointer: $0, generation: generation) }
    }

    public var kind: MarkdownNodeKind { MarkdownNodeKind(cmark_node_get_type(node)) }

    /// The text of a text, code, code block or HTML node; nil for containers.
    public var literal: String? { cmark_node_get_literal(node).map { String(cString: $0) } }

    /// The destination of a link or image.
    public var url: String? {
        guard kind == .link || kind == .image else { return nil }
        return MarkdownDocument.string(cmark_node_get_url(node))
    }

    /// The title of a link or image (may be empty).
    public var title: String? {
        guard kind == .link || kind == .image else { return nil }
        return MarkdownDocument.string(cmark_node_get_title(node))
    }

    /// 1–6 for a heading.
    public var headingLevel: Int? {
        kind == .heading ? Int(cmark_node_get_heading_level(node)) : nil
    }

    /// The info string of a fenced code block (`` ```swift `` → "swift").
    public var fenceInfo: String? {
        kind == .codeBlock ? MarkdownDocument.string(cmark_node_get_fence_info(node)) : nil
    }

    /// 1-based line and column where the node starts in the Markdown text
    /// (0 for inline nodes cmark does not locate).
    public var line: Int { Int(cmark_node_get_start_line(node)) }
    public var column: Int { Int(cmark_node_get_start_column(node)) }
    public var endLine: Int { Int(cmark_node_get_end_line(node)) }

    public var parent: MarkdownNode? { handle(cmark_node_parent(node)) }
    public var firstChild: MarkdownNode? { handle(cmark_node_first_child(node)) }
    public var lastChild: MarkdownNode? { handle(cmark_node_last_child(node)) }
    public var next: MarkdownNode? { handle(cmark_node_next(node)) }
    public var previous: MarkdownNode? { handle(cmark_node_previous(node)) }

    public var children: [MarkdownNode] {
        var result: [MarkdownNode] = []
        var child = cmark_node_first_child(node)
        while let current = child {
            result.append(MarkdownNode(document: document, pointer: current, generation: generation))
            child = cmark_node_next(current)
        }
        return result
    }

    /// The text inside this node without markup (soft breaks as spaces).
    public var plainText: String {
        var text = ""
        document.walkEvents(from: node) { pointer, entering in
            guard entering else { return true }
            switch MarkdownNodeKind(cmark_node_get_type(pointer)) {
            case .text, .code, .codeBlock:
                text += MarkdownDocument.string(cmark_node_get_literal(pointer))
            case .softBreak:
                text += " "
            case .lineBreak:
                text += "\n"
            default:
                break
            }
            return true
        }
        return text
    }

    /// Visits this node and everything inside it, parents first.
    public func walk(_ visit: (MarkdownNode) throws -> Void) rethrows {
        try document.walk(from: node, visit)
    }
}

extension MarkdownNode: Equatable {
    public static func == (a: MarkdownNode, b: MarkdownNode) -> Bool {
        a.pointer == b.pointer && a.document === b.document && a.generation == b.generation
    }
}

@available(*, unavailable, message: "a MarkdownNode points into a MarkdownDocument, which is not Sendable")
extension MarkdownNode: Sendable {}

extension MarkdownNodeKind {
    init(_ type: cmark_node_type) {
        switch type {
        case CMARK_NODE_DOCUMENT: self = .document
        case CMARK_NODE_BLOCK_QUOTE: self = .blockQuote
        case CMARK_NODE_LIST: self = .list
        case CMARK_NODE_ITEM: self = .item
        case CMARK_NODE_CODE_BLOCK: self = .codeBlock
        case CMARK_NODE_HTML_BLOCK: self = .htmlBlock
        case CMARK_NODE_CUSTOM_BLOCK: self = .customBlock
        case CMARK_NODE_PARAGRAPH: self = .paragraph
        case CMARK_NODE_HEADING: self = .heading
        case CMARK_NODE_THEMATIC_BREAK: self = .thematicBreak
        case CMARK_NODE_TEXT: self = .text
        case CMARK_NODE_SOFTBREAK: self = .softBreak
        case CMARK_NODE_LINEBREAK: self = .lineBreak
        case CMARK_NODE_CODE: self = .code
        case CMARK_NODE_HTML_INLINE: self = .htmlInline
        case CMARK_NODE_CUSTOM_INLINE: self = .customInline
        case CMARK_NODE_EMPH: self = .emphasis
        case CMARK_NODE_STRONG: self = .strong
        case CMARK_NODE_LINK: self = .link
        case CMARK_NODE_IMAGE: self = .image
        default: self = .unknown
        }
    }
}
