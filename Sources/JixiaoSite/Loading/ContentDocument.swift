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
        // From the last "/" on, without splitting the path into an array of its parts:
        // asked for every self-report, several times, it was 30 ms of a 10,000-page build.
        let name = path.utf8.lastIndex(of: UInt8(ascii: "/")).map { path[path.index(after: $0)...] } ?? path[...]
        return String(name.hasSuffix(".md") ? name.dropLast(3) : name)
    }

    /// An empty mapping located at the top of the file, for files without front matter.
    var metadata: SourceValue {
        frontMatter ?? .mapping([], at: SourceLocation(file: path, line: 1, column: 1))
    }
}
