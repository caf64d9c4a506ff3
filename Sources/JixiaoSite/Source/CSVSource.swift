import Foundation
import JixiaoCore

/// Reads a CSV file (the way offices keep Excel sheets) into one mapping per row.
///
/// - Text is strict UTF-8 (a BOM is dropped); a file that is not valid UTF-8 is
///   read as GB18030 (what Excel writes on Chinese Windows). UTF-16 is refused.
/// - The first row is the header: names are trimmed, must be unique and not
///   empty (trailing empty header cells are ignored).
/// - Each row becomes a `.mapping` of column name → `.scalar(text)` (never
///   `quoted`: CSV has no types), or `.null` for an empty cell. Spaces around a
///   cell are trimmed. Rows whose cells are all empty are skipped.
/// - Locations: the row's first physical line (the header is line 1; quoted
///   line breaks are counted) and, for a cell, column = its column index + 1.
///   The row mapping itself has column 0.
/// - A row with more non-empty cells than the header, or fewer cells, an
///   unterminated quote and text after a closing quote are errors.
public enum CSVSource {
    public static func parse(data: Data, file: String) throws(DiagnosticsError) -> [SourceValue] {
        try parse(text: decode(data, file: file), file: file)
    }

    /// The rows of text already decoded (see `decode`).
    public static func parse(text: String, file: String) throws(DiagnosticsError) -> [SourceValue] {
        var rows: [SourceValue] = []
        try forEachRow(text: text, file: file) { rows.append($0) }
        return rows
    }

    /// Hands each row to `body` as it is read, so that a large table's rows need
    /// not all exist at once. Errors are thrown once the whole text is read (or at
    /// the first that stops reading): rows handed over before then are to be
    /// discarded with whatever was made of them.
    public static func forEachRow(text: String, file: String, _ body: (SourceValue) -> Void) throws(DiagnosticsError) {
        var reader = CSVRowReader(text, file: file)
        let header = CSVHeader(names: try readHeader(&reader, isBlank: text.allSatisfy(\.isWhitespace)), file: file)
        let diagnostics = try readRows(&reader, columns: header.names.count, rowsBefore: 0) {
            body(header.mapping(of: $0))
        }
        if !diagnostics.isEmpty { throw DiagnosticsError(diagnostics) }
    }

    /// `forEachRow` on every core for a large table, each row as its cells (a reader
    /// that needs no located value per cell, such as the results table's, takes
    /// them as they are; `CSVHeader.mapping` gives the row's mapping). The rows are
    /// cut into pieces read at once, each into its own `Part` (made by `makePart`
    /// from the header, whose `file` is a copy of the piece's own), and the parts
    /// come back in the order of the text, so that taking them in turn is taking
    /// the rows in turn. Errors are the ones `forEachRow` would throw.
    public static func forEachRow<Part: Sendable>(text: String, file: String,
                                                  into makePart: @Sendable (CSVHeader) -> Part,
                                                  _ body: @Sendable (inout Part, CSVRow) -> Void) throws(DiagnosticsError) -> [Part] {
        let bytes = Array(text.utf8)
        var reader = CSVRowReader(bytes, file: file)
        let names = try readHeader(&reader, isBlank: text.allSatisfy(\.isWhitespace))
        let start = reader.place
        let pieces = CSVRowReader.pieces(of: bytes, count: ProcessInfo.processInfo.activeProcessorCount * piecesPerCore,
                                         from: start.offset, line: start.line)
        guard !pieces.isEmpty else {
            var part = makePart(CSVHeader(names: names, file: file))
            let diagnostics = try readRows(&reader, columns: names.count, rowsBefore: 0) { body(&part, $0) }
            if !diagnostics.isEmpty { throw DiagnosticsError(diagnostics) }
            return [part]
        }
        // Without quotes a row is one line, so a piece's row numbers follow from its first line.
        let outcomes = pieces.concurrentMap { piece -> Result<(Part, [Diagnostic]), DiagnosticsError> in
            // Each piece's locations hold a copy of the path of their own: every cell's
            // location retains it, and one string shared by the cores bounced between them.
            let ownFile = String(decoding: Array(file.utf8), as: UTF8.self)
            var reader = CSVRowReader(bytes, range: piece.range, line: piece.line, file: ownFile)
            var part = makePart(CSVHeader(names: names, file: ownFile))
            do throws(DiagnosticsError) {
                let diagnostics = try readRows(&reader, columns: names.count,
                                               rowsBefore: piece.line - start.line) { body(&part, $0) }
                return .success((part, diagnostics))
            } catch {
                return .failure(error)
            }
        }
        var parts: [Part] = []
        var diagnostics: [Diagnostic] = []
        for outcome in outcomes {
            // The first piece that stops reading stops it, as in one pass.
            let (part, found) = try outcome.get()
            parts.append(part)
            diagnostics += found
        }
        if !diagnostics.isEmpty { throw DiagnosticsError(diagnostics) }
        return parts
    }

