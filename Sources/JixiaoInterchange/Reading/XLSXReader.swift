import Foundation
import JixiaoCore
import ZIPFoundation

/// Reads one sheet of an XLSX workbook into a `SheetGrid`: shared strings (with
/// rich-text runs), inline strings, booleans, errors, exact numbers, dates stored
/// as serials with a date number format, formula results and merged ranges.
/// Every part it cannot understand is reported with its location.
public enum XLSXReader {
    /// Which sheet: its name, or its 1-based position as text ("2").
    public static func read(data: Data, file: String, sheet selector: String? = nil) throws(DiagnosticsError) -> SheetGrid {
        let workbookLocation = SourceLocation(file: file)
        func fail(_ message: String, hint: String? = nil) -> DiagnosticsError {
            DiagnosticsError([.error(at: workbookLocation, message, hint: hint)])
        }
        let archive: Archive
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw fail("不是有效的 XLSX 文件（ZIP 结构损坏或文件不完整）",
                       hint: "文件可能没有下载或复制完整；请在 Excel 中重新“另存为”Excel 工作簿（*.xlsx）。")
        }
        func part(_ path: String) throws(DiagnosticsError) -> XMLElementNode? {
            guard let entry = archive[path] else { return nil }
            var bytes = Data()
            do {
                _ = try archive.extract(entry, consumer: { bytes.append($0) })
            } catch {
                throw fail("XLSX 文件中的 \(path) 无法解压：文件已损坏",
                           hint: "请在 Excel 中重新“另存为”Excel 工作簿（*.xlsx）。")
            }
            switch XMLElementNode.parse(bytes) {
            case .success(let root): return root
            case .failure(let error):
                throw fail("XLSX 文件中的 \(path) 第 \(error.line) 行不是有效的 XML：\(error.message)")
            }
        }

        // The workbook part, found through the package relationships.
        var workbookPath = "xl/workbook.xml"
        if let rels = try part("_rels/.rels"),
           let target = rels.children("Relationship").first(where: { ($0.attribute("Type") ?? "").hasSuffix("/officeDocument") })?
               .attribute("Target") {
            workbookPath = resolve(target, relativeTo: "")
        }
        guard let workbook = try part(workbookPath) else {
            if archive["xl/workbook.bin"] != nil {
                throw fail("这是 Excel 二进制工作簿（.xlsb），无法读取", hint: "在 Excel 中另存为 Excel 工作簿（*.xlsx）。")
            }
            throw fail("ZIP 文件中没有工作簿（\(workbookPath)），不是 XLSX 文件",
                       hint: "请在 Excel 中另存为 Excel 工作簿（*.xlsx）；.xls 旧格式也要先另存为 .xlsx。")
        }
        let baseFolder = workbookPath.contains("/") ? String(workbookPath[..<workbookPath.lastIndex(of: "/")!]) : ""
        let relsPath = (baseFolder.isEmpty ? "" : baseFolder + "/") + "_rels/"
            + String(workbookPath.split(separator: "/").last ?? "workbook.xml") + ".rels"
        var targets: [String: String] = [:]
        var sharedStringsPath: String?
        var stylesPath: String?
        if let rels = try part(relsPath) {
            for relation in rels.children("Relationship") {
                guard let id = relation.attribute("Id"), let target = relation.attribute("Target") else { continue }
                let path = resolve(target, relativeTo: baseFolder)
                targets[id] = path
                let type = relation.attribute("Type") ?? ""
                if type.hasSuffix("/sharedStrings") { sharedStringsPath = path }
                if type.hasSuffix("/styles") { stylesPath = path }
            }
        }
        let date1904 = ["1", "true"].contains(workbook.child("workbookPr")?.attribute("date1904") ?? "")
        let sheets: [(name: String, path: String?)] = (workbook.child("sheets")?.children("sheet") ?? []).map {
            ($0.attribute("name") ?? "", $0.attribute("id").flatMap { targets[$0] })
        }
        guard !sheets.isEmpty else { throw fail("工作簿中没有工作表") }
        let names = sheets.map { "“\($0.name)”" }.joined(separator: "、")
        let chosen: (name: String, path: String?)
        if let selector {
            if let match = sheets.first(where: { $0.name == selector }) {
                chosen = match
            } else if let index = Int(selector), index >= 1, index <= sheets.count {
                chosen = sheets[index - 1]
            } else {
                throw fail("工作簿中没有名为“\(selector)”的工作表",
                           hint: "工作簿中的工作表有：\(names)；--sheet 写工作表名称或序号（从 1 开始）。")
            }
        } else {
            chosen = sheets[0]
        }
        let sheetLocation = SourceLocation(file: "\(file):\(chosen.name)")
        guard let sheetPath = chosen.path, let worksheet = try part(sheetPath) else {
            throw DiagnosticsError([.error(at: sheetLocation, "工作表“\(chosen.name)”的内容在文件中找不到（可能是图表页或文件已损坏）",
                                           hint: "工作簿中的工作表有：\(names)。")])
        }

