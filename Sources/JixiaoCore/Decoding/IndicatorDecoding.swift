import Foundation

extension Indicator {
    static let knownKeys = ["id", "name", "points", "weight", "criteria", "owners", "evidence", "verification",
                            "rule", "not_applicable", "children"]

    /// Reads one indicator and its children; nil when it is unusable.
    static func decode(_ value: SourceValue, level: Int, explanation: String? = nil,
                       diagnostics: inout [Diagnostic]) -> Indicator? {
        let label = value["id"]?.text.map { "指标\($0)" } ?? "指标"
        guard let reader = MappingReader(value, what: label, known: knownKeys, diagnostics: &diagnostics) else { return nil }
        let id = reader.string("id", required: true, diagnostics: &diagnostics)
        if let id, !isValidID(id) {
            diagnostics.append(.error(at: reader["id"]!.location, "编号“\(id)”含有不允许的字符",
                                      hint: "编号只能由字母、数字和 . - _ 组成，如 A1、A1.2、1-1.1。"))
        }
        let name = reader.string("name", required: true, diagnostics: &diagnostics)
        var points: Decimal?
        var usesWeight = false
        switch (reader["points"], reader["weight"]) {
        case (_?, _?):
            diagnostics.append(.error(at: reader.keyLocation("weight")!, "\(label)同时写了“points”和“weight”",
                                      hint: "两者含义相同（weight 显示为“权重”），只保留一个。"))
        case (let field?, nil):
            points = field.positiveDecimal("points", diagnostics: &diagnostics)
        case (nil, let field?):
            points = field.positiveDecimal("weight", diagnostics: &diagnostics)
            usesWeight = true
        case (nil, nil):
            reader.missing("points", expected: "分值，或写作 weight 的权重", diagnostics: &diagnostics)
        }
        var owners = Owners()
        if let field = reader["owners"],
           let ownersReader = MappingReader(field, what: "\(label)的责任人 owners", known: ["office", "leader", "person"],
                                            diagnostics: &diagnostics) {
            owners = Owners(office: ownersReader.string("office", diagnostics: &diagnostics),
                            leader: ownersReader.string("leader", diagnostics: &diagnostics),
                            person: ownersReader.string("person", diagnostics: &diagnostics))
        }
        var children: [Indicator] = []
        var childrenComplete = true
        if let items = reader.sequence("children", diagnostics: &diagnostics) {
            for item in items {
                if let child = decode(item, level: level + 1, diagnostics: &diagnostics) {
                    children.append(child)
                } else {
                    childrenComplete = false
                }
            }
            if items.isEmpty {
                diagnostics.append(.error(at: reader["children"]!.location, "\(label)的“children”为空",
                                          hint: "删除 children，或至少写一个下级指标。"))
            }
        }
        var rule: ScoringRule?
        if let field = reader["rule"], let points, let id {
            rule = ScoringRule.decode(field, points: points, indicatorID: id, diagnostics: &diagnostics)
            if let decoded = rule, !children.isEmpty, !decoded.isDeduction {
                diagnostics.append(.error(at: field.location, "有下级指标的\(label)不能使用“\(decoded.kind)”规则",
                                          hint: "上级指标的规则作用于下级得分之和（R4），只能是扣分类规则：per_occurrence、per_kind、checklist、event。"))
                rule = nil
            }
        }
        var policy: NotApplicablePolicy?
        if let field = reader["not_applicable"] {
            policy = NotApplicablePolicy.decode(field, diagnostics: &diagnostics)
        }
        if let points, !children.isEmpty, childrenComplete {
            let sum = children.reduce(Decimal(0)) { $0 + $1.points }
            if sum != points {
                diagnostics.append(.error(
                    at: value.location,
                    "\(label)的下级指标分值之和为\(formatPlain(sum))，与其分值\(formatPlain(points))不符",
                    hint: "下级指标的分值（\(children.map { "\($0.id) \(formatPlain($0.points))" }.joined(separator: " + "))）之和必须正好等于上级分值。"))
            }
        }
        guard let id, let name, let points else { return nil }
        return Indicator(
            id: id, name: name, points: points, usesWeight: usesWeight,
            criteria: reader.string("criteria", diagnostics: &diagnostics),
            explanation: explanation,
            owners: owners,
            evidence: reader.stringList("evidence", diagnostics: &diagnostics),
            verification: reader.string("verification", diagnostics: &diagnostics),
            rule: rule, notApplicable: policy, children: children, level: level, location: value.location)
    }

