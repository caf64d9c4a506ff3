/// A template that cannot be parsed: which template, where (1-based line and column
/// of the offending tag, columns counted in characters) and what is wrong.
public struct TemplateSyntaxError: Error, Sendable {
    public let template: String
    public let line: Int
    public let column: Int
    public let message: String

    public init(template: String, line: Int, column: Int, message: String) {
        self.template = template
        self.line = line
        self.column = column
        self.message = message
    }
}

extension TemplateSyntaxError: CustomStringConvertible {
    public var description: String { "\(template):\(line):\(column): \(message)" }
}
