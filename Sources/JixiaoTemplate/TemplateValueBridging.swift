/// Bridging of contexts built as Swift `Any` (the shape swift-mustache consumed).
extension TemplateValue {
    /// Converts a value built as `Any`: strings, integers, booleans, optionals of those
    /// (`nil` → `.null`), `[String: Any]` (and any other `[String: T]`), `[Any]` (and any
    /// other array, such as `[[String: Any]]` or `[String]`) and `TemplateValue` itself;
    /// anything else becomes its `String(describing:)` text.
    ///
    /// A failed cast on `Any` costs a runtime type check, and casting a collection to
    /// another collection type (`[String: String]` to `[String: Any]`) copies it. So
    /// the dynamic type is compared first with the types contexts are made of, most
    /// frequent first, and the matching exact cast is cheap; any other supported type
    /// (`[String: Int]`, `Int64`, an optional…) is found by one protocol-conformance
    /// check that dispatches to its own conversion.
    public init(any value: Any) {
        let type = Swift.type(of: value)
        if type == String.self, let string = value as? String {
            self = .string(string)
        } else if type == Int.self, let int = value as? Int {
            self = .int(int)
        } else if type == Bool.self, let bool = value as? Bool {
            self = .bool(bool)
        } else if type == [String: Any].self, let object = value as? [String: Any] {
            self = object.templateValue
        } else if type == [[String: Any]].self, let list = value as? [[String: Any]] {
            self = list.templateValue
        } else if type == [Any].self, let list = value as? [Any] {
            self = list.templateValue
        } else if type == [String].self, let list = value as? [String] {
            self = list.templateValue
        } else if let bridgeable = value as? any TemplateBridgeable {
            self = bridgeable.templateValue
        } else {
            self = .string(String(describing: value))
        }
    }
}

/// The types `TemplateValue(any:)` converts, each converting itself.
private protocol TemplateBridgeable {
    var templateValue: TemplateValue { get }
}

extension TemplateValue: TemplateBridgeable {
    fileprivate var templateValue: TemplateValue { self }
}

extension String: TemplateBridgeable {
    fileprivate var templateValue: TemplateValue { .string(self) }
}

extension Substring: TemplateBridgeable {
    fileprivate var templateValue: TemplateValue { .string(String(self)) }
}

extension Bool: TemplateBridgeable {
    fileprivate var templateValue: TemplateValue { .bool(self) }
}

extension Int: TemplateBridgeable {
    fileprivate var templateValue: TemplateValue { .int(self) }
}

/// Other integer widths; a value too large for `Int` keeps its digits as text.
private protocol OtherInteger: TemplateBridgeable, BinaryInteger {}

extension OtherInteger {
    fileprivate var templateValue: TemplateValue {
        Int(exactly: self).map(TemplateValue.int) ?? .string(String(self))
    }
}

extension Int8: OtherInteger {}
extension Int16: OtherInteger {}
extension Int32: OtherInteger {}
extension Int64: OtherInteger {}
extension UInt: OtherInteger {}
extension UInt8: OtherInteger {}
extension UInt16: OtherInteger {}
extension UInt32: OtherInteger {}
extension UInt64: OtherInteger {}

extension Optional: TemplateBridgeable {
    /// `nil` is "not there"; a wrapped value converts as itself.
    fileprivate var templateValue: TemplateValue {
        switch self {
        case .some(let wrapped): TemplateValue(any: wrapped)
        case .none: .null
        }
    }
}

extension Array: TemplateBridgeable {
    fileprivate var templateValue: TemplateValue {
        .list(map { TemplateValue(any: $0) })
    }
}

extension Dictionary: TemplateBridgeable where Key == String {
    fileprivate var templateValue: TemplateValue {
        // mapValues keeps the hash table as it is: no key is hashed again.
        .object(mapValues { TemplateValue(any: $0) })
    }
}
