import Foundation
import JixiaoCore

/// Finds the header row of a sheet by the names in it: title rows above it
/// (“2021年度……考评表”, “参评单位（盖章）：……”) are skipped. A header written
/// over two rows (a merged “一级指标” above “序号 | 目标内容 | 权重”) is read as one.
struct HeaderRow<Role: Hashable> {
    /// Grid row of the (last) header row; data starts on the next row.
    var row: Int
    /// Column index → role.
    var columns: [Int: Role]
    /// Header cells that name nothing known: (column, text).
    var unknown: [(column: Int, text: String)]

    static func find(in grid: SheetGrid, scanRows: Int = 30, minimumMatches: Int = 2,
                     role: (String) -> MappedRole<Role>?) -> HeaderRow? {
        func matches(_ row: Int) -> [Int: Role] {
            var found: [Int: Role] = [:]
            for column in 0..<grid.columnCount {
                if grid.isMergeContinuation(row, column), grid.merge(containing: row, column)?.firstRow != row { continue }
                let text = grid.cell(row, column).trimmed
                guard !text.isEmpty, case .role(let role)? = role(text) else { continue }
                found[column] = role
            }
            return found
        }
        var best: (row: Int, columns: [Int: Role])?
        for row in 0..<min(scanRows, grid.rows.count) {
            let found = matches(row)
            if found.count >= minimumMatches, found.count > (best?.columns.count ?? 0) { best = (row, found) }
        }
        guard var (row, columns) = best else { return nil }
        // A second header row below: more known names in columns not yet named.
        if row + 1 < grid.rows.count {
            let below = matches(row + 1).filter { columns[$0.key] == nil }
            let belowHasNumbers = (0..<grid.columnCount).contains {
                if case .number = grid.cell(row + 1, $0) { return true }
                return false
            }
            if !below.isEmpty, !belowHasNumbers {
                columns.merge(below) { first, _ in first }
                row += 1
            }
        }
        var unknown: [(Int, String)] = []
        for column in 0..<grid.columnCount where columns[column] == nil {
            var text = grid.cell(row, column).trimmed
            if text.isEmpty, row > 0, !grid.isMergeContinuation(row, column) { text = grid.cell(row - 1, column).trimmed }
            if !text.isEmpty, role(text) == nil { unknown.append((column, text)) }
        }
        return HeaderRow(row: row, columns: columns, unknown: unknown)
    }
}
