import JixiaoBytes
import JixiaoCore

/// One worksheet's XML: title row merged across the table, frozen header row,
/// column widths that fit CJK text (a CJK character is two columns wide).
enum XLSXSheetWriter {
    /// The sheet's XML as UTF-8 bytes, handed to `flush` a few hundred kilobytes
    /// at a time (and once more at the end): a scores sheet has hundreds of
    /// thousands of cells, tens of megabytes that need never exist all at once.
    /// `sharedIDs`: the shared-string ids of the sheet's `sharedTexts`.
    static func xml(_ sheet: XLSXWorkbook.Sheet, strings: inout SharedStrings, sharedIDs: [Int] = [],
                    flush: (_ bytes: [UInt8]) throws -> Void) throws {
        let columnCount = self.columnCount(sheet)
        let chunkSize = 256 * 1024
        let layout = Layout(sheet, columnCount: columnCount, strings: &strings)
        var xml = ByteBuffer(capacity: chunkSize + 4096)
        writeOpening(sheet, columnCount: columnCount, widths: layout.widths, to: &xml)
        var textIDs = layout.textIDs[...]
        let firstData = try writeLeadingRows(sheet, columnCount: columnCount, numbered: true, textIDs: &textIDs,
                                             xml: &xml, chunkSize: chunkSize, flush: flush)
        try writeRows(sheet.rows, columnCount: columnCount, styles: dataStyles(sheet, columnCount: columnCount),
                      firstRow: firstData, textIDs: &textIDs, sharedIDs: sharedIDs, xml: &xml, chunkSize: chunkSize, flush: flush)
        xml.append(closing(sheet, columnCount: columnCount))
        try flush(xml.array)
    }

    static func columnCount(_ sheet: XLSXWorkbook.Sheet) -> Int {
        sheet.rows.reduce(max(1, sheet.header.count)) { max($0, $1.count) }
    }

    static func dataStyles(_ sheet: XLSXWorkbook.Sheet, columnCount: Int) -> [Int] {
        (0..<columnCount).map { sheet.wrapColumns.contains($0) ? XLSXStyles.wrappedText : XLSXStyles.text }
    }

    /// The XML before the rows: the sheet's size, the frozen header and each
    /// column's width, from the widest content `widths` found in it.
    static func writeOpening(_ sheet: XLSXWorkbook.Sheet, columnCount: Int, widths: [Int], to xml: inout ByteBuffer) {
        let lastColumn = CellReference.columnName(columnCount - 1)
        let headerRow = sheet.title == nil ? 1 : 2
        let rowCount = headerRow + sheet.rows.count
        xml.append(XLSXPackage.header + "<worksheet xmlns=\"\(XLSXPackage.mainNamespace)\" xmlns:r=\"\(XLSXPackage.relationshipNamespace)\">")
        xml.append("<dimension ref=\"A1:\(lastColumn)\(max(1, rowCount))\"/>")
        let firstData = "A\(headerRow + 1)"
        xml.append("<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"\(headerRow)\" topLeftCell=\"\(firstData)\" activePane=\"bottomLeft\" state=\"frozen\"/>"
            + "<selection pane=\"bottomLeft\" activeCell=\"\(firstData)\" sqref=\"\(firstData)\"/></sheetView></sheetViews>")
        xml.append("<sheetFormatPr defaultRowHeight=\"15\"/><cols>")
        for column in 0..<columnCount {
            let fitted = min(widthCap(sheet, column: column), max(6, widths[column] + 2))
            xml.append("<col min=\"\(column + 1)\" max=\"\(column + 1)\" width=\"\(fitted)\" customWidth=\"1\"/>")
        }
        xml.append("</cols><sheetData>")
    }

