import JixiaoMarkdown

/// The site's use of the Markdown wrapper: cmark's safe mode unless the site
/// allows raw HTML, and links to other content files (`notices/x.md`) turned
/// into links to their pages (`notices/x.html`).
enum MarkdownHTML {
    static func render(_ markdown: String, allowRawHTML: Bool) -> String {
        Markdown.html(markdown, options: MarkdownOptions(allowRawHTML: allowRawHTML, rewriteLink: pageLink))
    }

    /// `x.md` and `x.md#part` → `x.html…`; anything else is kept.
    @Sendable static func pageLink(_ url: String) -> String? {
        guard !url.contains("://"), !url.hasPrefix("mailto:") else { return nil }
        let parts = url.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        guard let path = parts.first, path.hasSuffix(".md") else { return nil }
        let page = path.dropLast(3) + ".html"
        return parts.count > 1 ? page + "#" + parts[1] : String(page)
    }
}
