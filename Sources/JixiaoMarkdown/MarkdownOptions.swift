/// How Markdown is turned into HTML. The defaults are the safe ones: raw HTML is
/// dropped and dangerous links are emptied (cmark's safe mode), smart quotes are off
/// (Chinese text uses its own quotation marks), and line breaks inside Chinese text
/// are joined.
public struct MarkdownOptions: Sendable {
    /// Keep raw HTML (blocks and inline tags) and `javascript:` / `vbscript:` /
    /// `file:` / non-image `data:` links. Off by default: cmark then renders raw HTML
    /// as `<!-- raw HTML omitted -->` and such links as `href=""`.
    public var allowRawHTML: Bool
    /// cmark's `CMARK_OPT_SMART`: straight quotes to curly ones, `--` to dashes.
    public var smartPunctuation: Bool
    /// Remove a soft line break whose neighbours are both CJK characters, so that
    /// "第一行⏎第二行" is shown as "第一行第二行" instead of "第一行 第二行".
    public var joinCJKLineBreaks: Bool
    /// Called with the URL of every link and image; a non-nil result replaces it.
    /// The replaced URL still goes through the safe-mode check when rendering.
    public var rewriteLink: (@Sendable (String) -> String?)?

    public init(
        allowRawHTML: Bool = false,
        smartPunctuation: Bool = false,
        joinCJKLineBreaks: Bool = true,
        rewriteLink: (@Sendable (String) -> String?)? = nil
    ) {
        self.allowRawHTML = allowRawHTML
        self.smartPunctuation = smartPunctuation
        self.joinCJKLineBreaks = joinCJKLineBreaks
        self.rewriteLink = rewriteLink
    }
}

/// A heading of a document: its level (1–6), its plain text, and its source line.
public struct MarkdownHeading: Sendable, Hashable {
    public var level: Int
    public var text: String
    public var line: Int

    public init(level: Int, text: String, line: Int) {
        self.level = level
        self.text = text
        self.line = line
    }
}

/// The kinds of cmark nodes (CommonMark core: no tables, no strikethrough).
public enum MarkdownNodeKind: Sendable, Hashable {
    case document, blockQuote, list, item, codeBlock, htmlBlock, customBlock
    case paragraph, heading, thematicBreak
    case text, softBreak, lineBreak, code, htmlInline, customInline
    case emphasis, strong, link, image
    case unknown

    public var isBlock: Bool {
        switch self {
        case .document, .blockQuote, .list, .item, .codeBlock, .htmlBlock, .customBlock,
             .paragraph, .heading, .thematicBreak:
            return true
        default:
            return false
        }
    }
}

/// A change to one node, returned from `MarkdownDocument.rewrite`.
public enum MarkdownEdit: Sendable, Hashable {
    /// Replace the node (and everything inside it) by HTML produced by the site.
    /// It is written as it is, also in safe mode: never pass text from the content
    /// here without escaping it (see `Markdown.escapeHTML`).
    case html(String)
    /// Replace the node (and everything inside it) by plain text (escaped on output).
    case text(String)
    /// Remove the node and everything inside it.
    case remove
    /// Change the URL of a link or image.
    case url(String)
    /// Change the literal of a text, code, code block or HTML node.
    case literal(String)
}
