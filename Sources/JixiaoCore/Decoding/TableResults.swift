extension ResultsReader {
    /// `results.csv` from its column names and its rows' cells ("" for an empty
    /// one) with each row's line. Returns the results per unit slug.
    public static func tableResults(columns: [String], rows: [(cells: [String], line: Int)], file: String,
                                    diagnostics: inout [Diagnostic]) -> [String: UnitResults] {
        var table = TableResults(columns: columns, file: file)
        for row in rows { table.add(row.cells, line: row.line, diagnostics: &diagnostics) }
        return table.byUnit
    }

    /// The results of a table read one row at a time (see `tableResults`), so that
    /// the rows of a large results.csv need not all be kept.
    ///
    /// A row is read from its cells: the meaning of each column is looked up once
    /// for the table, and only a cell that holds something becomes a located value
    /// (a row as a mapping of every cell, read again into a mapping of the filled
    /// ones, was most of reading a large table). A cell's location is its line and
    /// column (its index + 1); the result's is the row's line.
    public struct TableResults: Sendable {
        /// Every unit's results but `current`'s.
        private var stored: [String: UnitResults] = [:]
        /// The results of the unit of the last row, kept out of `stored` while its
        /// rows come (a table lists a unit's rows together): a row is added to them
        /// without a lookup of the unit.
        private var current: UnitResults?
        private var lists = ListCells()
        /// The column names and the file (immortal: every result of the rows refers
        /// to them, see KeyLocations).
        private let columns: KeyLocations.TableColumns
        /// What each column holds (nil: a rule input; `unit` and `indicator` are not read as keys).
        private let kinds: [ReservedKey?]
        private let unitColumn: Int?
        private let indicatorColumn: Int?

        /// `columns`: the header's names (unique); `file`: the table's path.
        public init(columns: [String], file: String) {
            self.columns = KeyLocations.TableColumns(names: columns, file: file)
            kinds = columns.map { ReservedKey(rawValue: $0) }
            unitColumn = columns.firstIndex(of: "unit")
            indicatorColumn = columns.firstIndex(of: "indicator")
        }

        /// The results by unit slug.
        public var byUnit: [String: UnitResults] {
            guard let current else { return stored }
            var all = stored
            all[current.unitSlug] = current
            return all
        }

        /// A cell's text with its spaces trimmed, nil when nothing is left.
        private static func trimmedText(_ cells: [String], _ column: Int?) -> String? {
            guard let column, !cells[column].isEmpty else { return nil }
            let text = cells[column].trimmedSpaces()
            return text.isEmpty ? nil : text
        }

        /// Adds one row: `cells` has a cell for each column (and maybe empty ones after).
        public mutating func add(_ cells: [String], line: Int, diagnostics: inout [Diagnostic]) {
            let (names, file) = (columns.names, columns.file)
            let rowLocation = SourceLocation(file: file, line: line, column: 0)
            guard let unit = Self.trimmedText(cells, unitColumn), let indicator = Self.trimmedText(cells, indicatorColumn) else {
                let missing = Self.trimmedText(cells, unitColumn) == nil ? "“unit”" : "“indicator”"
                diagnostics.append(.error(at: rowLocation, "results.csv 的这一行缺少\(missing)",
                                          hint: "每行须写考核对象的 slug（unit）和指标编号（indicator）。"))
                return
            }
            var result = IndicatorResult(indicatorID: indicator, location: rowLocation)
            result.keyLocations = KeyLocations(row: columns, line: line)
            for column in names.indices where column != unitColumn && column != indicatorColumn {
                guard !cells[column].isEmpty, !cells[column].trimmedSpaces().isEmpty else { continue }
                let location = SourceLocation(file: file, line: line, column: column + 1)
                // The names are unique: no key comes twice in a row.
                result.keyLocations.fill(column: column)
                ResultsReader.read(.scalar(cells[column], at: location), key: names[column], as: kinds[column], keyLocation: location,
                                   fromTable: true, into: &result, lists: &lists, diagnostics: &diagnostics)
            }
            put(result, of: unit, firstSeenAt: rowLocation, diagnostics: &diagnostics)
        }

        /// Adds what the rows after this table's gave (a large table read in pieces
        /// at once), as if they had been added here one by one.
        public mutating func append(_ later: TableResults, diagnostics: inout [Diagnostic]) {
            for (unit, results) in later.byUnit {
                guard stored[unit] != nil || current?.unitSlug == unit else {
                    stored[unit] = results
                    continue
                }
                for result in results.scores {
                    put(result, of: unit, firstSeenAt: results.location, diagnostics: &diagnostics)
                }
            }
        }

        private mutating func put(_ result: consuming IndicatorResult, of unit: String, firstSeenAt location: SourceLocation,
                                  diagnostics: inout [Diagnostic]) {
            if current?.unitSlug != unit {
                // Moved, not copied, between `stored` and `current`.
                let rowsBefore = current?.scores.count ?? 0
                if let done = current.take() { stored[done.unitSlug] = done }
                current = stored.removeValue(forKey: unit) ?? UnitResults(unitSlug: unit, location: location)
                // Room for as many results as the unit before had: grown one at a time,
                // forty were moved six times over.
                current!.scores.reserveCapacity(rowsBefore)
            }
            if let index = current!.scores.firstIndex(where: { $0.indicatorID == result.indicatorID }) {
                current!.scores[index] = ResultsReader.merge(current!.scores[index], result, diagnostics: &diagnostics)
            } else {
                // Moved in (the parameter is consumed): a copy retained each of its texts.
                current!.scores.append(consume result)
            }
        }
    }
}
