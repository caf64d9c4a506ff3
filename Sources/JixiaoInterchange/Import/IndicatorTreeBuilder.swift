import Foundation
import JixiaoCore

/// Turns the data rows of a 考核表 into the indicator tree (see
/// `IndicatorSheetReader`). Problems are collected, each at its cell.
struct TreeBuilder {
    let grid: SheetGrid
    let levelColumns: [Int]
    let pointsColumn: Int
    let idColumn: Int?
    let contentColumn: Int?
    let criteriaColumn: Int?
    let ownerColumns: (office: Int?, leader: Int?, person: Int?)
    let evidenceColumn: Int?
    let verificationColumn: Int?

    var diagnostics: [Diagnostic] = []
    var warnings: [Diagnostic] = []
    var indicators: [ImportedIndicator] = []
    var declaredTotal: Decimal?
    /// Keep going after errors (import --partial).
    var partial = false

    /// A level cell's indicator while the rows are read.
    final class Node {
        let name: String
        let declaredPoints: Decimal?
        let row: Int
        let column: Int
        var children: [Node] = []
        /// Rows whose deepest level is this node.
        var rows: [Int] = []

        init(name: String, row: Int, column: Int) {
            (self.name, self.declaredPoints) = PointsText.splitName(name)
            self.row = row
            self.column = column
        }

        var allRows: [Int] { (rows + children.flatMap(\.allRows)).sorted() }
    }

    /// An indicator before ids are given.
    struct Draft {
        var name: String
        var points: Decimal
        var criteria: String?
        var owners = Owners()
        var evidence: [String] = []
        var verification: String?
        var children: [Draft] = []
        var sheetID: String?
        var firstRow: Int
    }

    struct Summary {
        var row: Int
        var value: Decimal
        var isTotal: Bool
        var group: Node?
    }

    mutating func read(from start: Int) {
        let root = Node(name: "", row: -1, column: -1)
        var previousValues = [String?](repeating: nil, count: levelColumns.count)
        var previousNodes = [Node?](repeating: nil, count: levelColumns.count)
        var summaries: [Summary] = []
        var currentTop: Node?
        for row in start..<grid.rows.count {
            if (0..<grid.columnCount).allSatisfy({ grid.shownCell(row, $0).isBlank }) { continue }
            if let summary = summary(row, group: currentTop) {
                summaries.append(summary)
                continue
            }
            var values: [String?] = []
            var isNew: [Bool] = []
            var changedAbove = false
            for (level, column) in levelColumns.enumerated() {
                if grid.isMergeContinuation(row, column) {
                    values.append(previousValues[level])
                    isNew.append(false)
                    continue
                }
                let text = grid.cell(row, column).trimmed
                if text.isEmpty {
                    values.append(changedAbove ? nil : previousValues[level])
                    isNew.append(false)
                } else {
                    let new = changedAbove || text != previousValues[level]
                    values.append(text)
                    isNew.append(new)
                    if new { changedAbove = true }
                }
            }
            var parent = root
            var nodes: [Node?] = []
            var created = false
            for (level, value) in values.enumerated() {
                guard let value else { nodes.append(nil); continue }
                let node: Node
                if !created, !isNew[level], let existing = previousNodes[level], parent.children.last === existing {
                    node = existing
                } else {
                    node = Node(name: value, row: row, column: levelColumns[level])
                    parent.children.append(node)
                    created = true
                }
                parent = node
                nodes.append(node)
            }
            parent.rows.append(row)
            previousValues = values
            previousNodes = nodes
            if let top = nodes.compactMap({ $0 }).first { currentTop = top }
        }

        var drafts: [Draft] = []
        var claimed: Set<Int> = []
        for node in root.children {
            if let draft = draftOf(node, claimed: &claimed) { drafts.append(draft) }
        }
        for row in root.rows {
            if let draft = rowDraft(row, claimed: &claimed) { drafts.append(draft) }
        }
        drafts.sort { $0.firstRow < $1.firstRow }
        guard diagnostics.isEmpty || partial else { return }
        guard !drafts.isEmpty else {
            diagnostics.append(.error(at: grid.location(start).fileOnlySheet(grid), "表头下面没有指标"))
            return
        }
        let sheetIDs = drafts.flatMap(Self.allSheetIDs)
        var counts: [String: Int] = [:]
        for id in sheetIDs { counts[id, default: 0] += 1 }
        let unique = Set(counts.filter { $0.value == 1 }.keys)
        indicators = drafts.enumerated().map { index, draft in
            assignIDs(draft, parentID: nil, index: index, uniqueSheetIDs: unique)
        }

        let total = indicators.reduce(Decimal(0)) { $0 + $1.points }
        for summary in summaries {
            let location = grid.location(summary.row, pointsColumn)
            if summary.isTotal {
                declaredTotal = summary.value
                if summary.value != total {
                    diagnostics.append(.error(at: location,
                                              "总分行写明 \(formatPlain(summary.value)) 分，各一级指标合计 \(formatPlain(total)) 分，相差 \(formatPlain(summary.value - total)) 分",
                                              hint: "核对各一级指标的分值和总分行。"))
                }
            } else if let group = summary.group, let groupIndex = indicators.firstIndex(where: { $0.name == PointsText.splitName(group.name).name }) {
                let sum = indicators[groupIndex].points
                if summary.value != sum {
                    diagnostics.append(.error(at: location,
                                              "小计行写明 \(formatPlain(summary.value)) 分，“\(indicators[groupIndex].name)”合计 \(formatPlain(sum)) 分，相差 \(formatPlain(summary.value - sum)) 分",
                                              hint: "核对这一部分各指标的分值和小计行。"))
                }
            }
        }
    }

