import JixiaoCore

/// Small text helpers shared by the content readers.
enum SourceText {
    static let byteOrderMark: Unicode.Scalar = "\u{FEFF}"

    /// `text` without a leading U+FEFF.
    static func droppingBOM(_ text: String) -> String {
        text.unicodeScalars.first == byteOrderMark ? String(text.unicodeScalars.dropFirst()) : text
    }

    /// CRLF and lone CR turned into LF (line numbers are unchanged).
    static func normalizingLineEndings(_ text: String) -> String {
        guard text.utf8Contains(13) else { return text }
        var result = String.UnicodeScalarView()
        var previousCR = false
        for scalar in text.unicodeScalars {
            if scalar == "\r" {
                result.append("\n")
                previousCR = true
            } else {
                if !(scalar == "\n" && previousCR) { result.append(scalar) }
                previousCR = false
            }
        }
        return String(result)
    }

    /// Whether libyaml counts `scalar` as a line break (CR, LF, NEL, LS, PS).
    static func isYAMLBreak(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x0D, 0x85, 0x2028, 0x2029: return true
        default: return false
        }
    }

    /// The index of the scalar at a 1-based line and column, counted the way
    /// libyaml counts them (columns in Unicode scalars, CRLF is one break).
    static func index(in text: String, line: Int, column: Int) -> String.UnicodeScalarView.Index? {
        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        var currentLine = 1
        while currentLine < line {
            guard index < scalars.endIndex else { return nil }
            let scalar = scalars[index]
            index = scalars.index(after: index)
            if isYAMLBreak(scalar) {
                if scalar == "\r", index < scalars.endIndex, scalars[index] == "\n" {
                    index = scalars.index(after: index)
                }
                currentLine += 1
            }
        }
        var currentColumn = 1
        while currentColumn < column {
            guard index < scalars.endIndex, !isYAMLBreak(scalars[index]) else { return nil }
            index = scalars.index(after: index)
            currentColumn += 1
        }
        return index
    }

    /// The scalar at a 1-based line and column, if any.
    static func scalar(in text: String, line: Int, column: Int) -> Unicode.Scalar? {
        guard let index = index(in: text, line: line, column: column), index < text.unicodeScalars.endIndex else { return nil }
        let scalar = text.unicodeScalars[index]
        return isYAMLBreak(scalar) ? nil : scalar
    }

    /// The 1-based line and column of a scalar offset in `text`.
    static func position(in text: String, scalarOffset: Int) -> (line: Int, column: Int) {
        var line = 1, column = 1
        var previousCR = false
        for (offset, scalar) in text.unicodeScalars.enumerated() {
            if offset >= scalarOffset { break }
            if isYAMLBreak(scalar) {
                if !(scalar == "\n" && previousCR) { line += 1 }
                column = 1
            } else {
                column += 1
            }
            previousCR = scalar == "\r"
        }
        return (line, column)
    }
}

extension SourceValue {
    /// Equal values, ignoring where they were written: same kinds, same scalar
    /// texts and quoting, same keys in the same order.
    public func sameContent(as other: SourceValue) -> Bool {
        switch (node, other.node) {
        case (.null, .null):
            return true
        case let (.scalar(a, quotedA), .scalar(b, quotedB)):
            return a == b && quotedA == quotedB
        case let (.sequence(a), .sequence(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.sameContent(as: $1) }
        case let (.mapping(a), .mapping(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value.sameContent(as: $1.value) }
        default:
            return false
        }
    }
}
