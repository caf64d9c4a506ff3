import Foundation
import JixiaoCore

/// The tables an evaluation exports, as workbook sheets: the ranking, every
/// unit × indicator score, and the indicator system.
public enum ExportTables {
    public enum Table: String, Sendable, CaseIterable {
        case ranking, scores
    }

    /// The workbook of one table, with the indicator system as its second sheet.
    /// `groupsMadeWhenWritten`: the scores sheet's units' rows are made only when
    /// written (see `Sheet.makeGroup`).
    public static func workbook(_ result: EvaluationResult, table: Table, groupsMadeWhenWritten: Bool = false) -> XLSXWorkbook {
        var sheets = [table == .ranking ? ranking(result) : scores(result, groupsMadeWhenWritten: groupsMadeWhenWritten)]
        if let system = indicatorSheet(result) { sheets.append(system) }
        return XLSXWorkbook(sheets: sheets, precision: result.settings.precision)
    }

    static func title(_ result: EvaluationResult, _ what: String) -> String {
        result.settings.title + what + (result.settings.sampleData ? "（示例数据）" : "")
    }

    static func score(_ value: Decimal, _ precision: Int) -> XLSXWorkbook.Cell {
        .number(formatScore(value, precision: precision))
    }

    public static func ranking(_ result: EvaluationResult) -> XLSXWorkbook.Sheet {
        let precision = result.settings.precision
        let components = result.settings.formula?.components ?? []
        let header = ["排名", "并列", result.settings.unitKind, "代码"] + components.map(\.name)
            + ["指标得分", "加分", "加减分", "总分", "等次"]
        let rows: [[XLSXWorkbook.Cell]] = result.ranking.map { unit in
            [.integer(unit.rank), unit.tied ? .text("并列") : .empty, .text(unit.unit.name), .text(unit.unit.slug)]
                + unit.components.map { score($0.value, precision) }
                + [score(unit.indicatorTotal, precision), score(unit.bonusTotal, precision),
                   score(unit.adjustmentTotal, precision), score(unit.total, precision),
                   unit.gradeName.isEmpty ? .empty : .text(unit.gradeName)]
        }
        return XLSXWorkbook.Sheet(name: "排名", title: title(result, "排名"), header: header, rows: rows)
    }

    public static func scores(_ result: EvaluationResult, groupsMadeWhenWritten: Bool = false) -> XLSXWorkbook.Sheet {
        let precision = result.settings.precision
        let header = ["代码", result.settings.unitKind, "指标编号", "指标名称", "层级", "分值", "自评得分", "得分", "扣分", "扣分原因", "计算过程"]
        // The units' codes and names and the indicators' ids and names, from the
        // evaluation's definitions: shared texts, written once (see `Sheet.sharedTexts`).
        // A unit or indicator the definitions do not have as the row has it is written as text.
        var sharedTexts: [String] = []
        var unitTexts: [String: Int] = [:], indicatorTexts: [String: Int] = [:]
        for unit in result.settings.units where unitTexts[unit.slug] == nil {
            unitTexts[unit.slug] = sharedTexts.count
            sharedTexts += [unit.slug, unit.name]
        }
        for indicator in result.system?.allIndicators ?? [] where indicatorTexts[indicator.id] == nil {
            indicatorTexts[indicator.id] = sharedTexts.count
            sharedTexts += [indicator.id, indicator.name]
        }
        let texts = sharedTexts, units = unitTexts, indicators = indicatorTexts
        /// The cells of an (id, name) pair: shared when the table has them as given.
        @Sendable func pair(_ id: String, _ name: String, at place: Int?) -> (XLSXWorkbook.Cell, XLSXWorkbook.Cell) {
            // By bytes: String's == would take an equivalent name written differently for this one.
            guard let place, ExactText(texts[place + 1]) == ExactText(name) else { return (.text(id), .text(name)) }
            return (.sharedText(place), .sharedText(place + 1))
        }
        @Sendable func indicatorPair(_ items: [IndicatorScore], _ index: Int) -> (XLSXWorkbook.Cell, XLSXWorkbook.Cell) {
            pair(items[index].indicator.id, items[index].indicator.name, at: indicators[items[index].indicator.id])
        }
        // Found by the indicator's place (see PerIndicator), not by hashing its id on every row.
        let indicatorCells = PerIndicator(result.units.first?.indicators ?? [], make: indicatorPair)
        // One row per indicator score, the unit's own rows a group of their own.
        @Sendable func rows(_ unit: UnitScore) -> [[XLSXWorkbook.Cell]] {
            var rows: [[XLSXWorkbook.Cell]] = []
            let (slug, name) = pair(unit.unit.slug, unit.unit.name, at: units[unit.unit.slug])
            unit.indicators.forEachInPlace { items, index in
                let (id, indicatorName) = indicatorCells.value(for: items[index]) ?? indicatorPair(items, index)
                rows.append([
                    slug, name, id, indicatorName, .integer(items[index].indicator.level),
                    score(items[index].points, precision),
                    items[index].selfScore.map { score($0, precision) } ?? .empty,
                    items[index].score.map { score($0, precision) } ?? .text("不适用"),
                    items[index].notApplicable ? .empty : score(items[index].deduction, precision),
                    items[index].reasons.isEmpty ? .empty : .text(items[index].reasons.joined(separator: "；")),
                    items[index].computation.isEmpty ? .empty : .text(items[index].computation),
                ])
            }
            return rows
        }
        let scored = result.units
        let groupSizes = scored.map(\.indicators.countInTrees)
        var sheet = XLSXWorkbook.Sheet(
            name: "得分明细", title: title(result, "得分明细"), header: header,
            rows: groupsMadeWhenWritten ? Array(repeating: [], count: groupSizes.reduce(0, +)) : scored.flatMap(rows),
            wrapColumns: [9, 10], groupSizes: groupSizes)
        sheet.sharedTexts = texts
        if groupsMadeWhenWritten { sheet.makeGroup = { rows(scored[$0]) } }
        return sheet
    }

    public static func indicatorSheet(_ result: EvaluationResult) -> XLSXWorkbook.Sheet? {
        guard let system = result.system else { return nil }
        let usesWeight = system.allIndicators.contains(where: \.usesWeight)
        let header = ["指标编号", "指标名称", "层级", usesWeight ? "权重" : "分值", "评分标准", "评分规则",
                      "责任单位", "责任领导", "责任人", "佐证材料", "核验方式"]
        func text(_ value: String?) -> XLSXWorkbook.Cell {
            guard let value, !value.isEmpty else { return .empty }
            return .text(value)
        }
        let rows: [[XLSXWorkbook.Cell]] = system.allIndicators.map { indicator in
            [.text(indicator.id), .text(indicator.name), .integer(indicator.level), .number(formatPlain(indicator.points)),
             text(indicator.criteria), text(indicator.ruleDescription), text(indicator.owners.office),
             text(indicator.owners.leader), text(indicator.owners.person),
             text(indicator.evidence.joined(separator: "、")), text(indicator.verification)]
        }
        return XLSXWorkbook.Sheet(name: "指标体系", title: result.settings.title + "指标体系", header: header, rows: rows,
                                  wrapColumns: [4, 5])
    }
}
