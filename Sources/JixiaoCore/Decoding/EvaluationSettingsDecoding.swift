import Foundation

extension EvaluationSettings {
    static let knownKeys = ["title", "short_title", "year", "issuer", "summary", "sample_data", "precision",
                            "unit_kind", "units", "formula", "grading", "ranking",
                            "audience"] // audience: read by the publishing layer (who may see which page)

    /// Reads evaluation.yaml; nil when it is unusable (the reasons are in `diagnostics`).
    public static func decode(_ value: SourceValue, diagnostics: inout [Diagnostic]) -> EvaluationSettings? {
        guard let reader = MappingReader(value, what: "考核设置", known: knownKeys, diagnostics: &diagnostics) else {
            return nil
        }
        let title = reader.string("title", required: true, diagnostics: &diagnostics)
        let year = reader.integer("year", required: true, diagnostics: &diagnostics)
        if let year, !(1949...2999).contains(year), let field = reader["year"] {
            diagnostics.append(.error(at: field.location, "考核年度\(year)不是有效的年份", hint: "写四位数的年份，如 2019。"))
        }
        var precision = 2
        if let field = reader["precision"], let value = field.integer("precision", diagnostics: &diagnostics) {
            if (0...6).contains(value) {
                precision = value
            } else {
                diagnostics.append(.error(at: field.location, "精度“precision”应在0到6之间（这里是\(value)）",
                                          hint: "precision 是公布得分保留的小数位数，通常为2。"))
            }
        }
        let units = decodeUnits(reader, diagnostics: &diagnostics)
        let formula = reader["formula"].flatMap { CompositeFormula.decode($0, diagnostics: &diagnostics) }
        let grading = reader["grading"].map { GradingScheme.decode($0, diagnostics: &diagnostics) }
            ?? .undeclared(at: value.location)
        var tieBreakers: [String] = []
        var tieBreakersLocation = value.location
        if let ranking = reader["ranking"],
           let rankingReader = MappingReader(ranking, what: "排名设置 ranking", known: ["tie_breakers"],
                                             diagnostics: &diagnostics) {
            tieBreakers = rankingReader.stringList("tie_breakers", diagnostics: &diagnostics)
            tieBreakersLocation = rankingReader["tie_breakers"]?.location ?? ranking.location
        }
        // Other errors are reported but do not stop the evaluation: later checks still run.
        guard let title, let year else { return nil }
        return EvaluationSettings(
            title: title,
            shortTitle: reader.string("short_title", diagnostics: &diagnostics),
            year: year,
            issuer: reader.string("issuer", diagnostics: &diagnostics),
            summary: reader.string("summary", diagnostics: &diagnostics),
            sampleData: reader.bool("sample_data", diagnostics: &diagnostics) ?? false,
            precision: precision,
            unitKind: reader.string("unit_kind", diagnostics: &diagnostics) ?? "考核对象",
            units: units,
            formula: formula,
            grading: grading,
            tieBreakers: tieBreakers,
            location: value.location,
            tieBreakersLocation: tieBreakersLocation)
    }

