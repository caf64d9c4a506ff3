import Foundation
import JixiaoCore

/// Opens the file an import names: `.xlsx` (the sheet chosen by name or
/// 1-based index) or `.csv`/`.txt` (encoding detected or forced).
public enum SpreadsheetInput {
    public static func read(url: URL, displayName: String? = nil, sheet: String? = nil,
                            encoding: CSVGrid.Encoding? = nil) throws(DiagnosticsError) -> SheetGrid {
        let name = displayName ?? url.lastPathComponent
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw DiagnosticsError([.error(at: SourceLocation(file: name), "无法读取文件：\(error.localizedDescription)")])
        }
        switch url.pathExtension.lowercased() {
        case "xlsx", "xlsm":
            return try XLSXReader.read(data: data, file: name, sheet: sheet)
        case "csv", "txt":
            if sheet != nil {
                throw DiagnosticsError([.error(at: SourceLocation(file: name), "CSV 文件只有一张表，不能用 --sheet",
                                               hint: "去掉 --sheet。")])
            }
            return try CSVGrid.read(data: data, file: name, encoding: encoding)
        case "xls":
            throw DiagnosticsError([.error(at: SourceLocation(file: name), "不支持 Excel 97-2003 工作簿（.xls）",
                                           hint: "在 Excel 或 WPS 中另存为 Excel 工作簿（*.xlsx）或 CSV UTF-8 后再导入。")])
        default:
            if data.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
                return try XLSXReader.read(data: data, file: name, sheet: sheet)
            }
            return try CSVGrid.read(data: data, file: name, encoding: encoding)
        }
    }
}