        let sharedStrings: [String] = try sharedStringsPath.flatMap { path throws(DiagnosticsError) in try part(path) }
            .map { $0.children("si").map(richText) } ?? []
        var dateStyles: Set<Int> = []
        if let stylesPath, let styles = try part(stylesPath) {
            var customFormats: [Int: String] = [:]
            for format in styles.child("numFmts")?.children("numFmt") ?? [] {
                if let id = format.attribute("numFmtId").flatMap(Int.init) {
                    customFormats[id] = format.attribute("formatCode") ?? ""
                }
            }
            for (index, xf) in (styles.child("cellXfs")?.children("xf") ?? []).enumerated() {
                let id = xf.attribute("numFmtId").flatMap(Int.init) ?? 0
                let isDate = customFormats[id].map(DateSerial.isDateFormat) ?? DateSerial.builtInDateFormats.contains(id)
                if isDate { dateStyles.insert(index) }
            }
        }

        return try WorksheetReading(file: file, sheet: chosen.name, sharedStrings: sharedStrings,
                                    dateStyles: dateStyles, date1904: date1904).grid(worksheet)
    }

    /// Text of a string item: `<t>` or the `<t>` of each rich-text run `<r>`;
    /// phonetic guides (`<rPh>`) are not part of the text.
    static func richText(_ item: XMLElementNode) -> String {
        var text = ""
        for child in item.children {
            switch child.name {
            case "t": text += child.text
            case "r": text += child.children("t").map(\.text).joined()
            default: break
            }
        }
        return text
    }

    /// A relationship target relative to the folder of the part that names it.
    static func resolve(_ target: String, relativeTo folder: String) -> String {
        if target.hasPrefix("/") { return String(target.dropFirst()) }
        var parts = folder.split(separator: "/").map(String.init)
        for component in target.split(separator: "/") {
            if component == ".." { _ = parts.popLast() } else if component != "." { parts.append(String(component)) }
        }
        return parts.joined(separator: "/")
    }
}

/// The cells of one `<worksheet>`.
struct WorksheetReading {
    var file: String
    var sheet: String
    var sharedStrings: [String]
    var dateStyles: Set<Int>
    var date1904: Bool

    func location(_ reference: String) -> SourceLocation {
        SourceLocation(file: "\(file):\(sheet)!\(reference)")
    }

