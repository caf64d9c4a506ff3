import CCmark
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A parsed Markdown document: the one owner of a cmark node tree.
///
/// The tree is freed with the document. A document is mutable C state, so it is
/// deliberately not `Sendable`: create, edit and render it on one thread (the
/// `Markdown` conveniences do exactly that per call, so they are safe to call
/// concurrently).
///
/// Nodes are read through `MarkdownNode` handles (`walk`, `root`) and changed only
/// through `rewrite`, which frees replaced nodes. Every `rewrite` invalidates the
/// handles taken before it; using a stale handle stops the program with a clear
/// message instead of touching freed memory.
public final class MarkdownDocument {
    let root: OpaquePointer
    public let options: MarkdownOptions
    /// Bumped by every rewrite; handles from an older generation are refused.
    private(set) var generation = 0
    private var walking = 0

    /// Parses `markdown`, then joins CJK line breaks and rewrites links as the
    /// options ask.
    public init(_ markdown: String, options: MarkdownOptions = MarkdownOptions()) {
        self.options = options
        var parseOptions = CMARK_OPT_DEFAULT
        if options.smartPunctuation { parseOptions |= CMARK_OPT_SMART }
        var text = markdown
        let parsed = text.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                cmark_parse_document(chars.baseAddress, chars.count, parseOptions)
            }
        }
        guard let parsed else { fatalError("cmark_parse_document: out of memory") }
        root = parsed
        if options.joinCJKLineBreaks { joinCJKSoftBreaks() }
        if let rewriteLink = options.rewriteLink {
            rewrite { node in
                guard node.kind == .link || node.kind == .image, let url = node.url,
                      let replacement = rewriteLink(url), replacement != url else { return nil }
                return .url(replacement)
            }
        }
    }

    deinit {
        cmark_node_free(root)
    }

    /// The document node.
    public var rootNode: MarkdownNode {
        MarkdownNode(document: self, pointer: root, generation: generation)
    }

    // MARK: Rendering

    /// The HTML of the document; raw HTML and dangerous links are dropped unless
    /// `options.allowRawHTML`.
    public func html() -> String {
        var renderOptions = CMARK_OPT_DEFAULT
        if options.allowRawHTML { renderOptions |= CMARK_OPT_UNSAFE }
        guard let buffer = cmark_render_html(root, renderOptions) else { return "" }
        defer { free(buffer) }
        return String(cString: buffer)
    }

    /// The text a reader sees, without markup: blocks separated by a line break,
    /// soft breaks as spaces, raw HTML and images left out.
    public func plainText() -> String {
        var text = ""
        walkEvents { pointer, entering in
            let kind = MarkdownNodeKind(cmark_node_get_type(pointer))
            if entering {
                switch kind {
                case .text, .code:
                    text += Self.string(cmark_node_get_literal(pointer))
                case .codeBlock:
                    text += Self.string(cmark_node_get_literal(pointer))
                case .softBreak:
                    text += " "
                case .lineBreak:
                    text += "\n"
                case .image, .htmlBlock, .htmlInline:
                    return false
                default:
                    break
                }
            } else if kind.isBlock, kind != .document, !text.isEmpty, text.last != "\n" {
                text += "\n"
            }
            return true
        }
        while text.last == "\n" { text.removeLast() }
        return text
    }

    /// The first `maxCharacters` characters of the plain text, with runs of
    /// white space collapsed to one space and "…" appended when cut.
    public func excerpt(maxCharacters: Int) -> String {
        let words = plainText().split(whereSeparator: \.isWhitespace)
        let collapsed = words.joined(separator: " ")
        guard collapsed.count > maxCharacters else { return collapsed }
        var cut = String(collapsed.prefix(max(0, maxCharacters)))
        while cut.last == " " { cut.removeLast() }
        return cut + "…"
    }

    /// Every heading, in document order.
    public func headings() -> [MarkdownHeading] {
        var result: [MarkdownHeading] = []
        walk { node in
            if node.kind == .heading {
                result.append(MarkdownHeading(level: node.headingLevel ?? 0, text: node.plainText, line: node.line))
            }
        }
        return result
    }

    // MARK: Walking and rewriting

    /// Visits every node in document order (a parent before its children).
    /// The tree must not be changed during the walk.
    public func walk(_ visit: (MarkdownNode) throws -> Void) rethrows {
        try walk(from: root, visit)
    }

    func walk(from start: OpaquePointer, _ visit: (MarkdownNode) throws -> Void) rethrows {
        walking += 1
        defer { walking -= 1 }
        guard let iterator = cmark_iter_new(start) else { return }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let pointer = cmark_iter_get_node(iterator) else { continue }
            try visit(MarkdownNode(document: self, pointer: pointer, generation: generation))
        }
    }

    /// Walks enter and exit events; `body` returns false on enter to skip the children.
    func walkEvents(from start: OpaquePointer? = nil, _ body: (OpaquePointer, Bool) -> Bool) {
        walking += 1
        defer { walking -= 1 }
        guard let iterator = cmark_iter_new(start ?? root) else { return }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let pointer = cmark_iter_get_node(iterator) else { continue }
            let entering = event == CMARK_EVENT_ENTER
            if !body(pointer, entering), entering, cmark_node_first_child(pointer) != nil {
                cmark_iter_reset(iterator, pointer, CMARK_EVENT_EXIT)
            }
        }
    }

    /// Asks `transform` about every node (parents first) and applies the edits it
    /// returns (nil keeps the node). The children of a replaced or removed node are
    /// not visited. Handles taken before the rewrite are invalid afterwards.
    public func rewrite(_ transform: (MarkdownNode) throws -> MarkdownEdit?) rethrows {
        precondition(walking == 0, "MarkdownDocument.rewrite called during a walk")
        var edits: [(OpaquePointer, MarkdownEdit)] = []
        walking += 1
        do {
            defer { walking -= 1 }
            guard let iterator = cmark_iter_new(root) else { return }
            defer { cmark_iter_free(iterator) }
            while true {
                let event = cmark_iter_next(iterator)
                if event == CMARK_EVENT_DONE { break }
                guard event == CMARK_EVENT_ENTER, let pointer = cmark_iter_get_node(iterator),
                      pointer != root else { continue }
                guard let edit = try transform(MarkdownNode(document: self, pointer: pointer, generation: generation)) else {
                    continue
                }
                edits.append((pointer, edit))
                switch edit {
                case .html, .text, .remove:
                    if cmark_node_first_child(pointer) != nil {
                        cmark_iter_reset(iterator, pointer, CMARK_EVENT_EXIT)
                    }
                case .url, .literal:
                    break
                }
            }
        }
        guard !edits.isEmpty else { return }
        generation += 1
        for (pointer, edit) in edits {
            apply(edit, to: pointer)
        }
    }

    private func apply(_ edit: MarkdownEdit, to pointer: OpaquePointer) {
        switch edit {
        case .url(let url):
            _ = cmark_node_set_url(pointer, url)
        case .literal(let literal):
            _ = cmark_node_set_literal(pointer, literal)
        case .remove:
            cmark_node_unlink(pointer)
            cmark_node_free(pointer)
        case .html(let html):
            let isBlock = MarkdownNodeKind(cmark_node_get_type(pointer)).isBlock
            guard let replacement = cmark_node_new(isBlock ? CMARK_NODE_CUSTOM_BLOCK : CMARK_NODE_CUSTOM_INLINE) else { return }
            _ = cmark_node_set_on_enter(replacement, html)
            replace(pointer, with: replacement)
        case .text(let text):
            let isBlock = MarkdownNodeKind(cmark_node_get_type(pointer)).isBlock
            guard let inline = cmark_node_new(CMARK_NODE_TEXT) else { return }
            _ = cmark_node_set_literal(inline, text)
            if isBlock {
                guard let paragraph = cmark_node_new(CMARK_NODE_PARAGRAPH) else { cmark_node_free(inline); return }
                _ = cmark_node_append_child(paragraph, inline)
                replace(pointer, with: paragraph)
            } else {
                replace(pointer, with: inline)
            }
        }
    }

    private func replace(_ old: OpaquePointer, with new: OpaquePointer) {
        if cmark_node_replace(old, new) == 1 {
            cmark_node_free(old)
        } else {
            cmark_node_free(new)
        }
    }

    static func string(_ pointer: UnsafePointer<CChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }
}

@available(*, unavailable, message: "a MarkdownDocument owns mutable C state; create one per task")
extension MarkdownDocument: Sendable {}