    /// Letters, digits and . - _ (so ids can appear in file names and CSV cells).
    static func isValidID(_ id: String) -> Bool {
        !id.isEmpty && id.allSatisfy { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == "_" }
    }
}

extension NotApplicablePolicy {
    static func decode(_ value: SourceValue, diagnostics: inout [Diagnostic]) -> NotApplicablePolicy? {
        let hint = "not_applicable 可为 equal（均分给同级指标）、rescale（上级指标按比例折算）或 { to: 指标编号 }。"
        if let text = value.text {
            switch text {
            case "equal": return .equal
            case "rescale": return .rescale
            default:
                diagnostics.append(.error(at: value.location, "不适用规则“\(text)”未知", hint: hint))
                return nil
            }
        }
        guard let reader = MappingReader(value, what: "不适用规则 not_applicable", known: ["to"], diagnostics: &diagnostics),
              let target = reader.string("to", required: true, diagnostics: &diagnostics) else { return nil }
        return .to(target)
    }
}

extension BonusScheme {
    static func decode(_ value: SourceValue, diagnostics: inout [Diagnostic]) -> BonusScheme? {
        guard let reader = MappingReader(value, what: "加分项 bonus", known: ["cap", "items"], diagnostics: &diagnostics) else {
            return nil
        }
        let cap = reader.positiveDecimal("cap", diagnostics: &diagnostics)
        var items: [BonusItem] = []
        for item in reader.sequence("items", required: true, diagnostics: &diagnostics) ?? [] {
            if let decoded = BonusItem.decode(item, diagnostics: &diagnostics) { items.append(decoded) }
        }
        return BonusScheme(cap: cap, items: items, location: value.location)
    }
}

extension BonusItem {
    static func decode(_ value: SourceValue, diagnostics: inout [Diagnostic]) -> BonusItem? {
        let label = value["id"]?.text.map { "加分项\($0)" } ?? "加分项"
        guard let reader = MappingReader(value, what: label, known: ["id", "name", "cap", "precondition", "criteria", "rule"],
                                         diagnostics: &diagnostics) else { return nil }
        let id = reader.string("id", required: true, diagnostics: &diagnostics)
        let name = reader.string("name", required: true, diagnostics: &diagnostics)
        let cap = reader.positiveDecimal("cap", required: false, diagnostics: &diagnostics)
        var rule: BonusRule? = .manual
        if let field = reader["rule"] {
            rule = BonusRule.decode(field, label: label, diagnostics: &diagnostics)
        }
        if case .rank = rule, cap == nil, reader["cap"] == nil {
            diagnostics.append(.error(at: value.location, "\(label)按排名加分，须写“cap”（前几名所加的分数）",
                                      hint: "例如 cap: 0.6；其余单位按与第K名之比加分。"))
            return nil
        }
        guard let id, let name, let rule else { return nil }
        return BonusItem(id: id, name: name, cap: cap,
                         precondition: reader.string("precondition", diagnostics: &diagnostics),
                         criteria: reader.string("criteria", diagnostics: &diagnostics),
                         rule: rule, location: value.location)
    }
}

extension BonusRule {
    static let parameterKeys = ["manual": [], "rank": ["top", "value_name"], "award": ["levels"]]

