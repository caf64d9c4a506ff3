import Foundation
import JixiaoCore

/// Reads a score sheet into results.csv rows (docs/content-format.md): either
/// long (one row per unit × indicator: 单位, 指标, 得分, 扣分原因 …) or wide (one
/// row per unit, one column per indicator, headed by its id or its name).
/// Units are matched by slug or name, indicators by id or name.
public struct ResultsSheetReader {
    public enum Column: String, Sendable, CaseIterable {
        case unit, indicator, score, `self`, reason, evidence, source, reviewer, na

        static let headerNames: [Column: [String]] = [
            .unit: ["单位", "单位名称", "考核对象", "被考核单位", "参评单位", "考核单位名称", "unit", "代码"],
            .indicator: ["指标", "指标编号", "指标名称", "考核指标", "indicator"],
            .score: ["得分", "考评得分", "考核得分", "评分", "score"],
            .self: ["自评得分", "自评分", "自评", "self"],
            .reason: ["扣分原因", "扣分理由", "扣分说明", "原因", "reason", "reasons"],
            .evidence: ["佐证材料", "evidence"],
            .source: ["数据来源", "source"],
            .reviewer: ["考评人", "评分人", "考评单位", "reviewer"],
            .na: ["不适用", "na"],
        ]

        var label: String { Column.headerNames[self]?.first ?? rawValue }
    }

    public struct Row: Sendable, Hashable {
        public var unit: String
        public var indicator: String
        /// results.csv column → text.
        public var fields: [String: String]
    }

    public var grid: SheetGrid
    public var settings: EvaluationSettings
    public var system: IndicatorSystem?
    public var map: HeaderMap

    public init(grid: SheetGrid, settings: EvaluationSettings, system: IndicatorSystem?, map: HeaderMap = HeaderMap()) {
        self.grid = grid
        self.settings = settings
        self.system = system
        self.map = map
    }

    func indicatorID(_ text: String) -> String? {
        guard let system else { return nil }
        let all = system.allIndicators
        if let match = all.first(where: { $0.id == text }) { return match.id }
        let named = all.filter { HeaderNormalization.normalize($0.name) == HeaderNormalization.normalize(text) }
        return named.count == 1 ? named[0].id : nil
    }

    func unitSlug(_ text: String) -> String? {
        settings.units.first { $0.slug == text || $0.name == text }?.slug
    }

    enum Role: Hashable {
        case column(Column)
        case indicator(String)
        case input(String)
    }

