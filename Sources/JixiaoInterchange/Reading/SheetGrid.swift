import Foundation
import JixiaoCore

/// One sheet read from an XLSX or CSV file: a rectangle of cells with the merged
/// ranges, and the way to name a cell in a diagnostic.
public struct SheetGrid: Sendable {
    /// The file as the user named it, e.g. "考核表.xlsx".
    public var file: String
    /// The sheet name (nil for CSV).
    public var sheet: String?
    /// Row-major; every row has `columnCount` cells.
    public var rows: [[CellValue]]
    /// For each row, its number in the file: the spreadsheet row (XLSX) or the
    /// physical line (CSV).
    public var rowNumbers: [Int]
    public var merges: [MergedRange]

    public struct MergedRange: Sendable, Hashable {
        /// 0-based, inclusive, in grid coordinates.
        public var firstRow: Int
        public var firstColumn: Int
        public var lastRow: Int
        public var lastColumn: Int

        public func contains(row: Int, column: Int) -> Bool {
            row >= firstRow && row <= lastRow && column >= firstColumn && column <= lastColumn
        }
    }

    public init(file: String, sheet: String?, rows: [[CellValue]], rowNumbers: [Int], merges: [MergedRange] = []) {
        let width = rows.map(\.count).max() ?? 0
        self.file = file
        self.sheet = sheet
        self.rows = rows.map { $0 + Array(repeating: .empty, count: width - $0.count) }
        self.rowNumbers = rowNumbers
        self.merges = merges
    }

    public var columnCount: Int { rows.first?.count ?? 0 }

    public func cell(_ row: Int, _ column: Int) -> CellValue {
        guard row >= 0, row < rows.count, column >= 0, column < rows[row].count else { return .empty }
        return rows[row][column]
    }

    /// The merged range a cell lies in, if any.
    public func merge(containing row: Int, _ column: Int) -> MergedRange? {
        merges.first { $0.contains(row: row, column: column) }
    }

    /// True when the cell is covered by a merged range it does not start.
    public func isMergeContinuation(_ row: Int, _ column: Int) -> Bool {
        guard let range = merge(containing: row, column) else { return false }
        return range.firstRow != row || range.firstColumn != column
    }

    /// The cell's value as shown: a merged range shows its first cell everywhere.
    public func shownCell(_ row: Int, _ column: Int) -> CellValue {
        if let range = merge(containing: row, column) { return cell(range.firstRow, range.firstColumn) }
        return cell(row, column)
    }

    /// `考核表.xlsx:Sheet1!C12` for XLSX, `file.csv:12:3` for CSV.
    public func location(_ row: Int, _ column: Int? = nil) -> SourceLocation {
        let number = row >= 0 && row < rowNumbers.count ? rowNumbers[row] : (rowNumbers.last ?? 0) + 1
        if let sheet {
            let reference = (column.map(CellReference.columnName) ?? "") + "\(number)"
            return SourceLocation(file: "\(file):\(sheet)!\(reference)")
        }
        return SourceLocation(file: file, line: number, column: column.map { $0 + 1 } ?? 0)
    }
}