    private static func decodeUnits(_ reader: MappingReader, diagnostics: inout [Diagnostic]) -> [AssessedUnit] {
        guard let items = reader.sequence("units", required: true, diagnostics: &diagnostics) else { return [] }
        var units: [AssessedUnit] = []
        var seen: [String: SourceLocation] = [:]
        for item in items {
            guard let unit = MappingReader(item, what: "考核对象", known: ["slug", "name"], diagnostics: &diagnostics),
                  let slug = unit.string("slug", required: true, diagnostics: &diagnostics),
                  let name = unit.string("name", required: true, diagnostics: &diagnostics) else { continue }
            // On bytes: Character's isLowercase looks the letter up in Unicode's tables (thousands of units).
            if !slug.utf8.allSatisfy({ (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") }) {
                diagnostics.append(.error(at: unit["slug"]!.location, "考核对象的 slug“\(slug)”只能由小写字母、数字、- 和 _ 组成",
                                          hint: "slug 用于文件名和网址，如 nanning、jinjiang-bureau。"))
                continue
            }
            if let first = seen[slug] {
                diagnostics.append(.error(at: item.location, "考核对象“\(slug)”重复（第一次出现在 \(first)）"))
                continue
            }
            seen[slug] = item.location
            units.append(AssessedUnit(slug: slug, name: name))
        }
        return units
    }
}

extension CompositeFormula {
    static func decode(_ value: SourceValue, diagnostics: inout [Diagnostic]) -> CompositeFormula? {
        guard let reader = MappingReader(value, what: "计分公式 formula", known: ["components"], diagnostics: &diagnostics),
              let items = reader.sequence("components", required: true, diagnostics: &diagnostics) else { return nil }
        var components: [FormulaComponent] = []
        var ids = Set<String>()
        for item in items {
            guard let component = FormulaComponent.decode(item, diagnostics: &diagnostics) else { continue }
            if !ids.insert(component.id).inserted {
                diagnostics.append(.error(at: component.location, "公式成分编号“\(component.id)”重复"))
                continue
            }
            components.append(component)
        }
        if components.count == items.count {
            let sum = components.reduce(Decimal(0)) { $0 + $1.weight }
            if sum != 100 {
                diagnostics.append(.error(at: value.location, "公式各成分的权重之和为\(formatPlain(sum))，应为100",
                                          hint: "权重是百分数，如 70、20、10。"))
            }
        }
        if components.filter({ $0.source == .indicators }).count > 1 {
            diagnostics.append(.error(at: value.location, "公式中只能有一个成分取自指标考核（source: indicators）"))
        }
        return CompositeFormula(components: components, location: value.location)
    }
}

extension FormulaComponent {
    static func decode(_ value: SourceValue, diagnostics: inout [Diagnostic]) -> FormulaComponent? {
        guard let reader = MappingReader(value, what: "公式成分", known: ["id", "name", "weight", "source", "groups"],
                                         diagnostics: &diagnostics) else { return nil }
        let id = reader.string("id", required: true, diagnostics: &diagnostics)
        let name = reader.string("name", required: true, diagnostics: &diagnostics)
        let weight = reader.positiveDecimal("weight", required: true, diagnostics: &diagnostics)
        var source: Source = id == "indicators" ? .indicators : .results
        if let text = reader.string("source", diagnostics: &diagnostics) {
            if let parsed = Source(rawValue: text) {
                source = parsed
            } else {
                diagnostics.append(.error(at: reader["source"]!.location, "成分来源“\(text)”未知",
                                          hint: "source 可为 indicators（指标考核得分折算为百分制）或 results（从考核结果的 components 读取）。"))
            }
        }
        var groups: [ComponentGroup] = []
        if let items = reader.sequence("groups", diagnostics: &diagnostics) {
            if source == .indicators {
                diagnostics.append(.error(at: reader["groups"]!.location, "取自指标考核的成分不能分组"))
            }
            var ids = Set<String>()
            for item in items {
                guard let group = MappingReader(item, what: "评价组", known: ["id", "name", "weight"], diagnostics: &diagnostics),
                      let groupID = group.string("id", required: true, diagnostics: &diagnostics),
                      let groupName = group.string("name", required: true, diagnostics: &diagnostics),
                      let groupWeight = group.positiveDecimal("weight", required: true, diagnostics: &diagnostics)
                else { continue }
                if !ids.insert(groupID).inserted {
                    diagnostics.append(.error(at: item.location, "评价组编号“\(groupID)”重复"))
                    continue
                }
                groups.append(ComponentGroup(id: groupID, name: groupName, weight: groupWeight, location: item.location))
            }
            let sum = groups.reduce(Decimal(0)) { $0 + $1.weight }
            if groups.count == items.count && sum != 100 {
                diagnostics.append(.error(at: reader["groups"]!.location,
                                          "成分“\(name ?? id ?? "")”各评价组的权重之和为\(formatPlain(sum))，应为100"))
            }
        }
        guard let id, let name, let weight else { return nil }
        return FormulaComponent(id: id, name: name, weight: weight, source: source, groups: groups, location: value.location)
    }
}

extension GradingScheme {
    static func decode(_ value: SourceValue, diagnostics: inout [Diagnostic]) -> GradingScheme {
        var scheme = GradingScheme.undeclared(at: value.location)
        scheme.isDeclared = true
        guard let reader = MappingReader(value, what: "等次设置 grading",
                                         known: ["pass_line", "excellent_quota", "excellent_min", "names"],
                                         diagnostics: &diagnostics) else { return scheme }
        scheme.passLine = reader.decimal("pass_line", diagnostics: &diagnostics)
        scheme.excellentMin = reader.decimal("excellent_min", diagnostics: &diagnostics)
        if let field = reader["excellent_quota"] {
            if let text = field.text, let quota = Fraction.parseRatio(text) {
                scheme.excellentQuota = quota
            } else {
                diagnostics.append(.error(at: field.location, "优秀比例“excellent_quota”应为0到1之间的比例，这里是\(field.kindName)",
                                          hint: "写成 1/3、0.3 或 30%。"))
            }
        }
        if let entries = reader.mappingEntries("names", diagnostics: &diagnostics) {
            let names = SourceValue.mapping(entries, at: reader["names"]!.location)
            if let namesReader = MappingReader(names, what: "等次名称 names", known: ["excellent", "pass", "fail", "pending"],
                                               diagnostics: &diagnostics) {
                if let text = namesReader.string("excellent", diagnostics: &diagnostics) { scheme.names.excellent = text }
                if let text = namesReader.string("pass", diagnostics: &diagnostics) { scheme.names.pass = text }
                if let text = namesReader.string("fail", diagnostics: &diagnostics) { scheme.names.fail = text }
                if let text = namesReader.string("pending", diagnostics: &diagnostics) { scheme.names.pending = text }
                let all = [scheme.names.excellent, scheme.names.pass, scheme.names.fail, scheme.names.pending]
                if Set(all).count != all.count {
                    diagnostics.append(.error(at: names.location, "等次名称不能重复：\(all.joined(separator: "、"))"))
                }
            }
        }
        return scheme
    }
}

extension Fraction {
    /// `1/3`, `0.3` or `30%`, between 0 and 1.
    static func parseRatio(_ text: String) -> Fraction? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        var fraction: Fraction?
        if trimmed.hasSuffix("%") || trimmed.hasSuffix("％") {
            fraction = DecimalText.decimal(String(trimmed.dropLast())).map { Fraction(numerator: $0, denominator: 100) }
        } else if let slash = trimmed.firstIndex(where: { $0 == "/" || $0 == "／" }) {
            if let numerator = DecimalText.decimal(String(trimmed[..<slash])),
               let denominator = DecimalText.decimal(String(trimmed[trimmed.index(after: slash)...])), denominator > 0 {
                fraction = Fraction(numerator: numerator, denominator: denominator)
            }
        } else {
            fraction = DecimalText.decimal(trimmed).map { Fraction(numerator: $0, denominator: 1) }
        }
        guard let fraction, fraction.numerator >= 0, fraction.numerator <= fraction.denominator else { return nil }
        return fraction
    }
}

extension Array where Element == Diagnostic {
    var errorCount: Int { filter { $0.severity == .error }.count }
}
