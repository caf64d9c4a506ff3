import Foundation

extension ScoringRule {
    static let parameterKeys: [String: [String]] = [
        "manual": [],
        "binary": [],
        "checklist": ["items"],
        "per_occurrence": ["deduction", "cap"],
        "per_kind": ["deductions", "cap"],
        "status": ["levels"],
        "proportional": ["target"],
        "threshold": ["threshold", "reading"],
        "steps": ["target", "step", "deduction", "partial"],
        "bands": ["bands"],
        "event": ["deduction"],
    ]

    /// Reads `rule: { kind: …, parameters }` of an indicator worth `points`.
    static func decode(_ value: SourceValue, points: Decimal, indicatorID: String,
                       diagnostics: inout [Diagnostic]) -> ScoringRule? {
        let what = "指标\(indicatorID)的评分规则"
        guard let entries = value.entries else {
            diagnostics.append(value.wrongType("rule", expected: "键值映射（如 { kind: binary }）"))
            return nil
        }
        guard let kindValue = entries.first(where: { $0.key == "kind" })?.value, let kind = kindValue.text else {
            diagnostics.append(.error(at: value.location, "\(what)缺少“kind”",
                                      hint: "kind 可为：\(parameterKeys.keys.sorted().joined(separator: "、"))。"))
            return nil
        }
        guard let parameters = parameterKeys[kind] else {
            diagnostics.append(.error(at: kindValue.location, "\(what)的类型“\(kind)”未知",
                                      hint: "kind 可为：\(parameterKeys.keys.sorted().joined(separator: "、"))。"))
            return nil
        }
        guard let reader = MappingReader(value, what: what, known: ["kind"] + parameters, diagnostics: &diagnostics) else {
            return nil
        }
        switch kind {
        case "manual": return .manual
        case "binary": return .binary
        case "checklist": return decodeChecklist(reader, points: points, diagnostics: &diagnostics)
        case "per_occurrence":
            guard let deduction = reader.positiveDecimal("deduction", required: true, diagnostics: &diagnostics) else { return nil }
            let cap = reader.positiveDecimal("cap", diagnostics: &diagnostics)
            return .perOccurrence(deduction: deduction, cap: cap)
        case "per_kind":
            guard let entries = reader.mappingEntries("deductions", required: true, diagnostics: &diagnostics) else { return nil }
            var deductions: [KindDeduction] = []
            for entry in entries {
                guard let deduction = entry.value.positiveDecimal(entry.key, diagnostics: &diagnostics) else { continue }
                deductions.append(KindDeduction(kind: entry.key, deduction: deduction))
            }
            if deductions.isEmpty {
                diagnostics.append(.error(at: value.location, "\(what)的“deductions”不能为空",
                                          hint: "写成 { 省市通报: 0.4, 县直: 0.2 }。"))
                return nil
            }
            let cap = reader.positiveDecimal("cap", diagnostics: &diagnostics)
            return .perKind(deductions: deductions, cap: cap)
        case "status":
            guard let entries = reader.mappingEntries("levels", required: true, diagnostics: &diagnostics) else { return nil }
            var levels: [StatusLevel] = []
            for entry in entries {
                guard let levelPoints = entry.value.nonNegativeDecimal(entry.key, diagnostics: &diagnostics) else { continue }
                if levelPoints > points {
                    diagnostics.append(.error(at: entry.value.location,
                                              "状态“\(entry.key)”的得分\(formatPlain(levelPoints))超过指标分值\(formatPlain(points))"))
                    continue
                }
                levels.append(StatusLevel(status: entry.key, points: levelPoints))
            }
            if levels.isEmpty {
                diagnostics.append(.error(at: value.location, "\(what)的“levels”不能为空"))
                return nil
            }
            return .status(levels)
        case "proportional":
            return .proportional(target: reader.positiveDecimal("target", diagnostics: &diagnostics))
        case "threshold":
            guard let threshold = reader.positiveDecimal("threshold", required: true, diagnostics: &diagnostics) else { return nil }
            var reading = ThresholdReading.ratio
            if let text = reader.string("reading", diagnostics: &diagnostics) {
                guard let parsed = ThresholdReading(rawValue: text) else {
                    diagnostics.append(.error(at: reader["reading"]!.location, "读法“\(text)”未知",
                                              hint: "reading 可为 ratio（分值×完成率）或 scaled（分值×完成率÷标准线）。"))
                    return nil
                }
                reading = parsed
            }
            return .threshold(threshold: threshold, reading: reading)
        case "steps":
            let target = reader.positiveDecimal("target", diagnostics: &diagnostics)
            let step = reader.positiveDecimal("step", required: true, diagnostics: &diagnostics)
            let deduction = reader.positiveDecimal("deduction", required: true, diagnostics: &diagnostics)
            var partial = PartialStep.floor
            if let text = reader.string("partial", diagnostics: &diagnostics) {
                guard let parsed = PartialStep(rawValue: text) else {
                    diagnostics.append(.error(at: reader["partial"]!.location, "“partial”的值“\(text)”未知",
                                              hint: "partial 可为 floor（不足一档不扣，默认）或 ceil（不足一档按一档扣）。"))
                    return nil
                }
                partial = parsed
            }
            guard let step, let deduction else { return nil }
            return .steps(target: target, step: step, deduction: deduction, partial: partial)
        case "bands": return decodeBands(reader, points: points, diagnostics: &diagnostics)
        case "event":
            guard let deduction = reader.positiveDecimal("deduction", required: true, diagnostics: &diagnostics) else { return nil }
            return .event(deduction: deduction)
        default: return nil
        }
    }

