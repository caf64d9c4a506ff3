/// One-call conveniences. Each call parses its own document and frees it before
/// returning, so they can be used from any number of threads at once.
public enum Markdown {
    /// The HTML of `markdown`. Safe by default: raw HTML is dropped and
    /// `javascript:`, `vbscript:`, `file:` and `data:` links (other than
    /// `data:image/png|gif|jpeg|webp`) get an empty `href`, unless
    /// `options.allowRawHTML`. CommonMark core only: no GFM tables.
    public static func html(_ markdown: String, options: MarkdownOptions = MarkdownOptions()) -> String {
        MarkdownDocument(markdown, options: options).html()
    }

    /// The text of `markdown` without markup, blocks separated by "\n".
    public static func plainText(_ markdown: String) -> String {
        MarkdownDocument(markdown).plainText()
    }

    /// At most `maxCharacters` characters of plain text on one line, "…" when cut.
    public static func excerpt(_ markdown: String, maxCharacters: Int) -> String {
        MarkdownDocument(markdown).excerpt(maxCharacters: maxCharacters)
    }

    /// The headings of `markdown`, in order.
    public static func headings(_ markdown: String) -> [MarkdownHeading] {
        MarkdownDocument(markdown).headings()
    }

    /// `&`, `<`, `>`, `"` and `'` as entities, for putting text into HTML.
    public static func escapeHTML(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }
}
