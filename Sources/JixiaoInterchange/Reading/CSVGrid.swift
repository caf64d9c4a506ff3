import Foundation
import JixiaoCore
import JixiaoSite

/// A CSV file as a grid of text cells, read with the site's `CSVSource` (strict
/// UTF-8 first, GB18030 as the fallback; rows of unequal width and unterminated
/// quotes are errors with their line). Unlike results.csv, a sheet exported from
/// Excel may start with title rows, so the first row is not taken as the header:
/// a neutral header is put in front and the caller finds the real one.
public enum CSVGrid {
    public enum Encoding: String, Sendable, CaseIterable {
        case utf8 = "utf-8"
        case gb18030
    }

    public static func read(data: Data, file: String, encoding: Encoding? = nil) throws(DiagnosticsError) -> SheetGrid {
        let text: String
        switch encoding {
        case nil:
            text = try CSVSource.decode(data, file: file)
        case .utf8?:
            var bytes = data[...]
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
            guard let decoded = String(validating: bytes, as: UTF8.self) else {
                throw DiagnosticsError([.error(at: SourceLocation(file: file, line: 1), "文件不是有效的 UTF-8 编码",
                                               hint: "去掉 --encoding 让 jixiao 自动识别，或写 --encoding gb18030。")])
            }
            text = decoded
        case .gb18030?:
            guard let decoded = String(data: data, encoding: gb18030), !decoded.unicodeScalars.contains("\u{FFFD}") else {
                throw DiagnosticsError([.error(at: SourceLocation(file: file, line: 1), "文件不是有效的 GB18030 编码",
                                               hint: "去掉 --encoding 让 jixiao 自动识别，或写 --encoding utf-8。")])
            }
            text = decoded.hasPrefix("\u{FEFF}") ? String(decoded.dropFirst()) : decoded
        }
        let width = firstRecordWidth(text)
        guard width > 0 else {
            throw DiagnosticsError([.error(at: SourceLocation(file: file, line: 1), "CSV 文件是空的")])
        }
        let header = (1...width).map { "#\($0)" }.joined(separator: ",") + "\n"
        let records: [SourceValue]
        do throws(DiagnosticsError) {
            records = try CSVSource.parse(data: Data((header + text).utf8), file: file)
        } catch {
            throw DiagnosticsError(error.diagnostics.map(shiftedByHeader))
        }
        var rows: [[CellValue]] = []
        var lines: [Int] = []
        for record in records {
            let entries = record.entries ?? []
            rows.append(entries.map { entry in entry.value.text.map(CellValue.text) ?? .empty })
            lines.append(record.location.line - 1)
        }
        return SheetGrid(file: file, sheet: nil, rows: rows, rowNumbers: lines)
    }

    /// GB18030 (`kCFStringEncodingGB_18030_2000`) as an NSStringEncoding.
    static let gb18030 = String.Encoding(rawValue: 0x8000_0632)

    /// The number of fields of the first record (quotes respected), or 0 when the
    /// text is empty.
    static func firstRecordWidth(_ text: String) -> Int {
        var fields = 1
        var inQuotes = false
        var sawAnything = false
        for scalar in text.unicodeScalars {
            if inQuotes {
                if scalar == "\"" { inQuotes = false }
                continue
            }
            switch scalar {
            case "\"": inQuotes = true; sawAnything = true
            case ",": fields += 1; sawAnything = true
            case "\n", "\r":
                if sawAnything { return fields }
            default: sawAnything = true
            }
        }
        return sawAnything ? fields : 0
    }

    /// Diagnostics of the parse, moved back by the line of the neutral header.
    static func shiftedByHeader(_ diagnostic: Diagnostic) -> Diagnostic {
        var shifted = diagnostic
        if shifted.location.line > 1 { shifted.location.line -= 1 }
        shifted.message = shifted.message
            .replacingOccurrences(of: "表头有", with: "第一行有")
            .replacingOccurrences(of: "多于表头的", with: "多于第一行的")
        if let range = shifted.message.range(of: #"（第 \d+ 行）"#, options: .regularExpression) {
            shifted.message.replaceSubrange(range, with: "（第 \(shifted.location.line) 行）")
        }
        if let range = shifted.message.range(of: #"^第 \d+ 条数据"#, options: .regularExpression) {
            shifted.message.replaceSubrange(range, with: "第 \(shifted.location.line) 行")
        }
        shifted.message = shifted.message.replacingOccurrences(of: #"第 (\d+) 行（第 \1 行）"#, with: "第 $1 行", options: .regularExpression)
        return shifted
    }
}
