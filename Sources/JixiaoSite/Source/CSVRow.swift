import JixiaoCore

/// One data row of a CSV table as read: its cells (trimmed, "" when empty; at
/// least as many as the header has names, any after them empty) and the row's
/// first physical line.
public struct CSVRow: Sendable {
    public var cells: [String]
    public var line: Int
}

/// The header a table's rows are read against: its column names (checked: unique,
/// none empty) and the file, for the rows' locations.
public struct CSVHeader: Sendable {
    public var names: [String]
    public var file: String

    /// The row as a mapping of column name → `.scalar(text)` (never `quoted`: CSV
    /// has no types), or `.null` for an empty cell. The mapping's location is the
    /// row's line with column 0; a cell's has column = its column index + 1.
    public func mapping(of row: CSVRow) -> SourceValue {
        var entries: [SourceEntry] = []
        entries.reserveCapacity(names.count)
        for (index, name) in names.enumerated() {
            let cell = row.cells[index]
            let location = SourceLocation(file: file, line: row.line, column: index + 1)
            let value: SourceValue = cell.isEmpty ? .null(at: location) : .scalar(cell, at: location)
            entries.append(SourceEntry(key: name, keyLocation: location, value: value))
        }
        return .mapping(entries, at: SourceLocation(file: file, line: row.line, column: 0))
    }
}
