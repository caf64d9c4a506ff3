import JixiaoCore

/// The indicator system laid out as the official 考核表: one row per leaf, the
/// 一级/二级 indicators as merged cells (rowspan) on the first row of their subtree.
extension SiteRenderer {
    static let levelNames = ["一级指标", "二级指标", "三级指标", "四级指标", "五级指标"]

    static func depth(_ indicators: [Indicator]) -> Int {
        indicators.map { 1 + depth($0.children) }.max() ?? 0
    }

    static func leafCount(_ indicator: Indicator) -> Int {
        indicator.children.isEmpty ? 1 : indicator.children.map(leafCount).reduce(0, +)
    }

    mutating func indicatorsContext(_ evaluation: EvaluatedEvaluation) -> [String: Any] {
        guard let system = evaluation.result.system else { return [:] }
        let depth = max(1, Self.depth(system.indicators))
        var rows: [[String: Any]] = []
        func walk(_ indicator: Indicator, ancestors: [[String: Any]]) {
            if indicator.children.isEmpty {
                // Group cells of ancestors whose subtree starts on this row.
                var cells = ancestors
                let leafColumns = depth - indicator.level + 1
                var leaf = indicatorCell(indicator)
                leaf["colspan"] = leafColumns
                leaf["is_leaf"] = true
                cells.append(leaf)
                var row = leafContext(indicator)
                row["group_cells"] = Array(cells.dropLast())
                row["leaf_cell"] = cells.last!
                rows.append(row)
                return
            }
            var cell = indicatorCell(indicator)
            cell["rowspan"] = Self.leafCount(indicator)
            for (index, child) in indicator.children.enumerated() {
                walk(child, ancestors: index == 0 ? ancestors + [cell] : [])
            }
        }
        for indicator in system.indicators { walk(indicator, ancestors: []) }
        var context: [String: Any] = [
            "level_headers": (0..<depth).map { ["name": Self.levelNames[min($0, Self.levelNames.count - 1)]] },
            "depth": depth,
            "rows": rows,
            "total": Format.points(system.total),
            "uses_weight": system.indicators.contains { $0.usesWeight },
            "level_totals": (1...depth).map { level -> [String: Any] in
                let nodes = Self.nodes(system.indicators, atLevel: level)
                return ["level": Self.levelNames[min(level - 1, Self.levelNames.count - 1)], "count": nodes.count,
                        "points": Format.points(nodes.reduce(0) { $0 + $1.points })]
            },
        ]
        if let bonus = system.bonus {
            context["bonus"] = bonus.items.map { item -> [String: Any] in
                var row: [String: Any] = ["id": item.id, "name": item.name, "cap": item.cap.map(Format.points) ?? "不设上限",
                                          "rule": item.ruleDescription]
                row["precondition"] = item.precondition
                return row
            }
            context["bonus_cap"] = bonus.cap.map(Format.points) ?? "不设上限"
        }
        context["has_bonus"] = !(system.bonus?.items.isEmpty ?? true)
        context["vetoes"] = system.vetoes.map { veto -> [String: Any] in
            var row: [String: Any] = ["id": veto.id, "name": veto.name, "scope": veto.scopeDescription]
            row["criteria"] = veto.criteria
            return row
        }
        context["has_vetoes"] = !system.vetoes.isEmpty
        context.merge(explanationsContext(evaluation, system: system)) { own, _ in own }
        return context
    }

    /// The bodies of indicators/*.md: `_index.md`'s before the table (`intro_html`),
    /// each indicator file's as its 评分说明 (`explanations`), rendered as published
    /// on the indicators page.
    mutating func explanationsContext(_ evaluation: EvaluatedEvaluation, system: IndicatorSystem) -> [String: Any] {
        let content = evaluation.content, page = SitePaths.indicators(evaluation.slug)
        var context: [String: Any] = [:]
        if let index = content.indicatorIndex, !index.body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            context["intro_html"] = markdown(index, page: page, evaluation: evaluation)
        }
        // One top-level indicator per file, in file order (a file that did not
        // decode stopped the build before rendering).
        var explanations: [[String: Any]] = []
        for (indicator, file) in zip(system.indicators, content.indicatorFiles) where indicator.explanation != nil {
            explanations.append(["id": indicator.id, "name": indicator.name,
                                 "html": markdown(file, page: page, evaluation: evaluation)])
        }
        context["explanations"] = explanations
        context["has_explanations"] = !explanations.isEmpty
        return context
    }

    static func nodes(_ indicators: [Indicator], atLevel level: Int) -> [Indicator] {
        indicators.flatMap { $0.level == level ? [$0] : nodes($0.children, atLevel: level) }
    }

    func indicatorCell(_ indicator: Indicator) -> [String: Any] {
        ["id": indicator.id, "name": indicator.name, "points": Format.points(indicator.points), "rowspan": 1, "colspan": 1]
    }

    /// The columns of a leaf: points, criteria, owners, evidence, verification, rule.
    func leafContext(_ indicator: Indicator) -> [String: Any] {
        var row: [String: Any] = ["id": indicator.id, "name": indicator.name, "points": Format.points(indicator.points),
                                  "rule": indicator.ruleDescription, "evidence": indicator.evidence]
        row["criteria"] = indicator.criteria
        row["office"] = indicator.owners.office
        row["leader"] = indicator.owners.leader
        row["person"] = indicator.owners.person
        row["verification"] = indicator.verification
        row["has_evidence"] = !indicator.evidence.isEmpty
        return row
    }
}
