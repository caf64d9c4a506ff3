import JixiaoCore

/// A Markdown file of the content: its front matter (YAML or JSON) and its body.
public struct ContentDocument: Sendable {
    /// Path relative to the site root, e.g. `content/2019-guangxi-grain/plan.md`.
    public var path: String
    public var frontMatter: SourceValue?
    public var body: String
    /// The file line the body starts on, so Markdown problems can be located.
    public var bodyLine: Int

    /// The file name without `.md`, used as a slug.
    public var stem: String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return name.hasSuffix(".md") ? String(name.dropLast(3)) : name
    }

    /// An empty mapping located at the top of the file, for files without front matter.
    var metadata: SourceValue {
        frontMatter ?? .mapping([], at: SourceLocation(file: path, line: 1, column: 1))
    }
}
