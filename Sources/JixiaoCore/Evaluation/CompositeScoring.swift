import Foundation

/// R18/R19: each component on a 100 scale, weighted; groups averaged first.
struct CompositeScoring {
    let formula: CompositeFormula
    let systemTotal: Decimal?
    let precision: Int

    func components(unit: AssessedUnit, results: UnitResults, indicatorTotal: Decimal,
                    diagnostics: inout [Diagnostic]) -> [ComponentScore] {
        for input in results.components where !formula.components.contains(where: { $0.id == input.componentID }) {
            diagnostics.append(.error(at: input.location, "\(unit.name)的结果中有公式里没有的成分“\(input.componentID)”",
                                      hint: "公式的成分：\(formula.components.map(\.id).joined(separator: "、"))。"))
        }
        return formula.components.map { component in
            let (value, text) = self.value(of: component, unit: unit, results: results, indicatorTotal: indicatorTotal,
                                           diagnostics: &diagnostics)
            let weighted = (value * component.weight / 100).roundedHalfUp(precision)
            return ComponentScore(id: component.id, name: component.name, weight: component.weight, value: value,
                                  weighted: weighted,
                                  computation: text + "；× \(formatPlain(component.weight))% = \(score(weighted))")
        }
    }

    private func score(_ value: Decimal) -> String { formatScore(value, precision: precision) }

    private func value(of component: FormulaComponent, unit: AssessedUnit, results: UnitResults, indicatorTotal: Decimal,
                       diagnostics: inout [Diagnostic]) -> (Decimal, String) {
        if component.source == .indicators {
            guard let systemTotal, systemTotal > 0 else { return (0, "没有指标体系") }
            let value = (indicatorTotal * 100 / systemTotal).roundedHalfUp(precision)
            if systemTotal == 100 { return (value, "指标得分\(score(indicatorTotal))") }
            return (value, "指标得分\(score(indicatorTotal)) × 100 ÷ \(formatPlain(systemTotal)) = \(score(value))")
        }
        guard let input = results.components.first(where: { $0.componentID == component.id }) else {
            diagnostics.append(.error(at: results.location, "\(unit.name)缺少成分“\(component.name)”（\(component.id)）的得分",
                                      hint: "在 results/\(unit.slug).md 的 components 中写 \(component.id)。"))
            return (0, "缺少得分（按0分计）")
        }
        switch (input.value, component.groups.isEmpty) {
        case (.single(let value), true):
            guard checkRange(value, at: input.location, unit: unit, what: component.name, diagnostics: &diagnostics) else {
                return (0, "得分有误（按0分计）")
            }
            return (value, "\(component.name)\(score(value))")
        case (.groups(let given), false):
            return groupedValue(component, given: given, unit: unit, location: input.location, diagnostics: &diagnostics)
        case (.single, false):
            diagnostics.append(.error(at: input.location, "\(unit.name)的成分“\(component.name)”按评价组计分，应按组列出得分",
                                      hint: "写成 { \(component.groups.map { "\($0.id): [90, 88]" }.joined(separator: ", ")) }。"))
            return (0, "得分有误（按0分计）")
        case (.groups, true):
            diagnostics.append(.error(at: input.location, "\(unit.name)的成分“\(component.name)”不分组，应为一个百分制得分"))
            return (0, "得分有误（按0分计）")
        }
    }

    private func groupedValue(_ component: FormulaComponent, given: [ComponentInput.GroupValues], unit: AssessedUnit,
                              location: SourceLocation, diagnostics: inout [Diagnostic]) -> (Decimal, String) {
        for group in given where !component.groups.contains(where: { $0.id == group.groupID }) {
            diagnostics.append(.error(at: group.location, "\(unit.name)的成分“\(component.name)”中没有评价组“\(group.groupID)”",
                                      hint: "评价组：\(component.groups.map(\.id).joined(separator: "、"))。"))
        }
        var sum = Decimal(0)
        var terms: [String] = []
        for group in component.groups {
            guard let values = given.first(where: { $0.groupID == group.id }), !values.values.isEmpty else {
                diagnostics.append(.error(at: location, "\(unit.name)的成分“\(component.name)”缺少评价组“\(group.name)”（\(group.id)）的得分"))
                return (0, "得分有误（按0分计）")
            }
            for value in values.values {
                guard checkRange(value, at: values.location, unit: unit, what: group.name, diagnostics: &diagnostics) else {
                    return (0, "得分有误（按0分计）")
                }
            }
            let mean = (values.values.reduce(Decimal(0), +) / Decimal(values.values.count)).roundedHalfUp(precision)
            sum += mean * group.weight / 100
            terms.append("\(group.name)平均\(score(mean)) × \(formatPlain(group.weight))%")
        }
        let value = sum.roundedHalfUp(precision)
        return (value, "\(component.name)：" + terms.joined(separator: " + ") + " = \(score(value))")
    }

    private func checkRange(_ value: Decimal, at location: SourceLocation, unit: AssessedUnit, what: String,
                            diagnostics: inout [Diagnostic]) -> Bool {
        guard value < 0 || value > 100 else { return true }
        diagnostics.append(.error(at: location, "\(unit.name)的“\(what)”得分\(formatPlain(value))不在0到100之间",
                                  hint: "公式各成分按百分制计分。"))
        return false
    }
}
