/// One worksheet's XML: title row merged across the table, frozen header row,
/// column widths that fit CJK text (a CJK character is two columns wide).
enum XLSXSheetWriter {
    /// The sheet's XML as UTF-8 bytes, handed to `flush` a few hundred kilobytes
    /// at a time (and once more at the end): a scores sheet has hundreds of
    /// thousands of cells, tens of megabytes that need never exist all at once.
    static func xml(_ sheet: XLSXWorkbook.Sheet, strings: inout SharedStrings,
                    flush: (_ bytes: [UInt8]) throws -> Void) rethrows {
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
            xml.write("<col min=\"\(column + 1)\" max=\"\(column + 1)\" width=\"\(fitted)\" customWidth=\"1\"/>")
        }
        xml.write("</cols><sheetData>")

        // Column letters once, and the fixed text after a cell reference per style.
        let columnNames = (0..<columnCount).map { Array(CellReference.columnName($0).utf8) }
        var emptyTails: [Int: [UInt8]] = [:], textTails: [Int: [UInt8]] = [:]
        let numberTail = Array("\" s=\"\(XLSXStyles.number)\"><v>".utf8), integerTail = Array("\" s=\"\(XLSXStyles.integer)\"><v>".utf8)
        let cellEnd = Array("</v></c>".utf8)
        var rowNumber = 0
        func cell(_ column: Int, _ value: XLSXWorkbook.Cell, style: Int) {
            xml.write("<c r=\"")
            xml.append(contentsOf: columnNames[column])
            xml.write(rowNumber)
            switch value {
            case .empty:
                if emptyTails[style] == nil { emptyTails[style] = Array("\" s=\"\(style)\"/>".utf8) }
                xml.append(contentsOf: emptyTails[style]!)
            case .text(let text):
                if textTails[style] == nil { textTails[style] = Array("\" s=\"\(style)\" t=\"s\"><v>".utf8) }
                xml.append(contentsOf: textTails[style]!)
                xml.write(strings.id(text))
                xml.append(contentsOf: cellEnd)
            case .number(let digits):
                xml.append(contentsOf: numberTail)
                xml.write(digits)
                xml.append(contentsOf: cellEnd)
            case .integer(let value):
                xml.append(contentsOf: integerTail)
                xml.write(value)
                xml.append(contentsOf: cellEnd)
            }
        }
        if let title = sheet.title {
            rowNumber += 1
            xml.write("<row r=\"\(rowNumber)\" ht=\"28\" customHeight=\"1\">")
            cell(0, .text(title), style: XLSXStyles.title)
            xml.write("</row>")
        }
        rowNumber += 1
        xml.write("<row r=\"\(rowNumber)\">")
        for column in 0..<columnCount {
            let name = column < sheet.header.count ? sheet.header[column] : ""
            cell(column, name.isEmpty ? .empty : .text(name), style: XLSXStyles.header)
        }
        xml.write("</row>")
        let styles = (0..<columnCount).map { sheet.wrapColumns.contains($0) ? XLSXStyles.wrappedText : XLSXStyles.text }
        for row in sheet.rows {
            rowNumber += 1
            xml.write("<row r=\"")
            xml.write(rowNumber)
            xml.write("\">")
            for column in 0..<columnCount {
                cell(column, column < row.count ? row[column] : .empty, style: styles[column])
            }
            xml.write("</row>")
            if xml.count >= chunkSize {
                try flush(xml)
                xml.removeAll(keepingCapacity: true)
            }
        }
        xml.write("</sheetData>")
        if sheet.title != nil, columnCount > 1 {
            xml.write("<mergeCells count=\"1\"><mergeCell ref=\"A1:\(lastColumn)1\"/></mergeCells>")
        }
        xml.write("<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/></worksheet>")
        try flush(xml)
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

    /// Appends a whole number in decimal digits.
    mutating func write(_ number: Int) {
        write(String(number))
    }
}
