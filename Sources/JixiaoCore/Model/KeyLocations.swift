/// Where each key of one result was given, to catch a key given twice (in one
/// row, or in results.csv and a unit's front matter) and to point a warning at
/// the key. A result has a handful of keys and a large results table hundreds of
/// thousands of results: a list searched in order costs less than a dictionary
/// made for every row.
///
/// A results table row's keys are held without a list: the table's columns
/// (shared by its rows) and which of them the row fills. Each cell's location
/// follows from the row's line and the column, so a row's keys cost no
/// allocation, no count and nothing to free (a list per row was 400,000 lists for
/// 10,000 score cards; without them a build's peak memory is about 18 MB less).
/// Setting a key turns the row's keys into the list (a merge of two sources, rare).
public struct KeyLocations: Sendable, Sequence {
    public typealias Element = (key: String, value: SourceLocation)

    /// The keys of a results table's rows: its column names and its file.
    public final class TableColumns: Sendable {
        let names: [String]
        let file: String

        /// Made immortal (see `Immortal`): every row of the table refers to it, and the
        /// results of all units are read on every core. The pieces of a table read at
        /// once share its names; the runtime marks an object immortal with a
        /// compare-and-swap of its count, so two pieces marking them at once is safe.
        public init(names: [String], file: String) {
            self.names = names
            self.file = file
            Immortal.make(self)
            Immortal.make(names)
            Immortal.make(file)
        }
    }

    /// A row's filled columns, one bit each (the first 64 columns; any after them go
    /// into `entries`).
    private var row: (columns: TableColumns, line: Int, filled: UInt64)?
    private var entries: [Element] = []

    public init() {}

    /// Room for `capacity` keys at once: grown one key at a time, a row's list was
    /// allocated three or four times over.
    public init(capacity: Int) {
        entries.reserveCapacity(capacity)
    }

    /// The keys of the results table row on `line`, none filled yet.
    public init(row columns: TableColumns, line: Int) {
        row = (columns, line, 0)
    }

    /// Adds the column `index` of the row (see `init(row:line:)`), not added before.
    public mutating func fill(column index: Int) {
        guard let (columns, line, filled) = row else { return }
        if index < UInt64.bitWidth {
            row = (columns, line, filled | 1 << UInt64(index))
        } else {
            entries.append((columns.names[index], SourceLocation(file: columns.file, line: line, column: index + 1)))
        }
    }

    /// The place `key` was given; setting it replaces an earlier place (or adds one).
    public subscript(key: String) -> SourceLocation? {
        get {
            if let (columns, line, filled) = row, let index = columns.names.firstIndex(of: key), index < UInt64.bitWidth,
               filled & 1 << UInt64(index) != 0 {
                return SourceLocation(file: columns.file, line: line, column: index + 1)
            }
            return entries.first { $0.key == key }?.value
        }
        set {
            if row != nil {
                entries = all
                row = nil
            }
            let index = entries.firstIndex { $0.key == key }
            switch (index, newValue) {
            case (let index?, let location?): entries[index].value = location
            case (let index?, nil): entries.remove(at: index)
            case (nil, let location?): entries.append((key, location))
            case (nil, nil): break
            }
        }
    }

    public var count: Int { (row?.filled.nonzeroBitCount ?? 0) + entries.count }

    /// Every key with its place, in the order given (a row's in the order of its columns).
    private var all: [Element] {
        guard let (columns, line, filled) = row else { return entries }
        var all: [Element] = []
        for index in columns.names.indices.prefix(UInt64.bitWidth) where filled & 1 << UInt64(index) != 0 {
            all.append((columns.names[index], SourceLocation(file: columns.file, line: line, column: index + 1)))
        }
        return all + entries
    }

    public func makeIterator() -> IndexingIterator<[Element]> { all.makeIterator() }
}
