import Foundation

/// Reads results from front matter (`results/<unit>.md`) and from `results.csv`
/// rows, and merges the sources of one unit. Checking the results against the
/// indicator system is the evaluator's job.
public enum ResultsReader {
    /// Keys of one indicator's result with a fixed meaning, in the order results.csv
    /// documents its columns; every other key is a rule input.
    public static let reservedKeys = ReservedKey.allCases.map(\.rawValue)
    static let unitKeys = ["unit", "reviewer", "scores", "vetoes", "bonus", "adjustments", "components", "grade_decision"]

    /// The front matter of `results/<slug>.md`.
    public static func unitResults(frontMatter: SourceValue, unitSlug: String,
                                   diagnostics: inout [Diagnostic]) -> UnitResults {
        var results = UnitResults(unitSlug: unitSlug, location: frontMatter.location)
        guard let reader = MappingReader(frontMatter, what: "考核结果", known: unitKeys, diagnostics: &diagnostics) else {
            return results
        }
        if let unit = reader.string("unit", diagnostics: &diagnostics), unit != unitSlug {
            diagnostics.append(.error(at: reader["unit"]!.location, "“unit: \(unit)”与文件名“\(unitSlug)”不一致",
                                      hint: "文件名（去掉 .md）就是考核对象的 slug；删除 unit 或改为 \(unitSlug)。"))
        }
        for entry in reader.entries where entry.key != "unit" && !entry.value.isNull {
            results.unitKeyLocations[entry.key] = entry.keyLocation
        }
        results.reviewer = reader.string("reviewer", diagnostics: &diagnostics)
        var lists = ListCells() // front matter writes lists as lists: nothing to split
        for entry in reader.mappingEntries("scores", diagnostics: &diagnostics) ?? [] {
            if let first = results.score(entry.key) {
                diagnostics.append(.error(at: entry.keyLocation, "指标\(entry.key)的结果重复（已在 \(first.location) 给出）"))
                continue
            }
            if let result = indicatorResult(entry.value, indicatorID: entry.key, lists: &lists,
                                            diagnostics: &diagnostics) {
                results.scores.append(result)
            }
        }
        for item in reader.sequence("vetoes", diagnostics: &diagnostics) ?? [] {
            guard let vetoReader = MappingReader(item, what: "否决记录", known: ["id", "reason"], diagnostics: &diagnostics),
                  let id = vetoReader.string("id", required: true, diagnostics: &diagnostics) else { continue }
            let reason = vetoReader.string("reason", diagnostics: &diagnostics)
            if reason == nil {
                diagnostics.append(.error(at: item.location, "否决记录\(id)缺少理由“reason”", hint: "写明触发否决的事实。"))
            }
            results.vetoes.append(VetoClaim(vetoID: id, reason: reason, location: item.location))
        }
        for entry in reader.mappingEntries("bonus", diagnostics: &diagnostics) ?? [] {
            if let bonus = bonusResult(entry, diagnostics: &diagnostics) {
                if results.bonus(entry.key) != nil {
                    diagnostics.append(.error(at: entry.keyLocation, "加分项“\(entry.key)”重复"))
                    continue
                }
                results.bonus.append(bonus)
            }
        }
        for item in reader.sequence("adjustments", diagnostics: &diagnostics) ?? [] {
            if let adjustment = adjustment(item, diagnostics: &diagnostics) { results.adjustments.append(adjustment) }
        }
        for entry in reader.mappingEntries("components", diagnostics: &diagnostics) ?? [] {
            if let component = componentInput(entry, diagnostics: &diagnostics) { results.components.append(component) }
        }
        if let field = reader["grade_decision"],
           let decision = MappingReader(field, what: "等次决定 grade_decision", known: ["grade", "reason"], diagnostics: &diagnostics),
           let grade = decision.string("grade", required: true, diagnostics: &diagnostics) {
            let reason = decision.string("reason", required: true, diagnostics: &diagnostics)
            results.gradeDecision = GradeDecision(grade: grade, reason: reason ?? "", location: field.location)
        }
        return results
    }