    // MARK: Rows

    /// A total (总分/合计) or subtotal row: points but no indicator of its own.
    func summary(_ row: Int, group: Node?) -> Summary? {
        guard !grid.isMergeContinuation(row, pointsColumn), case .value(let value) = PointsText.read(grid.cell(row, pointsColumn)) else {
            return nil
        }
        // “合计/总分” written where the indicator names go (often merged across them).
        let keyword = levelColumns.lazy
            .filter { column in grid.merge(containing: row, column).map { $0.firstRow == row } ?? true }
            .map { grid.shownCell(row, $0).trimmed }
            .first { $0.contains("总分") || $0.contains("合计") || $0.contains("总计") || $0.contains("小计") }
        if keyword == nil {
            for column in [idColumn, contentColumn, criteriaColumn].compactMap({ $0 }) where !grid.shownCell(row, column).isBlank {
                return nil
            }
        }
        let texts = (0..<grid.columnCount).filter { $0 != pointsColumn }.map { grid.shownCell(row, $0).trimmed }
        if let keyword {
            let isTotal = !keyword.contains("小计")
            return Summary(row: row, value: value, isTotal: isTotal, group: isTotal ? nil : group)
        }
        let levelsBlank = levelColumns.allSatisfy { !grid.isMergeContinuation(row, $0) && grid.cell(row, $0).isBlank }
        let othersBlank = texts.allSatisfy(\.isEmpty)
        return levelsBlank && othersBlank ? Summary(row: row, value: value, isTotal: false, group: group) : nil
    }

    func text(_ row: Int, _ column: Int?) -> String? {
        guard let column else { return nil }
        let value = grid.shownCell(row, column).text.trimmingCharacters(in: .whitespacesAndNewlines)
        return value.isEmpty ? nil : value
    }

    /// A list cell (“黄永生\n许煌伟”) as one line: 黄永生、许煌伟.
    func joinedLines(_ row: Int, _ column: Int?) -> String? {
        text(row, column).map { Self.items($0, separators: "\n").joined(separator: "、") }
    }

    static func items(_ text: String, separators: String) -> [String] {
        text.split(whereSeparator: { separators.contains($0) || $0 == "\r\n" })
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// The criteria of a row: 目标内容 and 评分标准, verbatim, one per line.
    func criteria(_ row: Int) -> String? {
        let parts = [text(row, contentColumn), text(row, criteriaColumn)].compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: "\n")
    }

