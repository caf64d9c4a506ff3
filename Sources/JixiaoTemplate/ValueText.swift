/// The text `{{name}}` shows for a value. swift-mustache prints values with
/// `String(describing:)`; strings, integers and booleans print the same here. Lists and
/// objects (rarely meant to be printed) imitate Swift's `[Any]` and `[String: Any]`
/// descriptions, with object keys sorted so the text is stable.
enum ValueText {
    /// Appends the text of a scalar value, or the description of a list or object.
    /// `.null` shows nothing.
    static func append(_ value: TemplateValue, to output: inout String) {
        switch value {
        case .string(let string): output += string
        case .int(let int): output += String(int)
        case .bool(let bool): output += bool ? "true" : "false"
        case .list, .object, .record: appendDescription(value, to: &output)
        case .null: break
        }
    }

    /// The text of a value (used where it must be escaped first).
    static func text(_ value: TemplateValue) -> String {
        if case .string(let string) = value { return string }
        var output = ""
        append(value, to: &output)
        return output
    }

    /// Swift's description of a collection: elements in their debug form.
    private static func appendDescription(_ value: TemplateValue, to output: inout String) {
        switch value {
        case .list(let list):
            output += "["
            for (offset, element) in list.enumerated() {
                if offset > 0 { output += ", " }
                appendDebugDescription(element, to: &output)
            }
            output += "]"
        case .object, .record:
            let object = value.members ?? [:]
            guard !object.isEmpty else {
                output += "[:]"
                return
            }
            output += "["
            for (offset, key) in object.keys.sorted().enumerated() {
                if offset > 0 { output += ", " }
                appendQuoted(key, to: &output)
                output += ": "
                appendDebugDescription(object[key] ?? .null, to: &output)
            }
            output += "]"
        default:
            append(value, to: &output)
        }
    }

    private static func appendDebugDescription(_ value: TemplateValue, to output: inout String) {
        switch value {
        case .string(let string): appendQuoted(string, to: &output)
        case .null: output += "nil"
        default: appendDescription(value, to: &output)
        }
    }

    /// A string in quotes with Swift's escapes, as `String.debugDescription`.
    private static func appendQuoted(_ string: String, to output: inout String) {
        output += "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\\": output += "\\\\"
            case "'": output += "\\'"
            case "\"": output += "\\\""
            case "\0": output += "\\0"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    output += "\\u{" + String(scalar.value, radix: 16) + "}"
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }
}