    /// The title row (if any) and the header row; returns the number of the first data row.
    static func writeLeadingRows(_ sheet: XLSXWorkbook.Sheet, columnCount: Int, numbered: Bool, textIDs: inout ArraySlice<Int>,
                                 xml: inout ByteBuffer, chunkSize: Int, flush: (_ bytes: [UInt8]) throws -> Void) throws -> Int {
        var rowNumber = 1
        func write(_ rows: [[XLSXWorkbook.Cell]], styles: [Int], rowAttributes: String = "") throws {
            try writeRows(rows, columnCount: styles.count, styles: styles, firstRow: numbered ? rowNumber : nil,
                          rowAttributes: rowAttributes, textIDs: &textIDs, xml: &xml, chunkSize: chunkSize, flush: flush)
            rowNumber += rows.count
        }
        if let title = sheet.title {
            try write([[.text(title)]], styles: [XLSXStyles.title], rowAttributes: " ht=\"28\" customHeight=\"1\"")
        }
        let header = (0..<columnCount).map { column -> XLSXWorkbook.Cell in
            let name = column < sheet.header.count ? sheet.header[column] : ""
            return name.isEmpty ? .empty : .text(name)
        }
        try write([header], styles: Array(repeating: XLSXStyles.header, count: columnCount))
        return rowNumber
    }

    /// The XML after the rows.
    static func closing(_ sheet: XLSXWorkbook.Sheet, columnCount: Int) -> String {
        var xml = "</sheetData>"
        if sheet.title != nil, columnCount > 1 {
            xml += "<mergeCells count=\"1\"><mergeCell ref=\"A1:\(CellReference.columnName(columnCount - 1))1\"/></mergeCells>"
        }
        return xml + "<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/></worksheet>"
    }

    /// The fixed byte strings around a sheet's cell values, laid out once in one
    /// pool that `writeRows` copies from. Made once for a sheet written in parts,
    /// not for each unit's rows: the pool's few dozen strings were most of a small
    /// part's allocations.
    struct RowPieces: Sendable {
        fileprivate var pool: [UInt8] = []
        fileprivate let numbered: Bool
        fileprivate var columnStarts: [Range<Int>] = [], emptyTails: [Range<Int>] = [], sharedTails: [Range<Int>] = []
        fileprivate var textTails: [Range<Int>] = [], spacedTextTails: [Range<Int>] = []
        fileprivate var numberTail = 0..<0, integerTail = 0..<0, cellEnd = 0..<0, inlineEnd = 0..<0
        fileprivate var rowStart = 0..<0, rowStartEnd = 0..<0, rowEnd = 0..<0

