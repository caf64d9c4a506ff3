import Foundation

/// Scalars written into YAML by the importers: plain when that reads back as
/// the same string, else double-quoted with escapes.
enum YAMLText {
    static func scalar(_ text: String) -> String {
        needsQuotes(text) ? quoted(text) : text
    }

    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || scalar == "\u{FEFF}" || scalar == "\u{85}"
                    || scalar == "\u{2028}" || scalar == "\u{2029}" {
                    result += String(format: "\\u%04X", scalar.value)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    static func needsQuotes(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return true }
        if CharacterSet.whitespaces.contains(first) || CharacterSet.whitespaces.contains(last) || first == "\u{3000}" { return true }
        if "-?:,[]{}#&*!|>'\"%@`~=".unicodeScalars.contains(first) { return true }
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7F || scalar.value == 0x85 || scalar == "\u{FEFF}"
                || scalar == "\u{2028}" || scalar == "\u{2029}" { return true }
            if ",[]{}#\"'\\".unicodeScalars.contains(scalar) { return true }
        }
        if text.contains(": ") || text.hasSuffix(":") { return true }
        // Anything YAML 1.1 or 1.2 might read as a number, boolean, null or date.
        let lower = text.lowercased()
        if ["y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"].contains(lower) { return true }
        if text.range(of: #"^[-+]?\.?[0-9][0-9a-zA-Z_.:+-]*$"#, options: .regularExpression) != nil { return true }
        if lower.hasPrefix(".inf") || lower.hasPrefix("-.inf") || lower == ".nan" { return true }
        return false
    }
}
