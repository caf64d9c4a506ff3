/// One worksheet's XML: title row merged across the table, frozen header row,
/// column widths that fit CJK text (a CJK character is two columns wide).
enum XLSXSheetWriter {
    /// The sheet's XML as UTF-8 bytes, handed to `flush` a few hundred kilobytes
    /// at a time (and once more at the end): a scores sheet has hundreds of
    /// thousands of cells, tens of megabytes that need never exist all at once.
    static func xml(_ sheet: XLSXWorkbook.Sheet, strings: inout SharedStrings,
                    flush: (_ bytes: [UInt8]) throws -> Void) throws {
        let columnCount = max(1, sheet.header.count, sheet.rows.map(\.count).max() ?? 0)
        let lastColumn = CellReference.columnName(columnCount - 1)
        let headerRow = sheet.title == nil ? 1 : 2
        let rowCount = headerRow + sheet.rows.count

        var xml: [UInt8] = []
        let chunkSize = 256 * 1024
        xml.reserveCapacity(chunkSize + 4096)
        xml.write(XLSXPackage.header + "<worksheet xmlns=\"\(XLSXPackage.mainNamespace)\" xmlns:r=\"\(XLSXPackage.relationshipNamespace)\">")
        xml.write("<dimension ref=\"A1:\(lastColumn)\(max(1, rowCount))\"/>")
        let firstData = "A\(headerRow + 1)"
        xml.write("<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"\(headerRow)\" topLeftCell=\"\(firstData)\" activePane=\"bottomLeft\" state=\"frozen\"/>"
            + "<selection pane=\"bottomLeft\" activeCell=\"\(firstData)\" sqref=\"\(firstData)\"/></sheetView></sheetViews>")
        xml.write("<sheetFormatPr defaultRowHeight=\"15\"/><cols>")
        let layout = Layout(sheet, columnCount: columnCount, strings: &strings)
        for column in 0..<columnCount {
            let width = layout.widths[column]
            let cap = sheet.wrapColumns.contains(column) ? 50 : 40
            let fitted = min(cap, max(6, width + 2))
            xml.write("<col min=\"\(column + 1)\" max=\"\(column + 1)\" width=\"\(fitted)\" customWidth=\"1\"/>")
        }
        xml.write("</cols><sheetData>")

        var rowNumber = 1
        var textIDs = layout.textIDs[...]
        func write(_ rows: [[XLSXWorkbook.Cell]], styles: [Int], rowAttributes: String = "") throws {
            try writeRows(rows, columnCount: styles.count, styles: styles, firstRow: rowNumber, rowAttributes: rowAttributes,
                          textIDs: &textIDs, xml: &xml, chunkSize: chunkSize, flush: flush)
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
        try write(sheet.rows, styles: (0..<columnCount).map { sheet.wrapColumns.contains($0) ? XLSXStyles.wrappedText : XLSXStyles.text })
        xml.write("</sheetData>")
        if sheet.title != nil, columnCount > 1 {
            xml.write("<mergeCells count=\"1\"><mergeCell ref=\"A1:\(lastColumn)1\"/></mergeCells>")
        }
        xml.write("<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/></worksheet>")
        try flush(xml)
    }

    /// The data rows' XML, appended to `xml` and flushed whenever it holds `chunkSize`
    /// bytes. Each cell is the same few fixed byte strings around a value, so they are
    /// laid out once in one pool and copied from there: appending arrays of bytes
    /// cell by cell spent more time counting references than writing.
    /// `styles`: each column's; `textIDs`: the ids of the text cells from here on, taken as they are used.
    private static func writeRows(_ rows: [[XLSXWorkbook.Cell]], columnCount: Int, styles: [Int], firstRow: Int,
                                  rowAttributes: String, textIDs: inout ArraySlice<Int>, xml: inout [UInt8], chunkSize: Int,
                                  flush: (_ bytes: [UInt8]) throws -> Void) throws {
        var pool: [UInt8] = []
        func add(_ text: String) -> Range<Int> {
            let start = pool.count
            pool.write(text)
            return start..<pool.count
        }
        let columnStarts = (0..<columnCount).map { add("<c r=\"" + CellReference.columnName($0)) }
        let emptyTails = styles.map { add("\" s=\"\($0)\"/>") }
        let textTails = styles.map { add("\" s=\"\($0)\" t=\"s\"><v>") }
        let numberTail = add("\" s=\"\(XLSXStyles.number)\"><v>"), integerTail = add("\" s=\"\(XLSXStyles.integer)\"><v>")
        let cellEnd = add("</v></c>"), rowStart = add("<row r=\""), rowStartEnd = add("\"\(rowAttributes)>"), rowEnd = add("</row>")
        var rowNumber = firstRow
        var digits: [UInt8] = []
        try pool.withUnsafeBytes { pool in
            for row in rows {
                digits.removeAll(keepingCapacity: true)
                digits.writeDigits(rowNumber)
                rowNumber += 1
                xml.append(contentsOf: pool[rowStart])
                xml.append(contentsOf: digits)
                xml.append(contentsOf: pool[rowStartEnd])
                for column in 0..<columnCount {
                    xml.append(contentsOf: pool[columnStarts[column]])
                    xml.append(contentsOf: digits)
                    switch column < row.count ? row[column] : .empty {
                    case .empty:
                        xml.append(contentsOf: pool[emptyTails[column]])
                        continue
                    case .text:
                        xml.append(contentsOf: pool[textTails[column]])
                        xml.writeDigits(textIDs.removeFirst())
                    case .number(let value):
                        xml.append(contentsOf: pool[numberTail])
                        xml.write(value)
                    case .integer(let value):
                        xml.append(contentsOf: pool[integerTail])
                        xml.writeDigits(value)
                    }
                    xml.append(contentsOf: pool[cellEnd])
                }
                xml.append(contentsOf: pool[rowEnd])
                if xml.count >= chunkSize {
                    try flush(xml)
                    xml.removeAll(keepingCapacity: true)
                }
            }
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
            widths = (0..<columnCount).map { $0 < sheet.header.count ? displayWidth(sheet.header[$0]) : 0 }
            if let title = sheet.title { textIDs.append(strings.id(title)) }
            for name in sheet.header.prefix(columnCount) where !name.isEmpty { textIDs.append(strings.id(name)) }
            var widthByID: [Int] = [] // -1: not measured yet
            for row in sheet.rows {
                for (column, cell) in row.prefix(columnCount).enumerated() {
                    let width: Int
                    switch cell {
                    case .text(let text):
                        let id = strings.id(text)
                        textIDs.append(id)
                        if id >= widthByID.count { widthByID += repeatElement(-1, count: id + 1 - widthByID.count) }
                        if widthByID[id] < 0 { widthByID[id] = widestLine(text) }
                        width = widthByID[id]
                    case .number(let digits): width = digits.count + 2
                    case .integer(let value): width = digitCount(value)
                    case .empty: continue
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

    /// The display width of the widest line of a text.
    static func widestLine(_ text: String) -> Int {
        var widest = 0
        var current = 0
        for scalar in text.unicodeScalars {
            if scalar == "\n" {
                widest = max(widest, current)
                current = 0
            } else {
                current += isWide(scalar) ? 2 : 1
            }
        }
        return max(widest, current)
    }

    static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
             0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}

extension Array where Element == UInt8 {
    /// Appends a text's UTF-8 bytes.
    mutating func write(_ text: String) {
        append(contentsOf: text.utf8)
    }

    /// Appends a whole number in decimal digits (without making a String of it:
    /// a scores sheet writes two for each of its million cells).
    mutating func writeDigits(_ number: Int) {
        if number < 0 { append(UInt8(ascii: "-")) }
        var magnitude = number.magnitude
        let start = count
        repeat {
            append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        self[start...].reverse()
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