    /// Merges several sources of one unit; a value given twice is an error at the second place.
    public static func merge(_ parts: [UnitResults], diagnostics: inout [Diagnostic]) -> UnitResults {
        guard var merged = parts.first else { return UnitResults(unitSlug: "", location: SourceLocation(file: "")) }
        for part in parts.dropFirst() {
            for (key, location) in part.unitKeyLocations.sorted(by: { $0.value < $1.value }) {
                if let first = merged.unitKeyLocations[key], !mergesItemByItem(key) {
                    diagnostics.append(duplicate("“\(key)”", at: location, first: first))
                    continue
                }
                merged.unitKeyLocations[key] = merged.unitKeyLocations[key] ?? location
                switch key {
                case "reviewer": merged.reviewer = part.reviewer
                case "vetoes": merged.vetoes = part.vetoes
                case "adjustments": merged.adjustments = part.adjustments
                case "grade_decision": merged.gradeDecision = part.gradeDecision
                default: break
                }
            }
            for score in part.scores {
                if let index = merged.scores.firstIndex(where: { $0.indicatorID == score.indicatorID }) {
                    merged.scores[index] = merge(merged.scores[index], score, diagnostics: &diagnostics)
                } else {
                    merged.scores.append(score)
                }
            }
            for bonus in part.bonus {
                if let first = merged.bonus(bonus.itemID) {
                    diagnostics.append(duplicate("加分项\(bonus.itemID)的结果", at: bonus.location, first: first.location))
                } else {
                    merged.bonus.append(bonus)
                }
            }
            for component in part.components {
                if let first = merged.components.first(where: { $0.componentID == component.componentID }) {
                    diagnostics.append(duplicate("成分\(component.componentID)的得分", at: component.location, first: first.location))
                } else {
                    merged.components.append(component)
                }
            }
        }
        return merged
    }

    /// Keys whose contents are merged entry by entry (each entry checked on its own).
    private static func mergesItemByItem(_ key: String) -> Bool {
        ["scores", "bonus", "components"].contains(key)
    }

    private static func duplicate(_ what: String, at location: SourceLocation, first: SourceLocation) -> Diagnostic {
        .error(at: location, "\(what)重复给出（已在 \(first) 给出）",
               hint: "同一个值只能写在一处：results.csv 或 results/<考核对象>.md，删除其中一处。")
    }

    /// Merges two results of the same indicator, refusing any key given in both.
    static func merge(_ first: IndicatorResult, _ second: IndicatorResult, diagnostics: inout [Diagnostic]) -> IndicatorResult {
        var merged = first
        for (key, location) in second.keyLocations.sorted(by: { $0.value < $1.value }) {
            if let earlier = first.keyLocations[key] {
                diagnostics.append(duplicate("指标\(first.indicatorID)的“\(key)”", at: location, first: earlier))
                continue
            }
            merged.keyLocations[key] = location
            switch key {
            case "score": merged.score = second.score
            case "self": merged.selfScore = second.selfScore
            case "reason", "reasons": merged.reasons += second.reasons
            case "evidence": merged.evidence = second.evidence
            case "source": merged.source = second.source
            case "reviewer": merged.reviewer = second.reviewer
            case "na": merged.notApplicable = second.notApplicable
            default:
                if let input = second.inputs.first(where: { $0.key == key }) { merged.inputs.append(input) }
            }
        }
        return merged
    }

    /// The items of a table's list cells (evidence, reasons), by their exact text: a
    /// results table repeats a few lists on thousands of rows, each split (and kept) once.
    struct ListCells: Sendable {
        private var known: [ExactText: [String]] = [:]

        mutating func items(_ text: String) -> [String] {
            if let items = known[ExactText(text)] { return items }
            let items = SourceValue.listItems(text)
            if known.count < 4096 { known[ExactText(text)] = items }
            return items
        }
    }

    /// One indicator's result from front matter (a mapping of key → value).
    static func indicatorResult(_ value: SourceValue, indicatorID: String, lists: inout ListCells,
                                diagnostics: inout [Diagnostic]) -> IndicatorResult? {
        guard let entries = value.entries else {
            diagnostics.append(value.wrongType("指标\(indicatorID)的结果", expected: "键值映射（如 { score: 1, self: 1 }）"))
            return nil
        }
        var result = IndicatorResult(indicatorID: indicatorID, location: value.location)
        result.keyLocations = KeyLocations(capacity: entries.count)
        // By index: `for entry in entries` copied every entry, its texts retained.
        for index in entries.indices where !entries[index].value.isNull {
            let key = entries[index].key
            // Every key read so far has its location recorded: a second one is a repeat.
            if result.keyLocations[key] != nil {
                diagnostics.append(.error(at: entries[index].keyLocation, "指标\(indicatorID)的结果中“\(key)”重复"))
                continue
            }
            result.keyLocations[key] = entries[index].keyLocation
            read(entries[index].value, key: key, as: ReservedKey(rawValue: key), keyLocation: entries[index].keyLocation,
                 fromTable: false, into: &result, lists: &lists, diagnostics: &diagnostics)
        }
        return result
    }

    /// A key of one indicator's result with a fixed meaning (`reservedKeys`, in order);
    /// any other key (nil) is a rule input.
    enum ReservedKey: String, CaseIterable, Sendable {
        case score, selfScore = "self", reason, reasons, evidence, source, reviewer, notApplicable = "na"
    }