    /// Several pieces per core: a core done with its pieces (or with other work:
    /// a table is read while the evaluation before it is scored) takes more,
    /// instead of leaving the other core alone with the rest of one half.
    static let piecesPerCore = 4

    /// The header row's names, checked.
    private static func readHeader(_ reader: inout CSVRowReader, isBlank: Bool) throws(DiagnosticsError) -> [String] {
        let file = reader.file
        let start = SourceLocation(file: file, line: 1, column: 0)
        guard !isBlank, let (headerRow, _) = try reader.next() else {
            throw DiagnosticsError([.error(at: start, "CSV 文件是空的", hint: "第一行写表头，例如 unit,indicator,score。")])
        }
        var header = headerRow.map { $0.trimmedSpaces() }
        while header.last == "" { header.removeLast() }
        var diagnostics: [Diagnostic] = []
        var seen: [String: Int] = [:]
        for (index, name) in header.enumerated() {
            let location = SourceLocation(file: file, line: 1, column: index + 1)
            if name.isEmpty {
                diagnostics.append(.error(at: location, "表头第 \(index + 1) 列没有名称",
                                          hint: "每一列都要有表头名称，例如 unit、indicator、score。"))
            } else if let first = seen[name] {
                diagnostics.append(.error(at: location, "表头“\(name)”重复（第 \(first + 1) 列和第 \(index + 1) 列）",
                                          hint: "每个列名只能出现一次。"))
            } else {
                seen[name] = index
            }
        }
        if header.isEmpty {
            diagnostics.append(.error(at: start, "CSV 表头是空的", hint: "第一行写表头，例如 unit,indicator,score。"))
        }
        if !diagnostics.isEmpty { throw DiagnosticsError(diagnostics) }
        return header
    }

    /// Reads the reader's rows after the header (`rowsBefore` rows came before
    /// them), handing each that has as many cells as the header's `columns` and
    /// something in them to `body`; returns the other rows' errors.
    private static func readRows(_ reader: inout CSVRowReader, columns: Int, rowsBefore: Int,
                                 _ body: (CSVRow) -> Void) throws(DiagnosticsError) -> [Diagnostic] {
        let file = reader.file
        var diagnostics: [Diagnostic] = []
        var rowNumber = rowsBefore
        while let (cells, rowLine) = try reader.next() {
            rowNumber += 1
            if cells.allSatisfy(\.isEmpty) { continue }
            if cells.count < columns {
                diagnostics.append(.error(at: SourceLocation(file: file, line: rowLine, column: 0),
                                          "第 \(rowNumber) 条数据（第 \(rowLine) 行）只有 \(cells.count) 列，表头有 \(columns) 列",
                                          hint: "每一行的列数要与表头相同；空的单元格也要保留逗号。"))
                continue
            }
            if let extra = cells[columns...].firstIndex(where: { !$0.isEmpty }) {
                diagnostics.append(.error(at: SourceLocation(file: file, line: rowLine, column: extra + 1),
                                          "第 \(rowNumber) 条数据（第 \(rowLine) 行）有 \(cells.count) 列，多于表头的 \(columns) 列",
                                          hint: "检查这一行是否多了逗号；单元格内含逗号时要用英文双引号把整个单元格括起来。"))
                continue
            }
            body(CSVRow(cells: cells, line: rowLine))
        }
        return diagnostics
    }

    // MARK: Encoding

    /// GB18030 (`kCFStringEncodingGB_18030_2000` = 0x0632 as an NSStringEncoding).
    static let gb18030 = String.Encoding(rawValue: 0x8000_0632)

    /// Strict UTF-8 (BOM dropped), else GB18030.
    public static func decode(_ data: Data, file: String) throws(DiagnosticsError) -> String {
        var bytes = data[...]
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            throw DiagnosticsError([.error(at: SourceLocation(file: file, line: 1), "CSV 文件是 UTF-16 编码，无法读取",
                                           hint: "在 Excel 中另存为“CSV UTF-8（逗号分隔）”。")])
        }
        let hasBOM = bytes.starts(with: [0xEF, 0xBB, 0xBF])
        if hasBOM { bytes = bytes.dropFirst(3) }
        if let text = String(validating: bytes, as: UTF8.self) {
            return text
        }
        if !hasBOM, let text = String(data: Data(bytes), encoding: gb18030), !text.unicodeScalars.contains("\u{FFFD}") {
            return text
        }
        throw DiagnosticsError([.error(at: SourceLocation(file: file, line: 1), "CSV 文件既不是 UTF-8 也不是 GB18030 编码",
                                       hint: "在 Excel 中另存为“CSV UTF-8（逗号分隔）”。")])
    }
}
