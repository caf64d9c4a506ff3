import Foundation

extension IndicatorSystem {
    /// Reads indicators.yaml (or .json); nil when it is unusable.
    public static func decode(_ value: SourceValue, diagnostics: inout [Diagnostic]) -> IndicatorSystem? {
        guard let reader = MappingReader(value, what: "指标体系", known: ["total", "indicators", "bonus", "vetoes"],
                                         diagnostics: &diagnostics) else { return nil }
        let declaredTotal = reader.positiveDecimal("total", diagnostics: &diagnostics)
        guard let items = reader.sequence("indicators", required: true, diagnostics: &diagnostics) else { return nil }
        var indicators: [Indicator] = []
        var complete = true
        for item in items {
            if let indicator = Indicator.decode(item, level: 1, diagnostics: &diagnostics) {
                indicators.append(indicator)
            } else {
                complete = false
            }
        }
        let (bonus, vetoes) = bonusAndVetoes(reader, diagnostics: &diagnostics)
        let system = IndicatorSystem(declaredTotal: declaredTotal, indicators: indicators, bonus: bonus, vetoes: vetoes,
                                     location: value.location)
        system.validate(complete: complete, diagnostics: &diagnostics)
        return system
    }

    /// `bonus` and `vetoes` of indicators.yaml or of indicators/_index.md.
    private static func bonusAndVetoes(_ reader: MappingReader, diagnostics: inout [Diagnostic]) -> (BonusScheme?, [Veto]) {
        let bonus = reader["bonus"].flatMap { BonusScheme.decode($0, diagnostics: &diagnostics) }
        var vetoes: [Veto] = []
        for item in reader.sequence("vetoes", diagnostics: &diagnostics) ?? [] {
            if let veto = Veto.decode(item, diagnostics: &diagnostics) { vetoes.append(veto) }
        }
        return (bonus, vetoes)
    }

    /// indicators/*.md: each file's front matter is one top-level indicator (with
    /// optional children), its body the 评分说明. Files come ordered by name.
    /// `index`, the front matter of indicators/_index.md, holds what indicators.yaml
    /// has beside the indicators: `total`, `bonus`, `vetoes`.
    public static func decode(files: [(frontMatter: SourceValue, body: String)], index: SourceValue? = nil,
                              diagnostics: inout [Diagnostic]) -> IndicatorSystem? {
        var indicators: [Indicator] = []
        var complete = true
        for file in files {
            let body = file.body.trimmingCharacters(in: .whitespacesAndNewlines)
            if let indicator = Indicator.decode(file.frontMatter, level: 1, explanation: body.isEmpty ? nil : body,
                                                diagnostics: &diagnostics) {
                indicators.append(indicator)
            } else {
                complete = false
            }
        }
        guard !files.isEmpty else {
            if let index {
                diagnostics.append(.error(at: index.location, "indicators/ 文件夹中只有 _index.md，没有指标文件",
                                          hint: "每个一级指标写一个文件，例如 indicators/A.md；_index.md 只写总分、加分项和否决项。"))
            }
            return nil
        }
        var declaredTotal: Decimal?
        var bonus: BonusScheme?
        var vetoes: [Veto] = []
        if let index, let reader = MappingReader(index, what: "indicators/_index.md", known: ["total", "bonus", "vetoes"],
                                                 diagnostics: &diagnostics) {
            declaredTotal = reader.positiveDecimal("total", diagnostics: &diagnostics)
            (bonus, vetoes) = bonusAndVetoes(reader, diagnostics: &diagnostics)
        }
        let system = IndicatorSystem(declaredTotal: declaredTotal, indicators: indicators, bonus: bonus, vetoes: vetoes,
                                     location: index?.location ?? files[0].frontMatter.location)
        system.validate(complete: complete, diagnostics: &diagnostics)
        return system
    }

    /// The checks that need the whole system: ids unique, the declared total matches,
    /// n/a targets are siblings, vetoes name existing indicators. (Children summing to
    /// their parent and rule parameters are checked while decoding.)
    public func validate(complete: Bool = true, diagnostics: inout [Diagnostic]) {
        var seen: [String: SourceLocation] = [:]
        func claim(_ id: String, at location: SourceLocation, what: String) {
            if let first = seen[id] {
                diagnostics.append(.error(at: location, "编号“\(id)”重复：\(what)与 \(first) 处的编号相同",
                                          hint: "指标、加分项和否决项的编号在一次考核中必须唯一。"))
            } else {
                seen[id] = location
            }
        }
        for indicator in allIndicators { claim(indicator.id, at: indicator.location, what: "指标") }
        for item in bonus?.items ?? [] { claim(item.id, at: item.location, what: "加分项") }
        for veto in vetoes { claim(veto.id, at: veto.location, what: "否决项") }

        if let declaredTotal, complete, declaredTotal != total {
            diagnostics.append(.error(
                at: location, "指标体系声明的总分 total 为\(formatPlain(declaredTotal))，但一级指标分值之和为\(formatPlain(total))",
                hint: "一级指标（\(indicators.map { "\($0.id) \(formatPlain($0.points))" }.joined(separator: " + "))）之和必须等于 total。"))
        }
        validateNotApplicableTargets(indicators, diagnostics: &diagnostics)
        let ids = Set(allIndicators.map(\.id))
        for veto in vetoes {
            if let target = veto.scope.indicatorID, !ids.contains(target) {
                diagnostics.append(.error(at: veto.location, "否决项\(veto.id)指向的指标“\(target)”不存在",
                                          hint: "indicator 或 ancestor 须为指标体系中的指标编号。"))
            }
        }
    }

    private func validateNotApplicableTargets(_ siblings: [Indicator], diagnostics: inout [Diagnostic]) {
        for indicator in siblings {
            if case .to(let target) = indicator.notApplicable {
                if target == indicator.id {
                    diagnostics.append(.error(at: indicator.location, "指标\(indicator.id)不适用时的分值不能计入它自己"))
                } else if !siblings.contains(where: { $0.id == target }) {
                    diagnostics.append(.error(at: indicator.location, "指标\(indicator.id)不适用时计入的“\(target)”不是它的同级指标",
                                              hint: "not_applicable: { to: … } 须指向同一上级下的另一个指标：\(siblings.map(\.id).filter { $0 != indicator.id }.joined(separator: "、"))。"))
                }
            }
            validateNotApplicableTargets(indicator.children, diagnostics: &diagnostics)
        }
    }
}