    /// Reads one key's value (not null) into `result`: a reserved key's, or (`kind`
    /// nil) a rule input's. Table cells write lists as `a;b` (split through `lists`);
    /// front matter writes them as lists.
    static func read(_ field: SourceValue, key: String, as kind: ReservedKey?, keyLocation: SourceLocation, fromTable: Bool,
                     into result: inout IndicatorResult, lists: inout ListCells, diagnostics: inout [Diagnostic]) {
        switch kind {
        case .score: result.score = field.decimal("score", diagnostics: &diagnostics)
        case .selfScore: result.selfScore = field.decimal("self", diagnostics: &diagnostics)
        case .reason, .reasons:
            let splitting = fromTable && kind == .reasons
            if splitting, let text = field.text {
                result.reasons += lists.items(text)
            } else {
                result.reasons += field.stringList(key, splitting: splitting, diagnostics: &diagnostics) ?? []
            }
        case .evidence:
            if fromTable, let text = field.text {
                result.evidence = lists.items(text)
            } else {
                result.evidence = field.stringList("evidence", splitting: fromTable, diagnostics: &diagnostics) ?? []
            }
        case .source: result.source = field.string("source", diagnostics: &diagnostics)
        case .reviewer: result.reviewer = field.string("reviewer", diagnostics: &diagnostics)
        case .notApplicable: result.notApplicable = field.bool("na", diagnostics: &diagnostics) ?? false
        case nil: result.inputs.append(SourceEntry(key: key, keyLocation: keyLocation, value: field))
        }
    }

    static func bonusResult(_ entry: SourceEntry, diagnostics: inout [Diagnostic]) -> BonusResult? {
        guard let reader = MappingReader(entry.value, what: "加分项\(entry.key)的结果",
                                         known: ["points", "value", "awards", "precondition_met", "reason"],
                                         diagnostics: &diagnostics) else { return nil }
        var awards: [Award] = []
        for item in reader.sequence("awards", diagnostics: &diagnostics) ?? [] {
            guard let award = MappingReader(item, what: "表彰", known: ["level", "title"], diagnostics: &diagnostics),
                  let level = award.string("level", required: true, diagnostics: &diagnostics) else { continue }
            awards.append(Award(level: level, title: award.string("title", diagnostics: &diagnostics), location: item.location))
        }
        return BonusResult(itemID: entry.key, location: entry.value.location,
                           points: reader.nonNegativeDecimal("points", diagnostics: &diagnostics),
                           value: reader.nonNegativeDecimal("value", diagnostics: &diagnostics),
                           awards: awards,
                           preconditionMet: reader.bool("precondition_met", diagnostics: &diagnostics) ?? true,
                           reason: reader.string("reason", diagnostics: &diagnostics))
    }

    static func adjustment(_ value: SourceValue, diagnostics: inout [Diagnostic]) -> Adjustment? {
        guard let reader = MappingReader(value, what: "调整项", known: ["points", "kind", "reason", "source", "notice_year"],
                                         diagnostics: &diagnostics) else { return nil }
        let points = reader.decimal("points", required: true, diagnostics: &diagnostics)
        var kind = Adjustment.Kind.other
        if let text = reader.string("kind", diagnostics: &diagnostics) {
            if let parsed = Adjustment.Kind(rawValue: text) {
                kind = parsed
            } else {
                diagnostics.append(.error(at: reader["kind"]!.location, "调整类型“\(text)”未知",
                                          hint: "kind 可为 inspection（察访核验）、external（上级通报扣分，按通报年度计）或 other。"))
                return nil
            }
        }
        let reason = reader.string("reason", required: true, diagnostics: &diagnostics)
        let noticeYear = reader.integer("notice_year", diagnostics: &diagnostics)
        if kind == .external && noticeYear == nil && !reader.has("notice_year") {
            reader.missing("notice_year", expected: "通报年度", diagnostics: &diagnostics,
                           hint: "上级通报的扣分按通报当年计入（R21），须写明 notice_year。")
        }
        guard let points, let reason else { return nil }
        return Adjustment(points: points, kind: kind, reason: reason,
                          source: reader.string("source", diagnostics: &diagnostics),
                          noticeYear: noticeYear, location: value.location)
    }

    static func componentInput(_ entry: SourceEntry, diagnostics: inout [Diagnostic]) -> ComponentInput? {
        let field = entry.value
        if field.text != nil {
            guard let value = field.decimal(entry.key, diagnostics: &diagnostics) else { return nil }
            return ComponentInput(componentID: entry.key, value: .single(value), location: field.location)
        }
        guard let groups = field.entries else {
            diagnostics.append(field.wrongType(entry.key, expected: "百分制得分，或按评价组列出的得分（如 { main: [90, 88] }）"))
            return nil
        }
        var values: [ComponentInput.GroupValues] = []
        for group in groups {
            let items = group.value.items ?? (group.value.text != nil ? [group.value] : [])
            if items.isEmpty {
                diagnostics.append(group.value.wrongType(group.key, expected: "得分列表"))
                continue
            }
            let scores = items.compactMap { $0.decimal(group.key, diagnostics: &diagnostics) }
            guard scores.count == items.count else { continue }
            values.append(ComponentInput.GroupValues(groupID: group.key, values: scores, location: group.value.location))
        }
        return ComponentInput(componentID: entry.key, value: .groups(values), location: field.location)
    }
}