        /// `numbered`: rows and cells with their references (see `writeRows`).
        init(columnCount: Int, styles: [Int], numbered: Bool, rowAttributes: String = "") {
            self.numbered = numbered
            func add(_ text: String) -> Range<Int> {
                let start = pool.count
                pool.append(contentsOf: text.utf8)
                return start..<pool.count
            }
            // With a reference, a cell's attributes follow the quote that closes it.
            let close = numbered ? "\"" : ""
            columnStarts = (0..<columnCount).map { add(numbered ? "<c r=\"" + CellReference.columnName($0) : "<c") }
            emptyTails = styles.map { add("\(close) s=\"\($0)\"/>") }
            sharedTails = styles.map { add("\(close) s=\"\($0)\" t=\"s\"><v>") }
            textTails = numbered ? sharedTails : styles.map { add(" s=\"\($0)\" t=\"inlineStr\"><is><t>") }
            spacedTextTails = styles.map { add(" s=\"\($0)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">") }
            numberTail = add("\(close) s=\"\(XLSXStyles.number)\"><v>")
            integerTail = add("\(close) s=\"\(XLSXStyles.integer)\"><v>")
            cellEnd = add("</v></c>")
            inlineEnd = add("</t></is></c>")
            rowStart = add(numbered ? "<row r=\"" : "<row")
            rowStartEnd = add("\(close)\(rowAttributes)>")
            rowEnd = add("</row>")
        }
    }

    /// The data rows' XML, appended to `xml` and flushed whenever it holds `chunkSize`
    /// bytes. Each cell is the same few fixed byte strings around a value, copied from
    /// `pieces` (made here when not given): appending arrays of bytes cell by cell
    /// spent more time counting references than writing.
    /// `styles`: each column's; `textIDs`: the ids of the text cells from here on, taken as they are used;
    /// `sharedIDs`: the ids of the sheet's `sharedTexts`, for `.sharedText` cells.
    /// `firstRow`: the first row's number; nil writes rows and cells without their
    /// references (each follows the one before) and texts inline instead of shared
    /// (but for shared texts, whose ids come before any row's), so that the same
    /// rows are the same bytes wherever they are in the sheet.
    static func writeRows(_ rows: some Collection<[XLSXWorkbook.Cell]>, columnCount: Int, styles: [Int], firstRow: Int?,
                          rowAttributes: String = "", pieces given: RowPieces? = nil, textIDs: inout ArraySlice<Int>,
                          sharedIDs: [Int] = [], xml: inout ByteBuffer, chunkSize: Int,
                          flush: (_ bytes: [UInt8]) throws -> Void) throws {
        let numbered = firstRow != nil
        let pieces = given ?? RowPieces(columnCount: columnCount, styles: styles, numbered: numbered, rowAttributes: rowAttributes)
        assert(pieces.numbered == numbered && pieces.columnStarts.count == columnCount, "pieces made for these rows")
        let (columnStarts, emptyTails, sharedTails) = (pieces.columnStarts, pieces.emptyTails, pieces.sharedTails)
        let (textTails, spacedTextTails) = (pieces.textTails, pieces.spacedTextTails)
        let (numberTail, integerTail, cellEnd, inlineEnd) = (pieces.numberTail, pieces.integerTail, pieces.cellEnd, pieces.inlineEnd)
        let (rowStart, rowStartEnd, rowEnd) = (pieces.rowStart, pieces.rowStartEnd, pieces.rowEnd)
        var rowNumber = firstRow ?? 0
        // The row's number, in the row's and each cell's reference (numbered rows only).
        var digits = ByteBuffer(capacity: 24)
        try pieces.pool.withUnsafeBufferPointer { pool in
            // From a typed buffer: a slice of raw bytes was appended byte by byte.
            func put(_ piece: Range<Int>) {
                xml.append(UnsafeBufferPointer(rebasing: pool[piece]))
            }
            for row in rows {
                if numbered {
                    digits.removeAll()
                    digits.appendDigits(rowNumber)
                    rowNumber += 1
                }
                put(rowStart)
                digits.withUnsafeBytes { xml.append($0) }
                put(rowStartEnd)
                for column in 0..<columnCount {
                    put(columnStarts[column])
                    digits.withUnsafeBytes { xml.append($0) }
                    switch column < row.count ? row[column] : .empty {
                    case .empty:
                        put(emptyTails[column])
                        continue
                    case .text(let text) where !numbered:
                        put(XLSXPackage.preservesSpace(text) ? spacedTextTails[column] : textTails[column])
                        XLSXPackage.appendEscaped(text, to: &xml)
                        put(inlineEnd)
                        continue
                    case .text:
                        put(textTails[column])
                        xml.appendDigits(textIDs.removeFirst())
                    case .number(let value):
                        put(numberTail)
                        xml.append(value)
                    case .integer(let value):
                        put(integerTail)
                        xml.appendDigits(value)
                    case .sharedText(let index):
                        put(sharedTails[column])
                        xml.appendDigits(sharedIDs[index])
                    }
                    put(cellEnd)
                }
                put(rowEnd)
                if xml.count >= chunkSize {
                    try flush(xml.array)
                    xml.removeAll()
                }
            }
        }
    }

    /// The widest a column is made: wrapped text 50, anything else 40.
    static func widthCap(_ sheet: XLSXWorkbook.Sheet, column: Int) -> Int {
        sheet.wrapColumns.contains(column) ? 50 : 40
    }

    /// Each column's content width from which the column is as wide as it gets
    /// (its cap, less the margin `opening` adds): a text need not be measured
    /// beyond it, nor any cell of the column once one has reached it.
    static func fullWidths(_ sheet: XLSXWorkbook.Sheet, columnCount: Int) -> [Int] {
        (0..<columnCount).map { widthCap(sheet, column: $0) - 2 }
    }

    /// Each column's header width, where the widths of its cells start from.
    static func headerWidths(_ sheet: XLSXWorkbook.Sheet, columnCount: Int) -> [Int] {
        (0..<columnCount).map { $0 < sheet.header.count ? displayWidth(sheet.header[$0]) : 0 }
    }

    /// The columns a cell's content takes (a text's widest line); nil for an empty cell.
    /// `sharedWidths`: the widest lines of the sheet's `sharedTexts`, measured once.
    static func width(_ cell: XLSXWorkbook.Cell, sharedWidths: [Int], upTo limit: Int = widestColumn) -> Int? {
        switch cell {
        case .text(let text): widestLine(text, upTo: limit)
        case .number(let digits): digits.utf8.count + 2 // ASCII digits: bytes, not Characters, counted
        case .integer(let value): digitCount(value)
        case .sharedText(let index): sharedWidths[index]
        case .empty: nil
        }
    }

    /// What the XML needs before its rows: each column's widest content, which comes
    /// first in the XML, and the shared-string id of every text cell in the order the
    /// cells are written (the table's order of first use). Taken in one pass over the
    /// rows, so that a text's width is measured once, not at every use.
    struct Layout {
        var widths: [Int]
        var textIDs: [Int] = []

        init(_ sheet: XLSXWorkbook.Sheet, columnCount: Int, strings: inout SharedStrings) {
            widths = XLSXSheetWriter.headerWidths(sheet, columnCount: columnCount)
            if let title = sheet.title { textIDs.append(strings.id(title)) }
            for name in sheet.header.prefix(columnCount) where !name.isEmpty { textIDs.append(strings.id(name)) }
            var widthByID: [Int] = [] // -1: not measured yet
            let sharedWidths = sheet.sharedTexts.map { widestLine($0) }
            for row in sheet.rows {
                for (column, cell) in row.prefix(columnCount).enumerated() {
                    let width: Int
                    if case .text(let text) = cell {
                        let id = strings.id(text)
                        textIDs.append(id)
                        if id >= widthByID.count { widthByID += repeatElement(-1, count: id + 1 - widthByID.count) }
                        if widthByID[id] < 0 { widthByID[id] = widestLine(text) }
                        width = widthByID[id]
                    } else {
                        if case .sharedText = cell { strings.uses += 1 }
                        guard let measured = XLSXSheetWriter.width(cell, sharedWidths: sharedWidths) else { continue }
                        width = measured
                    }
                    widths[column] = max(widths[column], width)
                }
            }
        }
    }

    /// Columns a text takes in a spreadsheet: East Asian wide and full-width
    /// characters count two.
    static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + (isWide($1) ? 2 : 1) }
    }

    /// The display width of the widest line of a text, up to `limit`: no column
    /// is wider than 50, so a long text is measured only that far.
    /// Read on the UTF-8 bytes: every wide scalar takes three or four of them.
    static func widestLine(_ text: String, upTo limit: Int = widestColumn) -> Int {
        return text.withUTF8Bytes { bytes in
            var widest = 0, current = 0, index = 0
            while index < bytes.count {
                let (scalar, length) = unicodeScalar(in: bytes, at: index)
                index += length
                if scalar == 0x0A {
                    widest = max(widest, current)
                    current = 0
                } else {
                    current += isWide(scalar) ? 2 : 1
                    if current >= limit { return limit }
                }
            }
            return max(widest, current)
        }
    }

    /// More than any column's cap (see `opening`).
    static let widestColumn = 64

    static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        isWide(scalar.value)
    }

    static func isWide(_ value: UInt32) -> Bool {
        switch value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
             0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}

/// The number of characters of a whole number in decimal.
func digitCount(_ number: Int) -> Int {
    var magnitude = number.magnitude, count = number < 0 ? 2 : 1
    while magnitude >= 10 {
        magnitude /= 10
        count += 1
    }
    return count
}