    func grid(_ worksheet: XMLElementNode) throws(DiagnosticsError) -> SheetGrid {
        var diagnostics: [Diagnostic] = []
        var cells: [Int: [Int: CellValue]] = [:]
        var maxRow = 0
        var maxColumn = -1
        var nextRow = 1
        for row in worksheet.child("sheetData")?.children("row") ?? [] {
            let rowNumber = row.attribute("r").flatMap(Int.init) ?? nextRow
            nextRow = rowNumber + 1
            var nextColumn = 0
            for cell in row.children("c") {
                var column = nextColumn
                var rowOfCell = rowNumber
                if let reference = cell.attribute("r") {
                    guard let parsed = CellReference.parse(reference) else {
                        diagnostics.append(.error(at: location("\(rowNumber)"), "单元格引用“\(reference)”无效"))
                        continue
                    }
                    column = parsed.column
                    rowOfCell = parsed.row
                }
                nextColumn = column + 1
                let reference = CellReference.columnName(column) + "\(rowOfCell)"
                let value: CellValue
                switch self.value(cell) {
                case .success(let read): value = read
                case .failure(let problem):
                    diagnostics.append(.error(at: location(reference), problem.message))
                    continue
                }
                if value == .empty { continue }
                cells[rowOfCell, default: [:]][column] = value
                maxRow = max(maxRow, rowOfCell)
                maxColumn = max(maxColumn, column)
            }
        }
        var merges: [SheetGrid.MergedRange] = []
        for merge in worksheet.child("mergeCells")?.children("mergeCell") ?? [] {
            let text = merge.attribute("ref") ?? ""
            guard let range = CellReference.parseRange(text) else {
                diagnostics.append(.error(at: SourceLocation(file: "\(file):\(sheet)"), "合并单元格区域“\(text)”无效"))
                continue
            }
            merges.append(SheetGrid.MergedRange(firstRow: range.first.row - 1, firstColumn: range.first.column,
                                                lastRow: range.last.row - 1, lastColumn: range.last.column))
            maxRow = max(maxRow, range.last.row)
            maxColumn = max(maxColumn, range.last.column)
        }
        if !diagnostics.isEmpty { throw DiagnosticsError(diagnostics) }
        let width = maxColumn + 1
        let rows: [[CellValue]] = maxRow == 0 ? [] : (1...maxRow).map { number in
            let row = cells[number] ?? [:]
            return (0..<width).map { row[$0] ?? .empty }
        }
        return SheetGrid(file: file, sheet: sheet, rows: rows, rowNumbers: maxRow == 0 ? [] : Array(1...maxRow), merges: merges)
    }

    struct Problem: Error { var message: String }

    func value(_ cell: XMLElementNode) -> Result<CellValue, Problem> {
        let type = cell.attribute("t") ?? "n"
        let stored = cell.child("v")?.text
        switch type {
        case "s":
            guard let stored else { return .success(.empty) }
            guard let index = Int(stored.trimmingCharacters(in: .whitespaces)), index >= 0, index < sharedStrings.count else {
                return .failure(Problem(message: "共享字符串编号“\(stored)”不存在（文件已损坏）"))
            }
            return .success(.text(sharedStrings[index]))
        case "inlineStr":
            return .success(cell.child("is").map { .text(XLSXReader.richText($0)) } ?? .empty)
        case "str":
            return .success(stored.map { .text($0) } ?? .empty)
        case "b":
            switch stored?.trimmingCharacters(in: .whitespaces) {
            case "1", "true": return .success(.boolean(true))
            case "0", "false": return .success(.boolean(false))
            case nil: return .success(.empty)
            case let other?: return .failure(Problem(message: "逻辑值“\(other)”无效（应为 0 或 1）"))
            }
        case "e":
            return .success(.error(stored ?? "#N/A"))
        case "d":
            return .success(stored.map { .text($0) } ?? .empty)
        case "n":
            guard let stored, !stored.trimmingCharacters(in: .whitespaces).isEmpty else { return .success(.empty) }
            guard let (number, text) = ExactNumber.parse(stored) else {
                return .failure(Problem(message: "数值“\(stored)”无法读取"))
            }
            if let style = cell.attribute("s").flatMap(Int.init), dateStyles.contains(style) {
                guard let iso = DateSerial.isoText(number, date1904: date1904) else {
                    return .failure(Problem(message: "日期序号“\(stored)”超出范围"))
                }
                return .success(.date(serial: number, text: iso))
            }
            return .success(.number(number, text: text))
        default:
            return .failure(Problem(message: "未知的单元格类型“\(type)”"))
        }
    }
}
