import Foundation

/// What one spreadsheet cell holds, as the file stores it.
public enum CellValue: Sendable, Hashable {
    case empty
    case text(String)
    /// An exact decimal read from the stored digits (never through Double), with
    /// its canonical text ("0.1", "40", "2.5").
    case number(Decimal, text: String)
    case boolean(Bool)
    /// An error value such as `#DIV/0!` or `#N/A`.
    case error(String)
    /// A date or time stored as a serial number with a date number format; `text`
    /// is its ISO form ("2019-08-22" or "2019-08-22 10:30:00").
    case date(serial: Decimal, text: String)

    /// The cell as text: what the import writes when it needs a string.
    public var text: String {
        switch self {
        case .empty: ""
        case .text(let text): text
        case .number(_, let text): text
        case .boolean(let value): value ? "TRUE" : "FALSE"
        case .error(let code): code
        case .date(_, let text): text
        }
    }

    /// Trimmed text; empty for an empty cell or whitespace only.
    public var trimmed: String {
        text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    public var isBlank: Bool { trimmed.isEmpty }
}
