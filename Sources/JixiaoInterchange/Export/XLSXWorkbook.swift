import Foundation
import JixiaoSite

/// A workbook to write: sheets of a title row (merged across the table), a
/// styled header row that stays in view (frozen), and data rows.
/// (Its `fingerprint`, in SpreadsheetDownloads.swift, hashes every property:
/// a new one goes there too.)
public struct XLSXWorkbook: Sendable {
    public enum Cell: Sendable, Hashable {
        case empty
        case text(String)
        /// An exact decimal's text ("92.35"), written as a number shown with the
        /// workbook's decimals.
        case number(String)
        /// A whole number (rank, level), shown without decimals.
        case integer(Int)
        /// The text at this place in the sheet's `sharedTexts`.
        case sharedText(Int)
    }

    public struct Sheet: Sendable {
        public var name: String
        public var title: String?
        public var header: [String]
        public var rows: [[Cell]]
        /// Columns of long text (criteria, computations): wrapped, capped width.
        public var wrapColumns: Set<Int>

        /// The rows in groups of these sizes, one group per unit, in order (the
        /// scores sheet): each group is written on its own, so that a later build
        /// copies an unchanged unit's rows (see XLSXSheetParts). Their sum is the
        /// number of rows.
        public var groupSizes: [Int]?

        /// How many consecutive groups are written and compressed as one segment. A
        /// unit's rows alone (16 KB of a scores sheet) compress with little history:
        /// with sixteen units a segment, a year of 2,000 units' scores.xlsx is 2.96 MB
        /// instead of 4.17 MB. An edit makes and compresses the rows of its unit's
        /// segment again, its neighbours' too: about a millisecond.
        public var groupsPerSegment = 16

        /// Makes a group's rows when the sheet is written in parts, `rows` holding
        /// that many empty rows in their place: an incremental build copies most
        /// groups from the previous file and makes the cells of none of them (the
        /// scores of 2,000 units, of which an edit changed one). A group's rows must
        /// have no more cells than the header, so the sheet's columns are known before.
        public var makeGroup: (@Sendable (_ group: Int) -> [[Cell]])?

        /// Texts that many rows repeat (a scores sheet's unit and indicator names),
        /// for `.sharedText` cells: each is written once, at the head of the workbook's
        /// shared string table, and a row holds its number there. Inline in every row
        /// of a sheet written in parts, they were a third of its bytes.
        public var sharedTexts: [String] = []

        public init(name: String, title: String?, header: [String], rows: [[Cell]], wrapColumns: Set<Int> = [],
                    groupSizes: [Int]? = nil) {
            self.name = name
            self.title = title
            self.header = header
            self.rows = rows
            self.wrapColumns = wrapColumns
            self.groupSizes = groupSizes.flatMap { $0.reduce(0, +) == rows.count && $0.allSatisfy { $0 >= 0 } ? $0 : nil }
        }
    }

    public var sheets: [Sheet]
    /// Decimals of `.number` cells (the evaluation's precision).
    public var precision: Int

    public init(sheets: [Sheet], precision: Int) {
        self.sheets = sheets
        self.precision = precision
    }

    /// The .xlsx bytes: the same workbook always gives the same bytes.
    public func data() throws -> Data {
        try XLSXPackage.write(self)
    }

    /// The same bytes, with the parts of its grouped sheets (see XLSXSheetParts):
    /// `keys` are the groups' unit keys, `previous` the file they may be copied from.
    public func data(keys: [String], previous: PreviousDownload?) throws -> (data: Data, parts: [DownloadPart]) {
        try XLSXPackage.write(self, keys: keys, previous: previous)
    }
}
