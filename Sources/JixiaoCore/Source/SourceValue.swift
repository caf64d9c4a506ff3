/// A value read from a content file (YAML, JSON front matter, CSV), before it is
/// given a meaning. Every value keeps the place it came from, so that any later
/// check can say "file:line:col" to the person who wrote it.
///
/// Scalars keep their source text: numbers become exact decimals only when a
/// typed reader asks for one, never binary floating point on the way.
public struct SourceValue: Sendable, Hashable {
    public enum Node: Sendable, Hashable {
        case null
        /// The scalar's text as written; `quoted` is true when the author quoted it
        /// (so `"1"` is the text 1, not the number 1).
        case scalar(String, quoted: Bool)
        case sequence([SourceValue])
        /// Keys in the order written; duplicate keys are rejected by the readers.
        case mapping([SourceEntry])
    }

    public var node: Node
    public var location: SourceLocation

    public init(_ node: Node, at location: SourceLocation) {
        self.node = node
        self.location = location
    }

    public static func scalar(_ text: String, quoted: Bool = false, at location: SourceLocation) -> SourceValue {
        SourceValue(.scalar(text, quoted: quoted), at: location)
    }

    public static func mapping(_ entries: [SourceEntry], at location: SourceLocation) -> SourceValue {
        SourceValue(.mapping(entries), at: location)
    }

    public static func sequence(_ items: [SourceValue], at location: SourceLocation) -> SourceValue {
        SourceValue(.sequence(items), at: location)
    }

    public static func null(at location: SourceLocation) -> SourceValue {
        SourceValue(.null, at: location)
    }

    /// The entry for `key` when this is a mapping.
    public subscript(key: String) -> SourceValue? {
        entry(key)?.value
    }

    public func entry(_ key: String) -> SourceEntry? {
        guard case .mapping(let entries) = node else { return nil }
        return entries.first { $0.key == key }
    }

    public var entries: [SourceEntry]? {
        if case .mapping(let entries) = node { return entries }
        return nil
    }

    public var items: [SourceValue]? {
        if case .sequence(let items) = node { return items }
        return nil
    }

    /// The scalar text, or nil for anything else.
    public var text: String? {
        if case .scalar(let text, _) = node { return text }
        return nil
    }

    public var isNull: Bool {
        if case .null = node { return true }
        return false
    }
}

public struct SourceEntry: Sendable, Hashable {
    public var key: String
    public var keyLocation: SourceLocation
    public var value: SourceValue

    public init(key: String, keyLocation: SourceLocation, value: SourceValue) {
        self.key = key
        self.keyLocation = keyLocation
        self.value = value
    }
}
