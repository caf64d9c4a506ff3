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
    /// An object whose member names are its shape's, in order: the many objects of
    /// one shape (the rows of a table) share their names, and each is made without
    /// hashing them. It shows, looks up and hashes as the `.object` of the same members.
    case record(TemplateShape, [TemplateValue])
    case null
}

/// The member names of `.record` values, shared by every record of one shape.
public final class TemplateShape: Sendable, Equatable {
    public let names: [String]
    let positions: [String: Int]

    public init(_ names: [String]) {
        positions = Dictionary(names.enumerated().map { ($1, $0) }) { first, _ in
            preconditionFailure("a shape names each member once")
        }
        self.names = names
    }

    /// A record of this shape from its members in the shape's order (checked in
    /// debug builds, so that a member out of order is found by the tests).
    public func record(_ members: KeyValuePairs<String, TemplateValue>) -> TemplateValue {
        assert(members.map(\.key) == names, "members in the shape's order")
        return .record(self, members.map(\.value))
    }

    /// A record of this shape from its members' values in the shape's order: the
    /// values are moved into the record, not copied out of name–value pairs (a card
    /// makes one per row of its table). The count is checked in debug builds.
    public func record(values: [TemplateValue]) -> TemplateValue {
        assert(values.count == names.count, "a value for each member of the shape")
        return .record(self, values)
    }

    public static func == (a: TemplateShape, b: TemplateShape) -> Bool { a === b || a.names == b.names }
}

extension TemplateValue {
    /// The members of an object or a record; nil for any other value.
    public var members: [String: TemplateValue]? {
        switch self {
        case .object(let object): object
        case .record(let shape, let values): Dictionary(uniqueKeysWithValues: zip(shape.names, values))
        default: nil
        }
    }
}

extension TemplateValue {
    /// One member of an object or a record, as `members` has it; nil for any
    /// other value. Set: an object gains the member, a record only changes one its
    /// shape names (it cannot gain any), anything else stays as it is.
    public subscript(member name: String) -> TemplateValue? {
        get {
            switch self {
            case .object(let object): object[name]
            case .record(let shape, let values): shape.positions[name].map { values[$0] }
            default: nil
            }
        }
        set {
            switch self {
            case .object(var object):
                self = .null // the one reference to the members while they change
                object[name] = newValue
                self = .object(object)
            case .record(let shape, var values):
                guard let position = shape.positions[name] else { return }
                self = .null
                values[position] = newValue ?? .null
                self = .record(shape, values)
            default:
                break
            }
        }
    }
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
