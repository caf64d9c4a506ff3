import Foundation
import JixiaoCore

/// Reads a 考核表 sheet into an indicator tree, the way offices lay them out:
/// level columns nesting left to right (一级/二级/三级指标), where a merged cell,
/// a repeated value or a blank cell means “same as above”; points in their own
/// column (分值/权重) or at the end of a level's name (“重点工作目标（40分）”);
/// several rows under one merged name become that indicator's sub-items.
/// Every cell that cannot be understood is an error at `file.xlsx:Sheet1!C12`.
public struct IndicatorSheetReader {
    public var grid: SheetGrid
    public var map: HeaderMap

    public init(grid: SheetGrid, map: HeaderMap = HeaderMap()) {
        self.grid = grid
        self.map = map
    }

    /// The system and the warnings (ignored columns); errors are thrown, unless
    /// `partial`: then the rows that could be read are returned and the errors
    /// come back with the warnings.
    public func read(partial: Bool = false) throws(DiagnosticsError) -> (ImportedSystem, warnings: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var warnings: [Diagnostic] = []
        let sheetLocation = grid.location(0).fileOnlySheet(grid)
        guard let header = HeaderRow<IndicatorColumn>.find(in: grid, role: { text in
            if let mapped = map.role(for: text, labels: { (role: IndicatorColumn) in role.label }) { return mapped }
            return IndicatorColumn.match(text).map { .role($0) }
        }) else {
            throw DiagnosticsError([.error(at: sheetLocation, "找不到表头行：前 30 行中没有一行同时写着指标名称和分值等列名",
                                           hint: "表头要有“一级指标”“二级指标”“分值”（或“权重”）“评分标准”等列名；列名不同的用 --map 指定，例如 --map 考核事项=level --map 分数=points。")])
        }
        for (column, text) in header.unknown {
            if case .unknown(let target)? = map.role(for: text, labels: { (role: IndicatorColumn) in role.label }) {
                diagnostics.append(.error(at: grid.location(header.row, column), "--map 中的列含义“\(target)”无效",
                                          hint: "可用：" + IndicatorColumn.allCases.map(\.rawValue).joined(separator: "、") + "、ignore。"))
            } else {
                warnings.append(.warning(at: grid.location(header.row, column), "不认识表头“\(text)”，这一列不导入",
                                         hint: "如需导入，用 --map \(text)=<列含义> 指定，例如 criteria、office；不需要的列用 ignore 去掉这条警告。"))
            }
        }
        let columns = header.columns
        func column(_ role: IndicatorColumn) -> Int? { columns.filter { $0.value == role }.map(\.key).min() }
        let levelColumns = columns.filter { $0.value == .level }.map(\.key).sorted()
            + columns.filter { $0.value == .name }.map(\.key).sorted()
        guard !levelColumns.isEmpty else {
            throw DiagnosticsError([.error(at: grid.location(header.row), "表头中没有指标名称列（一级指标、二级指标、指标名称……）",
                                           hint: "用 --map 指定哪一列是指标层级，例如 --map 考核事项=level。")])
        }
        guard let pointsColumn = column(.points) else {
            throw DiagnosticsError([.error(at: grid.location(header.row), "表头中没有分值列（分值、权重……）",
                                           hint: "用 --map 指定分值列，例如 --map 分数=points。")])
        }
        let usesWeight = HeaderNormalization.normalize(grid.cell(header.row, pointsColumn).text).contains("权重")
        if !diagnostics.isEmpty { throw DiagnosticsError(diagnostics) }

        var builder = TreeBuilder(grid: grid, levelColumns: levelColumns, pointsColumn: pointsColumn,
                                  idColumn: column(.id), contentColumn: column(.content), criteriaColumn: column(.criteria),
                                  ownerColumns: (column(.office), column(.leader), column(.person)),
                                  evidenceColumn: column(.evidence), verificationColumn: column(.verification))
        builder.partial = partial
        builder.read(from: header.row + 1)
        diagnostics += builder.diagnostics
        if !diagnostics.isEmpty, !partial || builder.indicators.isEmpty { throw DiagnosticsError(diagnostics) }
        let system = ImportedSystem(indicators: builder.indicators, usesWeight: usesWeight,
                                    declaredTotal: builder.declaredTotal, source: grid.sheet.map { "\(grid.file)（工作表“\($0)”）" } ?? grid.file)
        return (system, diagnostics + warnings + builder.warnings)
    }
}

extension SourceLocation {
    /// `file.xlsx:Sheet1` (without a cell) for sheet-wide problems.
    func fileOnlySheet(_ grid: SheetGrid) -> SourceLocation {
        if let sheet = grid.sheet { return SourceLocation(file: "\(grid.file):\(sheet)") }
        return SourceLocation(file: grid.file)
    }
}
