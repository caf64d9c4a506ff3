import Foundation
import JixiaoBytes
import JixiaoSite
import JixiaoCore
import JixiaoZIP

/// The parts of an .xlsx package (SpreadsheetML), written in a fixed order into
/// a ZIP with fixed dates (see ZIPWriter), so the same workbook gives the same bytes.
enum XLSXPackage {
    static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationshipNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let header = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

    static func write(_ workbook: XLSXWorkbook) throws -> Data {
        try write(workbook, keys: nil, previous: nil).data
    }

    /// The package, with the parts of its sheets whose rows come in groups (see
    /// XLSXSheetParts) for the next build; `keys`: each group's unit key, the same
    /// for every such sheet; `previous`: the previous build's file and its parts.
    static func write(_ workbook: XLSXWorkbook, keys: [String]?,
                      previous: PreviousDownload?) throws -> (data: Data, parts: [DownloadPart]) {
        let texts: [(String, String)] = [
            ("[Content_Types].xml", contentTypes(sheetCount: workbook.sheets.count)),
            ("_rels/.rels", header + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"\(relationshipNamespace)/officeDocument\" Target=\"xl/workbook.xml\"/>"
                + "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
                + "<Relationship Id=\"rId3\" Type=\"\(relationshipNamespace)/extended-properties\" Target=\"docProps/app.xml\"/>"
                + "</Relationships>"),
            ("docProps/core.xml", header + "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
                + "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
                + "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
                + "<dc:title>\(escape(workbook.sheets.first?.title ?? ""))</dc:title><dc:creator>jixiao</dc:creator>"
                + "<dcterms:created xsi:type=\"dcterms:W3CDTF\">2000-01-01T00:00:00Z</dcterms:created>"
                + "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">2000-01-01T00:00:00Z</dcterms:modified>"
                + "</cp:coreProperties>"),
            ("docProps/app.xml", header + "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
                + "<Application>jixiao</Application></Properties>"),
            ("xl/workbook.xml", workbookXML(workbook)),
            ("xl/_rels/workbook.xml.rels", workbookRelationships(sheetCount: workbook.sheets.count)),
            ("xl/styles.xml", XLSXStyles.xml(precision: workbook.precision)),
        ]
        var zip = ZIPWriter()
        for (path, text) in texts {
            try zip.add(path, Array(text.utf8))
        }
        // Sheets are compressed as they are written; their texts go to the shared
        // string table, which follows them, but for a sheet of unit groups, which is
        // written in parts with its texts inline (see XLSXSheetParts) except for the
        // sheet's shared texts.
        var strings = SharedStrings()
        // The sheets' shared texts head the table, so their ids do not depend on any row.
        let sharedIDs = workbook.sheets.map { $0.sharedTexts.map { strings.id($0, counted: false) } }
        var parts: [DownloadPart] = []
        for (index, sheet) in workbook.sheets.enumerated() {
            let path = "xl/worksheets/sheet\(index + 1).xml"
            guard let groupSizes = sheet.groupSizes else {
                try zip.add(path) { entry in
                    try XLSXSheetWriter.xml(sheet, strings: &strings, sharedIDs: sharedIDs[index]) { try entry.write($0) }
                }
                continue
            }
            let keys = keys?.count == groupSizes.count ? keys : nil
            let made = try XLSXSheetParts.segments(sheet, groupSizes: groupSizes, number: index, keys: keys, previous: previous,
                                                   sharedIDs: sharedIDs[index])
            strings.uses += made.parts.reduce(0) { $0 + $1.sharedReferences }
            var offset = try zip.add(path, segments: made.segments) + made.segments[0].compressed.count
            for part in made.parts {
                if let kept = part.kept {
                    parts.append(kept.moved(to: offset))
                } else if let key = part.key {
                    parts.append(DownloadPart(key: key, offset: offset, bytes: part.segment.compressed,
                                              detail: XLSXSheetParts.detail(part)))
                }
                offset += part.segment.compressed.count
            }
        }
        try zip.add("xl/sharedStrings.xml", strings.xml())
        return (try zip.data(), parts)
    }