    mutating func points(_ row: Int) -> Decimal?? {
        if grid.isMergeContinuation(row, pointsColumn) { return .some(nil) }
        switch PointsText.read(grid.cell(row, pointsColumn)) {
        case .none: return .some(nil)
        case .value(let value):
            if value < 0 {
                diagnostics.append(.error(at: grid.location(row, pointsColumn), "分值“\(formatPlain(value))”是负数"))
                return nil
            }
            return .some(value)
        case .invalid(let text):
            diagnostics.append(.error(at: grid.location(row, pointsColumn), "分值“\(text)”不是数值",
                                      hint: "分值列只写数字，例如 2 或 0.5；说明文字写在评分标准列。"))
            return nil
        }
    }

    func fill(_ draft: inout Draft, from row: Int) {
        draft.owners = Owners(office: joinedLines(row, ownerColumns.office), leader: joinedLines(row, ownerColumns.leader),
                              person: joinedLines(row, ownerColumns.person))
        draft.evidence = text(row, evidenceColumn).map { Self.items($0, separators: "\n、；;") } ?? []
        draft.verification = text(row, verificationColumn)
    }

    /// The id written in the 序号 column for exactly these rows, if any.
    mutating func sheetID(rows: [Int], claimed: inout Set<Int>) -> String? {
        guard let idColumn, let first = rows.first, let last = rows.last, !claimed.contains(first),
              !grid.isMergeContinuation(first, idColumn) else { return nil }
        let span = grid.merge(containing: first, idColumn).map { ($0.firstRow, $0.lastRow) } ?? (first, first)
        // Unmerged: the rows below must leave the id blank (“same as above”).
        var end = span.1
        if span.0 == span.1 {
            while end < last, grid.cell(end + 1, idColumn).isBlank, !grid.isMergeContinuation(end + 1, idColumn) { end += 1 }
        }
        guard span.0 == first, end == last else { return nil }
        let id = grid.cell(first, idColumn).trimmed
        guard !id.isEmpty else { return nil }
        claimed.insert(first)
        return id.range(of: #"^[A-Za-z0-9][A-Za-z0-9._-]*$"#, options: .regularExpression) != nil ? id : nil
    }

    // MARK: Drafts

    mutating func draftOf(_ node: Node, claimed: inout Set<Int>) -> Draft? {
        let location = grid.location(node.row, node.column)
        if node.children.isEmpty, node.rows.count == 1 || sharesOneMergedPointsCell(node.rows) {
            // The level cell names the indicator itself.
            let rows = node.rows
            guard case .some(let written) = points(rows[0]) else { return nil }
            let value: Decimal
            switch (written, node.declaredPoints) {
            case (let written?, let declared?) where written != declared:
                diagnostics.append(.error(at: grid.location(rows[0], pointsColumn),
                                          "分值列写 \(formatPlain(written)) 分，指标名称“\(node.name)”中写 \(formatPlain(declared)) 分"))
                return nil
            case (let written?, _): value = written
            case (nil, let declared?): value = declared
            case (nil, nil):
                diagnostics.append(.error(at: grid.location(rows[0], pointsColumn), "指标“\(PointsText.splitName(node.name).name)”没有分值",
                                          hint: "在分值列写上这一项的分值。"))
                return nil
            }
            let texts = rows.compactMap { criteria($0) }
            var draft = Draft(name: PointsText.splitName(node.name).name, points: value,
                              criteria: texts.isEmpty ? nil : texts.joined(separator: "\n"), firstRow: node.row)
            fill(&draft, from: rows[0])
            draft.sheetID = sheetID(rows: node.allRows, claimed: &claimed)
            return draft
        }
        // A parent: its level children and its own rows, in sheet order.
        var children: [Draft] = []
        let problemsBefore = diagnostics.count
        for child in node.children {
            if let draft = draftOf(child, claimed: &claimed) { children.append(draft) }
        }
        for row in node.rows {
            if let draft = rowDraft(row, claimed: &claimed) { children.append(draft) }
        }
        children.sort { $0.firstRow < $1.firstRow }
        guard !children.isEmpty else { return nil }
        let sum = children.reduce(Decimal(0)) { $0 + $1.points }
        let name = PointsText.splitName(node.name).name
        if let declared = node.declaredPoints, declared != sum, diagnostics.count == problemsBefore {
            diagnostics.append(.error(at: location,
                                      "“\(name)”写明 \(formatPlain(declared)) 分，下级指标合计 \(formatPlain(sum)) 分，相差 \(formatPlain(declared - sum)) 分",
                                      hint: "核对这一项下各指标的分值。"))
        }
        var draft = Draft(name: name, points: node.declaredPoints ?? sum, children: children, firstRow: node.row)
        draft.sheetID = sheetID(rows: node.allRows, claimed: &claimed)
        return draft
    }

    /// A row under a merged name: one sub-item, named by its 目标内容.
    mutating func rowDraft(_ row: Int, claimed: inout Set<Int>) -> Draft? {
        guard let combined = criteria(row) else {
            diagnostics.append(.error(at: grid.location(row), "这一行没有指标名称、目标内容或评分标准，无法作为指标",
                                      hint: "补上指标名称；不需要的行请删除。"))
            return nil
        }
        guard case .some(let written) = points(row) else { return nil }
        guard let value = written else {
            diagnostics.append(.error(at: grid.location(row, pointsColumn), "这一行的指标没有分值",
                                      hint: "在分值列写上这一项的分值。"))
            return nil
        }
        let base = text(row, contentColumn) ?? text(row, criteriaColumn) ?? combined
        var draft = Draft(name: Self.shortName(base), points: value, criteria: combined, firstRow: row)
        fill(&draft, from: row)
        if let idColumn, !grid.isMergeContinuation(row, idColumn), grid.merge(containing: row, idColumn) == nil {
            let id = grid.cell(row, idColumn).trimmed
            if id.range(of: #"^[A-Za-z0-9][A-Za-z0-9._-]*$"#, options: .regularExpression) != nil, !claimed.contains(row) {
                claimed.insert(row)
                draft.sheetID = id
            }
        }
        return draft
    }

    /// True when several rows share one merged points cell: one indicator whose
    /// text runs over several rows.
    func sharesOneMergedPointsCell(_ rows: [Int]) -> Bool {
        guard rows.count > 1, let range = grid.merge(containing: rows[0], pointsColumn) else { return false }
        return range.firstRow == rows[0] && range.lastRow == rows[rows.count - 1]
    }

    /// A name from a sentence: its first clause when that is long enough to
    /// stand alone, at most 30 characters.
    static func shortName(_ text: String) -> String {
        let firstLine = text.split(separator: "\n").first.map(String.init) ?? text
        var name = firstLine
        if let stop = firstLine.firstIndex(where: { "，。；;,".contains($0) }), firstLine.distance(from: firstLine.startIndex, to: stop) >= 4 {
            name = String(firstLine[..<stop])
        }
        if name.count > 30 { name = String(name.prefix(30)) + "…" }
        return name
    }

    // MARK: Ids

    static func allSheetIDs(_ draft: Draft) -> [String] {
        (draft.sheetID.map { [$0] } ?? []) + draft.children.flatMap(allSheetIDs)
    }

    func assignIDs(_ draft: Draft, parentID: String?, index: Int, uniqueSheetIDs: Set<String>) -> ImportedIndicator {
        let id: String
        if let sheetID = draft.sheetID, uniqueSheetIDs.contains(sheetID) {
            id = sheetID
        } else if let parentID {
            id = parentID + (parentID.last?.isLetter == true ? "" : ".") + "\(index + 1)"
        } else {
            id = Self.topLevelID(index)
        }
        let children = draft.children.enumerated().map { assignIDs($1, parentID: id, index: $0, uniqueSheetIDs: uniqueSheetIDs) }
        return ImportedIndicator(id: id, name: draft.name, points: draft.points, criteria: draft.criteria, owners: draft.owners,
                                 evidence: draft.evidence, verification: draft.verification,
                                 rule: children.isEmpty ? RuleRecognition.recognize(draft.criteria, points: draft.points) : nil,
                                 children: children)
    }

    /// A, B, … Z, then Z1, Z2 …
    static func topLevelID(_ index: Int) -> String {
        index < 26 ? String(Character(Unicode.Scalar(UInt8(65 + index)))) : "Z\(index - 25)"
    }
}
