/// One worksheet's XML: title row merged across the table, frozen header row,
/// column widths that fit CJK text (a CJK character is two columns wide).
enum XLSXSheetWriter {
    static func xml(_ sheet: XLSXWorkbook.Sheet, strings: inout SharedStrings) -> String {
        let columnCount = max(1, sheet.header.count, sheet.rows.map(\.count).max() ?? 0)
        let lastColumn = CellReference.columnName(columnCount - 1)
        // Column letters once, and every cell appended in place: a scores sheet has
        // hundreds of thousands of cells.
        let columnNames = (0..<columnCount).map(CellReference.columnName)
        var rowNumber = 0 {
            didSet { rowText = String(rowNumber) }
        }
        var rowText = "0"
        var data = ""
        data.reserveCapacity(64 * columnCount * (sheet.rows.count + 2))
        // The fixed text after a cell reference, per style, made once.
        var emptyTails: [Int: String] = [:], textTails: [Int: String] = [:]
        let numberTail = "\" s=\"\(XLSXStyles.number)\"><v>", integerTail = "\" s=\"\(XLSXStyles.integer)\"><v>"
        func cell(_ column: Int, _ value: XLSXWorkbook.Cell, style: Int) {
            data += "<c r=\""
            data += columnNames[column]
            data += rowText
            switch value {
            case .empty:
                data += emptyTails[style] ?? { emptyTails[style] = "\" s=\"\(style)\"/>"; return emptyTails[style]! }()
            case .text(let text):
                data += textTails[style] ?? { textTails[style] = "\" s=\"\(style)\" t=\"s\"><v>"; return textTails[style]! }()
                data += String(strings.id(text))
                data += "</v></c>"
            case .number(let digits):
                data += numberTail
                data += digits
                data += "</v></c>"
            case .integer(let value):
                data += integerTail
                data += String(value)
                data += "</v></c>"
            }
        }
        if let title = sheet.title {
            rowNumber += 1
            data += "<row r=\"\(rowNumber)\" ht=\"28\" customHeight=\"1\">"
            cell(0, .text(title), style: XLSXStyles.title)
            data += "</row>"
        }
        rowNumber += 1
        data += "<row r=\"\(rowNumber)\">"
        for column in 0..<columnCount {
            let name = column < sheet.header.count ? sheet.header[column] : ""
            cell(column, name.isEmpty ? .empty : .text(name), style: XLSXStyles.header)
        }
        data += "</row>"
        let headerRow = rowNumber
        let styles = (0..<columnCount).map { sheet.wrapColumns.contains($0) ? XLSXStyles.wrappedText : XLSXStyles.text }
        for row in sheet.rows {
            rowNumber += 1
            data += "<row r=\""
            data += rowText
            data += "\">"
            for column in 0..<columnCount {
                cell(column, column < row.count ? row[column] : .empty, style: styles[column])
            }
            data += "</row>"
        }

        var xml = XLSXPackage.header + "<worksheet xmlns=\"\(XLSXPackage.mainNamespace)\" xmlns:r=\"\(XLSXPackage.relationshipNamespace)\">"
        xml += "<dimension ref=\"A1:\(lastColumn)\(max(1, rowNumber))\"/>"
        let firstData = "A\(headerRow + 1)"
        xml += "<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"\(headerRow)\" topLeftCell=\"\(firstData)\" activePane=\"bottomLeft\" state=\"frozen\"/>"
            + "<selection pane=\"bottomLeft\" activeCell=\"\(firstData)\" sqref=\"\(firstData)\"/></sheetView></sheetViews>"
        xml += "<sheetFormatPr defaultRowHeight=\"15\"/><cols>"
        for column in 0..<columnCount {
            var width = column < sheet.header.count ? displayWidth(sheet.header[column]) : 0
            for row in sheet.rows where column < row.count {
                switch row[column] {
                case .text(let text): width = max(width, widestLine(text))
                case .number(let digits): width = max(width, digits.count + 2)
                case .integer(let value): width = max(width, String(value).count)
                case .empty: break
                }
            }
            let cap = sheet.wrapColumns.contains(column) ? 50 : 40
            let fitted = min(cap, max(6, width + 2))
            xml += "<col min=\"\(column + 1)\" max=\"\(column + 1)\" width=\"\(fitted)\" customWidth=\"1\"/>"
        }
        xml += "</cols><sheetData>" + data + "</sheetData>"
        if sheet.title != nil, columnCount > 1 {
            xml += "<mergeCells count=\"1\"><mergeCell ref=\"A1:\(lastColumn)1\"/></mergeCells>"
        }
        xml += "<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/></worksheet>"
        return xml
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