    static func decode(_ value: SourceValue, label: String, diagnostics: inout [Diagnostic]) -> BonusRule? {
        let hint = "加分规则 kind 可为 manual（认定加分）、rank（按排名加分）或 award（按表彰级别加分）。"
        guard let kindValue = value["kind"], let kind = kindValue.text else {
            diagnostics.append(.error(at: value.location, "\(label)的加分规则缺少“kind”", hint: hint))
            return nil
        }
        guard let parameters = parameterKeys[kind] else {
            diagnostics.append(.error(at: kindValue.location, "\(label)的加分规则类型“\(kind)”未知", hint: hint))
            return nil
        }
        guard let reader = MappingReader(value, what: "\(label)的加分规则", known: ["kind"] + parameters,
                                         diagnostics: &diagnostics) else { return nil }
        switch kind {
        case "rank":
            let top = reader.integer("top", required: true, diagnostics: &diagnostics)
            let valueName = reader.string("value_name", diagnostics: &diagnostics) ?? "排名值"
            guard let top else { return nil }
            guard top >= 1 else {
                diagnostics.append(.error(at: reader["top"]!.location, "“top”应为不小于1的整数（这里是\(top)）"))
                return nil
            }
            return .rank(top: top, valueName: valueName)
        case "award":
            guard let entries = reader.mappingEntries("levels", required: true, diagnostics: &diagnostics) else { return nil }
            var levels: [AwardLevel] = []
            for entry in entries {
                if let points = entry.value.positiveDecimal(entry.key, diagnostics: &diagnostics) {
                    levels.append(AwardLevel(level: entry.key, points: points))
                }
            }
            guard !levels.isEmpty else {
                diagnostics.append(.error(at: reader["levels"]!.location, "\(label)的表彰级别“levels”不能为空",
                                          hint: "写成 { 国家级: 2, 省级: 1, 市级: 0.5, 县级: 0.2 }。"))
                return nil
            }
            return .award(levels)
        default:
            return .manual
        }
    }
}

extension Veto {
    static func decode(_ value: SourceValue, diagnostics: inout [Diagnostic]) -> Veto? {
        let label = value["id"]?.text.map { "否决项\($0)" } ?? "否决项"
        guard let reader = MappingReader(value, what: label, known: ["id", "name", "criteria", "scope", "indicator"],
                                         diagnostics: &diagnostics) else { return nil }
        let id = reader.string("id", required: true, diagnostics: &diagnostics)
        let name = reader.string("name", required: true, diagnostics: &diagnostics)
        let hint = "scope 可为 item（配合 indicator: 指标编号）、whole（总体否决）或 { ancestor: 指标编号 }。"
        var scope: VetoScope?
        if let field = reader["scope"] {
            if let text = field.text {
                switch text {
                case "item":
                    if let indicator = reader.string("indicator", required: true, diagnostics: &diagnostics) {
                        scope = .item(indicator)
                    }
                case "whole": scope = .whole
                default:
                    diagnostics.append(.error(at: field.location, "\(label)的范围“\(text)”未知", hint: hint))
                }
            } else if let scopeReader = MappingReader(field, what: "\(label)的范围 scope", known: ["ancestor"],
                                                      diagnostics: &diagnostics),
                      let ancestor = scopeReader.string("ancestor", required: true, diagnostics: &diagnostics) {
                scope = .ancestor(ancestor)
            }
            let isItemScope = scope.map { if case .item = $0 { true } else { false } } ?? true
            if !isItemScope, reader.has("indicator") {
                diagnostics.append(.warning(at: reader.keyLocation("indicator")!, "\(label)的“indicator”只用于 scope: item，已忽略"))
            }
        } else {
            reader.missing("scope", expected: "否决范围", diagnostics: &diagnostics, hint: hint)
        }
        guard let id, let name, let scope else { return nil }
        return Veto(id: id, name: name, criteria: reader.string("criteria", diagnostics: &diagnostics),
                    scope: scope, location: value.location)
    }
}