    /// With `partial`, the rows that could be read are returned and the errors
    /// come back with the warnings.
    public func read(partial: Bool = false) throws(DiagnosticsError) -> (rows: [Row], warnings: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var warnings: [Diagnostic] = []
        let lookup: [String: Column] = Dictionary(Column.headerNames.flatMap { column, names in
            names.map { (HeaderNormalization.normalize($0), column) }
        }, uniquingKeysWith: { first, _ in first })
        let header = HeaderRow<Role>.find(in: grid, minimumMatches: 2) { text in
            if let mapped = map.role(for: text, labels: { (column: Column) in column.label }) {
                switch mapped {
                case .role(let column): return .role(.column(column))
                case .ignored: return .ignored
                case .unknown(let target):
                    if let id = indicatorID(target) { return .role(.indicator(id)) }
                    if target.range(of: #"^[a-z][a-z0-9_]*$"#, options: .regularExpression) != nil { return .role(.input(target)) }
                    return .unknown(target)
                }
            }
            if let column = lookup[HeaderNormalization.normalize(text)] { return .role(.column(column)) }
            if let id = indicatorID(text) { return .role(.indicator(id)) }
            if text.range(of: #"^[a-z][a-z0-9_]*$"#, options: .regularExpression) != nil { return .role(.input(text)) }
            return nil
        }
        guard let header, let unitColumn = header.columns.first(where: { $0.value == .column(.unit) })?.key else {
            throw DiagnosticsError([.error(at: grid.location(0).fileOnlySheet(grid), "找不到表头行：没有“单位”列",
                                           hint: "表头要有“单位”列，以及“指标”和“得分”列（长表）或以指标编号、指标名称为列名的各列（宽表）；列名不同的用 --map 指定，例如 --map 考核对象=unit。")])
        }
        for (column, text) in header.unknown {
            warnings.append(.warning(at: grid.location(header.row, column), "不认识表头“\(text)”，这一列不导入",
                                     hint: "如是指标，写指标编号或指标名称；或用 --map \(text)=<列含义> 指定。"))
        }
        let indicatorColumn = header.columns.first { $0.value == .column(.indicator) }?.key
        let wideColumns = header.columns.compactMap { key, role -> (Int, String)? in
            if case .indicator(let id) = role { return (key, id) }
            return nil
        }.sorted { $0.0 < $1.0 }
        if indicatorColumn == nil && wideColumns.isEmpty {
            throw DiagnosticsError([.error(at: grid.location(header.row), "表头中既没有“指标”列，也没有以指标编号或名称为列名的列",
                                           hint: "长表写“单位、指标、得分”等列；宽表每个指标一列，列名写指标编号或指标名称。")])
        }

        var rows: [Row] = []
        for row in (header.row + 1)..<grid.rows.count {
            if (0..<grid.columnCount).allSatisfy({ grid.shownCell(row, $0).isBlank }) { continue }
            let unitText = grid.shownCell(row, unitColumn).trimmed
            guard let unit = unitSlug(unitText) else {
                let known = settings.units.map { "\($0.name)（\($0.slug)）" }.joined(separator: "、")
                diagnostics.append(.error(at: grid.location(row, unitColumn),
                                          unitText.isEmpty ? "没有写单位" : "单位“\(unitText)”不是这项考核的考核对象",
                                          hint: "写考核对象的名称或代码：\(known)。"))
                continue
            }
            var fields: [String: String] = [:]
            let problemsBefore = diagnostics.count
            for (column, role) in header.columns {
                let cell = grid.shownCell(row, column)
                guard !cell.isBlank else { continue }
                switch role {
                case .column(.unit), .column(.indicator), .indicator: continue
                case .column(.score), .column(.self):
                    guard let value = scoreText(cell, row: row, column: column, diagnostics: &diagnostics) else { continue }
                    if value == "不适用" { fields["na"] = "true" } else { fields[role == .column(.score) ? "score" : "self"] = value }
                case .column(.na):
                    fields["na"] = ["是", "true", "TRUE", "1", "不适用"].contains(cell.trimmed) ? "true" : "false"
                case .column(let known):
                    fields[known.rawValue == "reason" ? "reason" : known.rawValue] = cell.trimmed
                case .input(let name):
                    fields[name] = cell.trimmed
                }
            }
            if let indicatorColumn {
                // A row with a cell that could not be read is left out as a whole.
                if diagnostics.count > problemsBefore { continue }
                let text = grid.shownCell(row, indicatorColumn).trimmed
                guard let id = indicatorID(text) else {
                    diagnostics.append(.error(at: grid.location(row, indicatorColumn),
                                              text.isEmpty ? "没有写指标" : "指标“\(text)”不在这项考核的指标体系中",
                                              hint: "写指标编号（如 A1）或与 indicators.yaml 中完全相同的指标名称。"))
                    continue
                }
                rows.append(Row(unit: unit, indicator: id, fields: fields))
            } else {
                for (column, id) in wideColumns {
                    let cell = grid.shownCell(row, column)
                    if cell.isBlank { continue }
                    guard let value = scoreText(cell, row: row, column: column, diagnostics: &diagnostics) else { continue }
                    var entry = fields
                    if value == "不适用" { entry["na"] = "true" } else { entry["score"] = value }
                    rows.append(Row(unit: unit, indicator: id, fields: entry))
                }
            }
        }
        var seen: [String: Int] = [:]
        for (index, row) in rows.enumerated() {
            let key = row.unit + "\u{1}" + row.indicator
            if seen[key] != nil {
                diagnostics.append(.error(at: grid.location(0).fileOnlySheet(grid), "单位“\(row.unit)”的指标“\(row.indicator)”出现了不止一次"))
            }
            seen[key] = index
        }
        if !diagnostics.isEmpty, !partial || rows.isEmpty { throw DiagnosticsError(diagnostics) }
        return (rows, diagnostics + warnings)
    }

    /// A score as exact decimal text, or 不适用; anything else is an error at the cell.
    func scoreText(_ cell: CellValue, row: Int, column: Int, diagnostics: inout [Diagnostic]) -> String? {
        switch cell {
        case .number(_, let text): return text
        case .text(let raw):
            let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if ["不适用", "—", "/", "-"].contains(text) { return "不适用" }
            if let value = DecimalText.decimal(text) { return formatPlain(value) }
        default: break
        }
        diagnostics.append(.error(at: grid.location(row, column), "得分“\(cell.text)”不是数值",
                                  hint: "得分写数字（如 8.5）；不适用的指标写“不适用”。"))
        return nil
    }

    /// results.csv text: the columns used, in the documented order.
    public static func csv(_ rows: [Row]) -> String {
        let reserved = ResultsReader.reservedKeys
        let used = Set(rows.flatMap(\.fields.keys))
        let inputs = used.subtracting(reserved).sorted()
        let columns = ["unit", "indicator"] + reserved.filter(used.contains) + inputs
        var text = columns.joined(separator: ",") + "\n"
        for row in rows {
            let values = [row.unit, row.indicator] + columns.dropFirst(2).map { row.fields[$0] ?? "" }
            text += values.map(csvField).joined(separator: ",") + "\n"
        }
        return text
    }

    static func csvField(_ text: String) -> String {
        guard text.contains(where: { ",\"\n\r".contains($0) }) || text.first == " " || text.last == " " else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