    static func contentTypes(sheetCount: Int) -> String {
        var xml = header + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
            + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
            + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
            + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
        for index in 1...max(1, sheetCount) where index <= sheetCount {
            xml += "<Override PartName=\"/xl/worksheets/sheet\(index).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        }
        xml += "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
            + "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>"
            + "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
            + "<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
            + "</Types>"
        return xml
    }

    static func workbookXML(_ workbook: XLSXWorkbook) -> String {
        var xml = header + "<workbook xmlns=\"\(mainNamespace)\" xmlns:r=\"\(relationshipNamespace)\">"
            + "<bookViews><workbookView activeTab=\"0\"/></bookViews><sheets>"
        for (index, sheet) in workbook.sheets.enumerated() {
            xml += "<sheet name=\"\(escape(sheetName(sheet.name)))\" sheetId=\"\(index + 1)\" r:id=\"rId\(index + 1)\"/>"
        }
        return xml + "</sheets></workbook>"
    }

    static func workbookRelationships(sheetCount: Int) -> String {
        var xml = header + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        for index in 0..<sheetCount {
            xml += "<Relationship Id=\"rId\(index + 1)\" Type=\"\(relationshipNamespace)/worksheet\" Target=\"worksheets/sheet\(index + 1).xml\"/>"
        }
        xml += "<Relationship Id=\"rId\(sheetCount + 1)\" Type=\"\(relationshipNamespace)/styles\" Target=\"styles.xml\"/>"
        xml += "<Relationship Id=\"rId\(sheetCount + 2)\" Type=\"\(relationshipNamespace)/sharedStrings\" Target=\"sharedStrings.xml\"/>"
        return xml + "</Relationships>"
    }

    /// Excel's rules: at most 31 characters, none of : \ / ? * [ ].
    static func sheetName(_ name: String) -> String {
        let cleaned = String(name.map { ":\\/?*[]".contains($0) ? "_" : $0 })
        return cleaned.isEmpty ? "Sheet" : String(cleaned.prefix(31))
    }

    /// XML text: markup characters escaped, characters XML 1.0 forbids dropped.
    static func escape(_ text: String) -> String {
        if !needsEscaping(text) { return text }
        var bytes = ByteBuffer(capacity: text.utf8.count + 16)
        appendEscaped(text, to: &bytes)
        return bytes.string()
    }

    /// `escape(text)`'s bytes appended to `bytes`, written from the text's bytes in
    /// place (a sheet's cells were escaped into a new String scalar by scalar).
    static func appendEscaped(_ text: String, to bytes: inout ByteBuffer) {
        text.withUTF8Bytes { source in
            guard needsEscaping(source) else { return bytes.append(source) }
            // Bytes are copied in runs, up to the next one that is replaced or dropped.
            var runStart = 0, index = 0
            func replace(_ length: Int, with replacement: StaticString) {
                bytes.append(UnsafeBufferPointer(rebasing: source[runStart..<index]))
                bytes.append(replacement)
                index += length
                runStart = index
            }
            while index < source.count {
                switch source[index] {
                case UInt8(ascii: "&"): replace(1, with: "&amp;")
                case UInt8(ascii: "<"): replace(1, with: "&lt;")
                case UInt8(ascii: ">"): replace(1, with: "&gt;")
                case UInt8(ascii: "\""): replace(1, with: "&quot;")
                case 0x09, 0x0A, 0x0D: index += 1
                case ..<0x20: replace(1, with: "") // a control character XML 1.0 forbids
                case 0xEF where index + 2 < source.count && source[index + 1] == 0xBF && source[index + 2] >= 0xBE:
                    replace(3, with: "") // U+FFFE, U+FFFF
                default: index += 1
                }
            }
            bytes.append(UnsafeBufferPointer(rebasing: source[runStart..<source.count]))
        }
    }
}

extension XLSXPackage {
    /// Whether a text's spaces at either end or line breaks must be kept by
    /// `xml:space`. On the bytes in place, not Characters or scalars: this runs on
    /// every text cell, and finding a Character's bounds cost more than the rest
    /// of writing the cell.
    static func preservesSpace(_ text: String) -> Bool {
        let spaceAtEnd = text.withUTF8Bytes { bytes in
            !bytes.isEmpty && (isWhitespace(unicodeScalar(in: bytes, at: 0).value)
                || isWhitespace(unicodeScalar(in: bytes, at: lastScalarStart(in: bytes)).value))
        }
        return spaceAtEnd || text.utf8Contains(10)
    }

    /// Unicode's White_Space property, spelled out: asking the scalar's properties
    /// looked them up in a table, which showed in every scores sheet.
    static func isWhitespace(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }

    /// Most cells need nothing: no markup or control character and no U+FFFE or
    /// U+FFFF (EF BF BE, EF BF BF); checked on a native string's bytes in place, since
    /// this runs on every cell (stepping through `utf8` took 4.6 times the instructions).
    static func needsEscaping(_ text: String) -> Bool {
        text.withUTF8Bytes(needsEscaping)
    }

    /// One bit per byte below 64 for `"` `&` `<` `>` and every control character.
    private static let markupMask: UInt64 = 1 << 0x22 | 1 << 0x26 | 1 << 0x3C | 1 << 0x3E | 0xFFFF_FFFF

    private static func needsEscaping(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 64 {
                if markupMask >> UInt64(byte) & 1 != 0 { return true }
            } else if byte == 0xEF, index + 2 < bytes.count, bytes[index + 1] == 0xBF, bytes[index + 2] >= 0xBE {
                return true
            }
            index += 1
        }
        return false
    }
}

struct XLSXWriteError: Error, CustomStringConvertible {
    var description: String { "无法生成 XLSX 文件" }
}

/// The shared string table, in order of first use.
struct SharedStrings {
    /// By exact text (two texts that are equivalent but written differently get two entries).
    var index: [ExactText: Int] = [:]
    var strings: [String] = []
    var uses = 0

    /// `counted`: as a use of the text (the table's `count`), not only its entry.
    mutating func id(_ text: String, counted: Bool = true) -> Int {
        if counted { uses += 1 }
        if let existing = index[ExactText(text)] { return existing }
        index[ExactText(text)] = strings.count
        strings.append(text)
        return strings.count - 1
    }

    func xml() -> [UInt8] {
        var xml = ByteBuffer(capacity: 4096)
        xml.append(XLSXPackage.header + "<sst xmlns=\"\(XLSXPackage.mainNamespace)\" count=\"\(uses)\" uniqueCount=\"\(strings.count)\">")
        for text in strings {
            xml.append(XLSXPackage.preservesSpace(text) ? "<si><t xml:space=\"preserve\">" : "<si><t>")
            XLSXPackage.appendEscaped(text, to: &xml)
            xml.append("</t></si>")
        }
        xml.append("</sst>")
        return xml.array
    }
}
