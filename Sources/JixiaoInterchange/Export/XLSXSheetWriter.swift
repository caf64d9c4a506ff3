/// One worksheet's XML: title row merged across the table, frozen header row,
/// column widths that fit CJK text (a CJK character is two columns wide).
enum XLSXSheetWriter {
    static func xml(_ sheet: XLSXWorkbook.Sheet, strings: inout SharedStrings) -> String {
        let columnCount = max(1, sheet.header.count, sheet.rows.map(\.count).max() ?? 0)
        let lastColumn = CellReference.columnName(columnCount - 1)
        var rowNumber = 0
        var data = ""
        func cell(_ column: Int, _ value: XLSXWorkbook.Cell, style: Int) -> String {
            let reference = CellReference.columnName(column) + "\(rowNumber)"
            switch value {
            case .empty: return "<c r=\"\(reference)\" s=\"\(style)\"/>"
            case .text(let text): return "<c r=\"\(reference)\" s=\"\(style)\" t=\"s\"><v>\(strings.id(text))</v></c>"
            case .number(let digits): return "<c r=\"\(reference)\" s=\"\(XLSXStyles.number)\"><v>\(digits)</v></c>"
            case .integer(let value): return "<c r=\"\(reference)\" s=\"\(XLSXStyles.integer)\"><v>\(value)</v></c>"
            }
        }
        if let title = sheet.title {
            rowNumber += 1
            data += "<row r=\"\(rowNumber)\" ht=\"28\" customHeight=\"1\">" + cell(0, .text(title), style: XLSXStyles.title) + "</row>"
        }
        rowNumber += 1
        data += "<row r=\"\(rowNumber)\">"
        for column in 0..<columnCount {
            let name = column < sheet.header.count ? sheet.header[column] : ""
            data += cell(column, name.isEmpty ? .empty : .text(name), style: XLSXStyles.header)
        }
        data += "</row>"
        let headerRow = rowNumber
        for row in sheet.rows {
            rowNumber += 1
            data += "<row r=\"\(rowNumber)\">"
            for column in 0..<columnCount {
                let value = column < row.count ? row[column] : .empty
                data += cell(column, value, style: sheet.wrapColumns.contains(column) ? XLSXStyles.wrappedText : XLSXStyles.text)
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
                case .text(let text): width = max(width, text.split(separator: "\n").map { displayWidth(String($0)) }.max() ?? 0)
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
