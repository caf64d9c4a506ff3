/// A place in a content file: the path relative to the site root, a 1-based
/// line and a 1-based column (0 when only the line is known, e.g. a CSV row).
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int = 0, column: Int = 0) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `path:line:col`, the form editors and compilers use.
    public var description: String {
        var text = file
        if line > 0 { text += ":\(line)" }
        if column > 0 { text += ":\(column)" }
        return text
    }

    /// By file, line and column. Field by field rather than as tuples: the build
    /// sorts tens of thousands of warnings by their locations.
    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        if a.file != b.file { return a.file < b.file }
        if a.line != b.line { return a.line < b.line }
        return a.column < b.column
    }
}
