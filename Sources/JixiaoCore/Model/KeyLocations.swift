/// Where each key of one result was given, to catch a key given twice (in one
/// row, or in results.csv and a unit's front matter) and to point a warning at
/// the key. A result has a handful of keys and a large results table hundreds of
/// thousands of results: a list searched in order costs less than a dictionary
/// made for every row.
public struct KeyLocations: Sendable, Sequence {
    public typealias Element = (key: String, value: SourceLocation)

    private var entries: [Element] = []

    public init() {}

    /// Room for `capacity` keys at once: grown one key at a time, a row's list was
    /// allocated three or four times over.
    public init(capacity: Int) {
        entries.reserveCapacity(capacity)
    }

    /// The place `key` was given; setting it replaces an earlier place (or adds one).
    public subscript(key: String) -> SourceLocation? {
        get { entries.first { $0.key == key }?.value }
        set {
            let index = entries.firstIndex { $0.key == key }
            switch (index, newValue) {
            case (let index?, let location?): entries[index].value = location
            case (let index?, nil): entries.remove(at: index)
            case (nil, let location?): entries.append((key, location))
            case (nil, nil): break
            }
        }
    }

    /// Adds `key`, known not to be here yet (a table's columns have unique names).
    public mutating func appendNew(_ key: String, _ location: SourceLocation) {
        entries.append((key, location))
    }

    public var count: Int { entries.count }

    public func makeIterator() -> IndexingIterator<[Element]> { entries.makeIterator() }
}