    private static func decodeChecklist(_ reader: MappingReader, points: Decimal, diagnostics: inout [Diagnostic]) -> ScoringRule? {
        guard let items = reader.sequence("items", required: true, diagnostics: &diagnostics) else { return nil }
        var checklist: [ChecklistItem] = []
        var ids = Set<String>()
        for item in items {
            guard let itemReader = MappingReader(item, what: "检查项", known: ["id", "text", "deduction"], diagnostics: &diagnostics),
                  let id = itemReader.string("id", required: true, diagnostics: &diagnostics),
                  let text = itemReader.string("text", required: true, diagnostics: &diagnostics),
                  let deduction = itemReader.positiveDecimal("deduction", required: true, diagnostics: &diagnostics)
            else { continue }
            if !ids.insert(id).inserted {
                diagnostics.append(.error(at: item.location, "检查项编号“\(id)”重复"))
                continue
            }
            checklist.append(ChecklistItem(id: id, text: text, deduction: deduction))
        }
        if checklist.isEmpty {
            diagnostics.append(.error(at: reader.value.location, "\(reader.what)的“items”不能为空"))
            return nil
        }
        return .checklist(checklist)
    }

    private static func decodeBands(_ reader: MappingReader, points: Decimal, diagnostics: inout [Diagnostic]) -> ScoringRule? {
        guard let items = reader.sequence("bands", required: true, diagnostics: &diagnostics) else { return nil }
        var bands: [Band] = []
        var valid = true
        for item in items {
            guard let band = Band.decode(item, points: points, diagnostics: &diagnostics) else {
                valid = false
                continue
            }
            if let other = bands.first(where: { $0.overlaps(band) }) {
                diagnostics.append(.error(at: item.location, "区间\(band.intervalText)与区间\(other.intervalText)（\(other.location)）重叠",
                                          hint: "每个值只能落在一个区间内：用 min_inclusive / max_inclusive 写明边界是否包含。"))
                valid = false
                continue
            }
            bands.append(band)
        }
        if items.isEmpty {
            diagnostics.append(.error(at: reader.value.location, "\(reader.what)的“bands”不能为空"))
        }
        return valid && !bands.isEmpty ? .bands(bands) : nil
    }
}

extension Band {
    static func decode(_ value: SourceValue, points: Decimal, diagnostics: inout [Diagnostic]) -> Band? {
        guard let reader = MappingReader(value, what: "区间", known: ["min", "min_inclusive", "max", "max_inclusive", "score", "deduction"],
                                         diagnostics: &diagnostics) else { return nil }
        let min = reader.decimal("min", diagnostics: &diagnostics)
        let max = reader.decimal("max", diagnostics: &diagnostics)
        let minInclusive = reader.bool("min_inclusive", diagnostics: &diagnostics) ?? true
        let maxInclusive = reader.bool("max_inclusive", diagnostics: &diagnostics) ?? false
        let score = reader.nonNegativeDecimal("score", diagnostics: &diagnostics)
        let deduction = reader.nonNegativeDecimal("deduction", diagnostics: &diagnostics)
        if reader.has("min") && min == nil || reader.has("max") && max == nil { return nil }
        if let min, let max, min > max || (min == max && !(minInclusive && maxInclusive)) {
            diagnostics.append(.error(at: value.location, "区间的下限\(formatPlain(min))不小于上限\(formatPlain(max))，没有值能落在其中",
                                      hint: "检查 min 和 max 是否写反。"))
            return nil
        }
        let outcome: Outcome
        switch (score, deduction) {
        case (let score?, nil):
            if score > points {
                diagnostics.append(.error(at: reader["score"]!.location, "区间得分\(formatPlain(score))超过指标分值\(formatPlain(points))"))
                return nil
            }
            outcome = .score(score)
        case (nil, let deduction?):
            outcome = .deduction(deduction)
        case (nil, nil):
            if !reader.has("score") && !reader.has("deduction") {
                diagnostics.append(.error(at: value.location, "区间须写“score”（得分）或“deduction”（扣分）之一"))
            }
            return nil
        default:
            diagnostics.append(.error(at: value.location, "区间只能写“score”和“deduction”中的一个"))
            return nil
        }
        return Band(min: min, minInclusive: minInclusive, max: max, maxInclusive: maxInclusive, outcome: outcome,
                    location: value.location)
    }
}
