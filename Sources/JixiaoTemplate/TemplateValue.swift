/// A value a template can show: what contexts are made of.
///
/// `.null` inside an object means "not there": a lookup continues to the enclosing
/// context exactly as if the key were absent.
public enum TemplateValue: Sendable, Equatable {
    case string(String)
    case bool(Bool)
    case int(Int)
    case list([TemplateValue])
    case object([String: TemplateValue])
    case null
}

extension TemplateValue: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
}

extension TemplateValue: ExpressibleByBooleanLiteral {
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension TemplateValue: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int) { self = .int(value) }
}

extension TemplateValue: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: TemplateValue...) { self = .list(elements) }
}

extension TemplateValue: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        // Like Dictionary(uniqueKeysWithValues:) but a repeated key keeps the last value
        // instead of trapping.
        var object: [String: TemplateValue] = [:]
        object.reserveCapacity(elements.count)
        for (key, value) in elements { object[key] = value }
        self = .object(object)
    }
}

extension TemplateValue: ExpressibleByNilLiteral {
    public init(nilLiteral: ()) { self = .null }
}

extension TemplateValue {
    public init(_ value: String) { self = .string(value) }
    public init(_ value: String?) { self = value.map(TemplateValue.string) ?? .null }
    public init(_ value: Int) { self = .int(value) }
    public init(_ value: Int?) { self = value.map(TemplateValue.int) ?? .null }
    public init(_ value: Bool) { self = .bool(value) }
}
