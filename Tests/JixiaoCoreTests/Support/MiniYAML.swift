import Foundation
import JixiaoCore

/// A small YAML subset for tests, producing located `SourceValue`s the way the
/// publishing layer's reader does: block mappings and sequences by indentation,
/// one-line flow collections (`{ a: 1, b: [x, y] }`), quoted scalars, comments.
/// Scalars keep their text; nothing is converted to numbers here.
enum MiniYAML {
    struct Line {
        var indent: Int
        var content: String
        var number: Int
    }

    static func parse(_ text: String, file: String = "test.yaml") -> SourceValue {
        var lines: [Line] = []
        for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let stripped = stripComment(String(raw))
            let content = stripped.drop { $0 == " " }
            if content.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            lines.append(Line(indent: stripped.count - content.count,
                              content: String(content).trimmingTrailingSpaces(), number: offset + 1))
        }
        var parser = Parser(lines: lines, file: file)
        guard !lines.isEmpty else { return .null(at: SourceLocation(file: file, line: 1, column: 1)) }
        return parser.block(indent: lines[0].indent)
    }

    /// Drops a `#` comment that starts a line or follows a space, outside quotes.
    static func stripComment(_ line: String) -> String {
        var quote: Character?
        var previous: Character = " "
        var result = ""
        for character in line {
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "#" && previous == " " {
                break
            }
            result.append(character)
            previous = character
        }
        return result
    }

    struct Parser {
        var lines: [Line]
        let file: String
        var index = 0

        func location(_ line: Line, column: Int) -> SourceLocation {
            SourceLocation(file: file, line: line.number, column: column + 1)
        }

        mutating func block(indent: Int) -> SourceValue {
            let line = lines[index]
            if line.content == "-" || line.content.hasPrefix("- ") { return sequence(indent: indent) }
            return mapping(indent: indent)
        }

        mutating func sequence(indent: Int) -> SourceValue {
            let start = location(lines[index], column: indent)
            var items: [SourceValue] = []
            while index < lines.count, lines[index].indent == indent,
                  lines[index].content == "-" || lines[index].content.hasPrefix("- ") {
                let line = lines[index]
                let rest = String(line.content.dropFirst(1).drop { $0 == " " })
                let restColumn = indent + line.content.count - rest.count
                if rest.isEmpty {
                    index += 1
                    if index < lines.count, lines[index].indent > indent {
                        items.append(block(indent: lines[index].indent))
                    } else {
                        items.append(.null(at: location(line, column: indent)))
                    }
                } else if splitKey(rest) != nil && !rest.hasPrefix("{") && !rest.hasPrefix("[") && !rest.hasPrefix("\"") {
                    // "- key: value" opens a mapping whose keys line up with `key`.
                    lines[index] = Line(indent: restColumn, content: rest, number: line.number)
                    items.append(mapping(indent: restColumn))
                } else {
                    var flow = Flow(text: Array(rest), line: line, column: restColumn, file: file)
                    items.append(flow.value())
                    index += 1
                }
            }
            return .sequence(items, at: start)
        }

        mutating func mapping(indent: Int) -> SourceValue {
            let start = location(lines[index], column: indent)
            var entries: [SourceEntry] = []
            while index < lines.count, lines[index].indent == indent, !lines[index].content.hasPrefix("- ") {
                let line = lines[index]
                guard let (key, valueStart) = splitKey(line.content) else {
                    fatalError("MiniYAML: expected `key: value` on line \(line.number): \(line.content)")
                }
                let keyLocation = location(line, column: indent)
                let rest = String(line.content.dropFirst(valueStart).drop { $0 == " " })
                let restColumn = indent + line.content.count - rest.count
                index += 1
                let value: SourceValue
                if rest.isEmpty {
                    if index < lines.count, lines[index].indent > indent
                        || (lines[index].indent == indent && lines[index].content.hasPrefix("- ")) {
                        value = block(indent: lines[index].indent)
                    } else {
                        value = .null(at: location(line, column: restColumn))
                    }
                } else {
                    var flow = Flow(text: Array(rest), line: line, column: restColumn, file: file)
                    value = flow.value()
                }
                entries.append(SourceEntry(key: key, keyLocation: keyLocation, value: value))
            }
            return .mapping(entries, at: start)
        }

        /// The key and where its value starts, for `key: value` / `key:`.
        func splitKey(_ content: String) -> (String, Int)? {
            let characters = Array(content)
            var quote: Character?
            for (offset, character) in characters.enumerated() {
                if let open = quote {
                    if character == open { quote = nil }
                    continue
                }
                if character == "\"" || character == "'" { quote = character; continue }
                if character == "{" || character == "[" { return nil }
                if character == ":" && (offset + 1 == characters.count || characters[offset + 1] == " ") {
                    var key = String(characters[..<offset]).trimmingCharacters(in: .whitespaces)
                    if key.hasPrefix("\"") && key.hasSuffix("\"") && key.count >= 2 { key = String(key.dropFirst().dropLast()) }
                    return (key, offset + 1)
                }
            }
            return nil
        }
    }

    /// One-line flow values: scalars, `"quoted"`, `[a, b]`, `{ k: v }`.
    struct Flow {
        let text: [Character]
        let line: Line
        let column: Int
        let file: String
        var position = 0

        init(text: [Character], line: Line, column: Int, file: String) {
            self.text = text
            self.line = line
            self.column = column
            self.file = file
        }

        var here: SourceLocation { SourceLocation(file: file, line: line.number, column: column + position + 1) }

        mutating func skipSpaces() { while position < text.count && text[position] == " " { position += 1 } }

        mutating func value(inFlow: Bool = false) -> SourceValue {
            skipSpaces()
            let start = here
            guard position < text.count else { return .null(at: start) }
            switch text[position] {
            case "[":
                position += 1
                var items: [SourceValue] = []
                while true {
                    skipSpaces()
                    if position < text.count && text[position] == "]" { position += 1; break }
                    items.append(value(inFlow: true))
                    skipSpaces()
                    if position < text.count && text[position] == "," { position += 1 }
                }
                return .sequence(items, at: start)
            case "{":
                position += 1
                var entries: [SourceEntry] = []
                while true {
                    skipSpaces()
                    if position < text.count && text[position] == "}" { position += 1; break }
                    let keyLocation = here
                    var key = ""
                    while position < text.count && text[position] != ":" { key.append(text[position]); position += 1 }
                    position += 1 // ':'
                    key = key.trimmingCharacters(in: .whitespaces)
                    if key.hasPrefix("\"") && key.hasSuffix("\"") { key = String(key.dropFirst().dropLast()) }
                    let item = value(inFlow: true)
                    entries.append(SourceEntry(key: key, keyLocation: keyLocation, value: item))
                    skipSpaces()
                    if position < text.count && text[position] == "," { position += 1 }
                }
                return .mapping(entries, at: start)
            case "\"", "'":
                let quote = text[position]
                position += 1
                var scalar = ""
                while position < text.count && text[position] != quote { scalar.append(text[position]); position += 1 }
                position += 1
                return .scalar(scalar, quoted: true, at: start)
            default:
                var scalar = ""
                while position < text.count {
                    let character = text[position]
                    if inFlow && (character == "," || character == "]" || character == "}") { break }
                    scalar.append(character)
                    position += 1
                }
                let trimmed = scalar.trimmingCharacters(in: .whitespaces)
                if trimmed.isEmpty || trimmed == "~" || trimmed == "null" { return .null(at: start) }
                return .scalar(trimmed, at: start)
            }
        }
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}

/// A results.csv the way the publishing layer reads it: the header's names and
/// each row's cells ("" when empty) with its line.
func csvTable(_ text: String) -> (columns: [String], rows: [(cells: [String], line: Int)]) {
    let lines = text.split(separator: "\n").map(String.init)
    let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    let rows = lines.dropFirst().enumerated().map { offset, line in
        let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        return (cells: header.indices.map { $0 < cells.count ? cells[$0] : "" }, line: offset + 2)
    }
    return (header, rows)
}
