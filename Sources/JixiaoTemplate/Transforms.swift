/// The transforms swift-mustache offers (`{{uppercased(name)}}`, `{{#first()}}`…),
/// resolved from their names once at parse time. A transform a value does not
/// support gives no value, so the tag renders nothing (and a section is skipped).
enum Transform: Sendable {
    // Lists, and the position in a list being iterated
    case first, last, index, even, odd
    // Lists and objects
    case count, empty, reversed, sorted, enumerated
    // Strings
    case capitalized, lowercased, uppercased
    // Integers
    case equalzero, plusone, minusone
    /// A name no value supports.
    case unknown

    init(name: String) {
        switch name {
        case "first": self = .first
        case "last": self = .last
        case "index": self = .index
        case "even": self = .even
        case "odd": self = .odd
        case "count": self = .count
        case "empty": self = .empty
        case "reversed": self = .reversed
        case "sorted": self = .sorted
        case "enumerated": self = .enumerated
        case "capitalized": self = .capitalized
        case "lowercased": self = .lowercased
        case "uppercased": self = .uppercased
        case "equalzero": self = .equalzero
        case "plusone": self = .plusone
        case "minusone": self = .minusone
        default: self = .unknown
        }
    }

    /// Applies the transform to a value; nil when the value does not support it.
    func apply(to value: TemplateValue) -> TemplateValue? {
        switch value {
        case .string(let string): return apply(to: string)
        case .int(let int): return apply(to: int)
        case .list(let list): return apply(to: list)
        case .object(let object): return apply(to: object)
        case .record: return apply(to: value.members ?? [:])
        case .bool, .null: return nil
        }
    }

    /// The transforms of the position in a list (`first()`, `last()`, `index()`,
    /// `even()`, `odd()`).
    func apply(to position: ListPosition) -> TemplateValue? {
        switch self {
        case .first: return .bool(position.isFirst)
        case .last: return .bool(position.isLast)
        case .index: return .int(position.index)
        case .even: return .bool(position.index & 1 == 0)
        case .odd: return .bool(position.index & 1 == 1)
        default: return nil
        }
    }

    private func apply(to string: String) -> TemplateValue? {
        switch self {
        case .empty: return .bool(string.isEmpty)
        case .capitalized: return .string(Capitalization.capitalized(string))
        case .lowercased: return .string(string.lowercased())
        case .uppercased: return .string(string.uppercased())
        case .reversed: return .string(String(string.reversed()))
        default: return nil
        }
    }

    private func apply(to int: Int) -> TemplateValue? {
        switch self {
        case .equalzero: return .bool(int == 0)
        case .plusone:
            // An overflow gives no value rather than trapping.
            let (result, overflow) = int.addingReportingOverflow(1)
            return overflow ? nil : .int(result)
        case .minusone:
            let (result, overflow) = int.subtractingReportingOverflow(1)
            return overflow ? nil : .int(result)
        case .even: return .bool(int & 1 == 0)
        case .odd: return .bool(int & 1 == 1)
        default: return nil
        }
    }

    private func apply(to list: [TemplateValue]) -> TemplateValue? {
        switch self {
        case .first: return list.first
        case .last: return list.last
        case .reversed: return .list(list.reversed())
        case .count: return .int(list.count)
        case .empty: return .bool(list.isEmpty)
        case .sorted:
            // swift-mustache sorts only lists of comparable elements: all strings or all ints.
            if let strings = Self.strings(list) {
                return .list(strings.sorted().map(TemplateValue.string))
            }
            if let ints = Self.ints(list) {
                return .list(ints.sorted().map(TemplateValue.int))
            }
            return nil
        default: return nil
        }
    }

    private func apply(to object: [String: TemplateValue]) -> TemplateValue? {
        switch self {
        case .count: return .int(object.count)
        case .empty: return .bool(object.isEmpty)
        case .enumerated, .sorted:
            // A list of `key`, `value` pairs. swift-mustache gives `enumerated()` in
            // dictionary order, which changes from run to run; sorting keeps pages stable.
            return .list(object.keys.sorted().map { key in
                .object(["key": .string(key), "value": object[key] ?? .null])
            })
        default: return nil
        }
    }

    private static func strings(_ list: [TemplateValue]) -> [String]? {
        var strings: [String] = []
        strings.reserveCapacity(list.count)
        for element in list {
            guard case .string(let string) = element else { return nil }
            strings.append(string)
        }
        return strings
    }

    private static func ints(_ list: [TemplateValue]) -> [Int]? {
        var ints: [Int] = []
        ints.reserveCapacity(list.count)
        for element in list {
            guard case .int(let int) = element else { return nil }
            ints.append(int)
        }
        return ints
    }
}

/// Where the current element is in the list a section iterates.
struct ListPosition: Sendable {
    var isFirst: Bool
    var isLast: Bool
    var index: Int
}
