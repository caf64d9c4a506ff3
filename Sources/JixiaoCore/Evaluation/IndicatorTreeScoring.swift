import Foundation

/// Scores one unit's indicator tree: leaves by their rules, item and ancestor
/// vetoes, n/a redistribution among siblings (R13), parents as the sum of their
/// children with an optional R4 deduction, and the indicator total.
struct IndicatorTreeScoring {
    let system: IndicatorSystem
    let unit: AssessedUnit
    let results: UnitResults
    /// Where each indicator's result is in `results`, by its place in the system.
    let layout: ResultLayout
    let precision: Int
    /// Indicator id → the veto that zeroes it.
    let vetoed: [String: VetoHit]
    /// The system's indicators, shared by all units' scores (see SharedIndicator).
    let shared: SharedIndicators
    /// Outcomes of the evaluation's leaves for inputs seen before (see LeafOutcomes).
    let outcomes: LeafOutcomes

    /// The scored tree and the indicator total (rounded to the precision).
    ///
    /// Results and indicators are borrowed where they are, through pointers valid
    /// while this runs, not copied: a copy of either retains a dozen references, and
    /// copies were a third of scoring.
    func score(diagnostics: inout [Diagnostic]) -> (indicators: [IndicatorScore], total: Decimal) {
        results.scores.withUnsafeBufferPointer { scores in
            // Each indicator's place in the system, counted along the tree in pre-order.
            var place = 0
            var roots = Self.scoreEach(system.indicators) { indicator in
                score(indicator, place: &place, scores: scores, inheritedNotApplicable: false, diagnostics: &diagnostics)
            }
            let group = NotApplicableRedistribution(unitName: unit.name, precision: precision)
            let sum = group.apply(to: &roots, parentPoints: system.total, parentLabel: "指标体系", diagnostics: &diagnostics,
                                  location: location(of:))
            return (roots, (sum.total ?? 0).roundedHalfUp(precision))
        }
    }

    /// `score` of each indicator, in order; each borrowed from the array.
    private static func scoreEach(_ indicators: [Indicator], _ score: (borrowing Indicator) -> IndicatorScore) -> [IndicatorScore] {
        indicators.withUnsafeBufferPointer { indicators in
            var scores: [IndicatorScore] = []
            scores.reserveCapacity(indicators.count)
            for index in indicators.indices { scores.append(score(indicators[index])) }
            return scores
        }
    }

    /// Where the result of `indicatorID` was written, or the unit's results (for messages).
    private func location(of indicatorID: String) -> SourceLocation {
        results.score(indicatorID)?.location ?? results.location
    }

    private func subject(_ indicator: borrowing Indicator) -> String {
        RuleInputs.subject(unitName: unit.name, indicatorID: indicator.id)
    }

    private func inputs(_ result: UnsafePointer<IndicatorResult>, _ indicator: borrowing Indicator) -> RuleInputs {
        RuleInputs(resultPointer: result, unitName: unit.name, indicatorID: indicator.id, precision: precision)
    }

    /// The indicator's shared form: the one at its place, which is it when `shared`
    /// was made from this system (checked by id), else found by id.
    private func sharedIndicator(_ indicator: borrowing Indicator, at place: Int) -> SharedIndicator {
        if place < shared.list.count, shared.list[place].value.id == indicator.id { return shared.list[place] }
        return shared.byID[indicator.id] ?? SharedIndicator(copy indicator)
    }

    /// `place`: the indicator's place in the system; on return, the place after its subtree.
    private func score(_ indicator: borrowing Indicator, place: inout Int, scores: UnsafeBufferPointer<IndicatorResult>,
                       inheritedNotApplicable: Bool, diagnostics: inout [Diagnostic]) -> IndicatorScore {
        let own = place
        place += 1
        let row = layout.rows[own]
        let result = row >= 0 ? scores.baseAddress! + row : nil
        var node = IndicatorScore(
            indicator: sharedIndicator(indicator, at: own), points: indicator.points, score: nil,
            selfScore: result?.pointee.selfScore, deduction: 0, notApplicable: false, vetoed: false,
            inputs: result?.pointee.inputs.map { RuleInput(name: $0.key, text: $0.value.displayText) } ?? [],
            reasons: result?.pointee.reasons ?? [], evidence: result?.pointee.evidence ?? [], source: result?.pointee.source,
            reviewer: result?.pointee.reviewer ?? results.reviewer, computation: "", children: [])

        if inheritedNotApplicable || result?.pointee.notApplicable == true {
            return notApplicable(node, indicator, place: &place, result: result, scores: scores, inherited: inheritedNotApplicable,
                                 diagnostics: &diagnostics)
        }

        var outcome: RuleOutcome?
        if indicator.isLeaf {
            outcome = scoreLeaf(indicator, result: result, diagnostics: &diagnostics)
        } else {
            node.children = Self.scoreEach(indicator.children) { child in
                score(child, place: &place, scores: scores, inheritedNotApplicable: false, diagnostics: &diagnostics)
            }
            // By index: `allSatisfy(\.notApplicable)` copied every child to read the flag.
            if !node.children.indices.contains(where: { !node.children[$0].notApplicable }) {
                diagnostics.append(.error(at: result?.pointee.location ?? results.location,
                                          "\(subject(indicator))的下级指标全部不适用，应把\(indicator.id)本身标记为不适用",
                                          hint: "在\(indicator.id)的结果中写 na: true 和理由，并在指标体系中为它规定 not_applicable。"))
            }
            outcome = scoreParent(indicator, node: &node, result: result, diagnostics: &diagnostics)
        }
        node.score = outcome?.score ?? 0
        node.computation = outcome?.computation ?? "结果缺失或有误，未能计分（按0分计）"

        if let hit = vetoed[indicator.id] {
            node.score = 0
            node.vetoed = true
            // The reason goes with the other reasons, not into the computation text, so
            // that a build which keeps reasons internal can leave it out in one place.
            if let reason = hit.reason { node.reasons.append(reason) }
            node.computation = "触发否决项\(hit.veto.id)（\(hit.veto.name)），本项不得分"
        }
        if node.selfScore == nil && !indicator.isLeaf {
            // The sum of the applicable children's self scores, when there are some and
            // each has one (by index: `filter` copied every child).
            var sum = Decimal(0), applicable = 0
            for index in node.children.indices where !node.children[index].notApplicable {
                guard let own = node.children[index].selfScore else {
                    applicable = 0
                    break
                }
                sum = sum.plus(own)
                applicable += 1
            }
            if applicable > 0 { node.selfScore = sum }
        }
        if let result, let selfScore = result.pointee.selfScore, selfScore.isAbove(indicator.points) {
            diagnostics.append(.error(at: result.pointee.keyLocations["self"] ?? result.pointee.location,
                                      "指标\(indicator.id)的自评得分\(formatPlain(selfScore))超过该项分值\(formatPlain(indicator.points))",
                                      hint: "自评得分在0到该项分值之间；核对是否填错了列或指标编号。"))
        }
        if let result, let selfScore = result.pointee.selfScore, let score = node.score, !selfScore.isSameNumber(as: score) {
            diagnostics.append(.warning(at: result.pointee.keyLocations["self"] ?? result.pointee.location,
                                        "\(subject(indicator))的自评得分\(formatPlain(selfScore))与考评得分\(formatScore(score, precision: precision))不一致",
                                        hint: "核对自评与考评；扣分理由写在 reason 中。"))
        }
        node.deduction = node.points.minus(node.score ?? 0)
        return node
    }

    private func notApplicable(_ base: IndicatorScore, _ indicator: borrowing Indicator, place: inout Int,
                               result: UnsafePointer<IndicatorResult>?, scores: UnsafeBufferPointer<IndicatorResult>,
                               inherited: Bool, diagnostics: inout [Diagnostic]) -> IndicatorScore {
        var node = base
        node.notApplicable = true
        node.deduction = 0
        node.children = Self.scoreEach(indicator.children) { child in
            score(child, place: &place, scores: scores, inheritedNotApplicable: true, diagnostics: &diagnostics)
        }
        if inherited {
            node.computation = "上级指标不适用"
            return node
        }
        let location = result?.pointee.keyLocations["na"] ?? result?.pointee.location ?? results.location
        if indicator.notApplicable == nil {
            diagnostics.append(.error(at: location, "\(subject(indicator))标记为不适用，但指标体系没有规定它不适用时分值的去向",
                                      hint: "在指标\(indicator.id)中写 not_applicable: equal、rescale 或 { to: 指标编号 }（R13：不适用不自动得分）。"))
        }
        if result?.pointee.reasons.isEmpty ?? true {
            diagnostics.append(.error(at: location, "\(subject(indicator))标记为不适用，但没有写理由",
                                      hint: "写 reason 说明为什么不适用，如“本市无该项任务”。"))
        }
        if let result, result.pointee.score != nil || !result.pointee.inputs.isEmpty {
            diagnostics.append(.error(at: location, "\(subject(indicator))既标记为不适用，又给出了得分或输入",
                                      hint: "不适用的指标不计分：删除 score 和规则输入，或删除 na。"))
        }
        if vetoed[indicator.id] != nil {
            diagnostics.append(.error(at: location, "\(subject(indicator))标记为不适用，却又触发了否决项",
                                      hint: "核对否决记录 vetoes 与不适用标记，二者不能同时成立。"))
        }
        node.computation = "不适用，不计分"
        return node
    }

    private func scoreLeaf(_ indicator: borrowing Indicator, result: UnsafePointer<IndicatorResult>?,
                           diagnostics: inout [Diagnostic]) -> RuleOutcome? {
        guard let result else { return nil } // missing results are reported once per unit by the validation
        let rule = indicator.effectiveRule ?? .manual
        if case .manual = rule {} else if result.pointee.score != nil {
            diagnostics.append(.error(at: result.pointee.keyLocations["score"] ?? result.pointee.location,
                                      "\(subject(indicator))按“\(rule.kind)”规则计分，不能直接给出得分“score”",
                                      hint: "写规则的输入（\(rule.inputNames.joined(separator: "、"))），得分由规则算出；或把指标的规则改为 manual。"))
            return nil
        }
        warnUnusedInputs(result, rule: rule, indicator: indicator, diagnostics: &diagnostics)
        let key = LeafOutcomes.key(indicator.id, rule, result.pointee)
        if let key, let known = outcomes[key] { return known }
        // Kept only when the inputs gave no message: a message names the unit and its place.
        var found: [Diagnostic] = []
        let outcome = RuleScoring.score(rule, points: indicator.points, base: indicator.points,
                                        inputs: inputs(result, indicator), diagnostics: &found)
        if let key, let outcome, found.isEmpty { outcomes.keep(outcome, for: key) }
        diagnostics += found
        return outcome
    }

    private func scoreParent(_ indicator: borrowing Indicator, node: inout IndicatorScore, result: UnsafePointer<IndicatorResult>?,
                             diagnostics: inout [Diagnostic]) -> RuleOutcome? {
        let group = NotApplicableRedistribution(unitName: unit.name, precision: precision)
        let sum = group.apply(to: &node.children, parentPoints: indicator.points, parentLabel: "指标\(indicator.id)",
                              diagnostics: &diagnostics, location: location(of:))
        let childrenTotal = sum.total ?? 0
        var text = sum.computation
        if let result, result.pointee.score != nil {
            diagnostics.append(.error(at: result.pointee.keyLocations["score"] ?? result.pointee.location,
                                      "\(subject(indicator))有下级指标，得分由下级指标合计，不能直接给出“score”",
                                      hint: "把得分写在下级指标上。"))
        }
        guard let rule = indicator.rule else {
            if let result { warnUnusedInputs(result, rule: nil, indicator: indicator, diagnostics: &diagnostics) }
            return RuleOutcome(score: childrenTotal, computation: text)
        }
        guard let result else { return nil } // reported as missing by the validation
        warnUnusedInputs(result, rule: rule, indicator: indicator, diagnostics: &diagnostics)
        let inputs = inputs(result, indicator)
        guard let deduction = RuleScoring.score(rule, points: indicator.points, base: childrenTotal, inputs: inputs,
                                                diagnostics: &diagnostics) else { return nil }
        text += "；再按本项扣分规则：" + deduction.computation
        return RuleOutcome(score: deduction.score, computation: text)
    }

    private func warnUnusedInputs(_ result: UnsafePointer<IndicatorResult>, rule: ScoringRule?, indicator: borrowing Indicator,
                                  diagnostics: inout [Diagnostic]) {
        let used = rule?.inputNames ?? []
        for input in result.pointee.inputs where !used.contains(input.key) {
            let expected = used.isEmpty ? "该指标不读取任何输入" : "该指标的规则读取：\(used.joined(separator: "、"))"
            diagnostics.append(.warning(at: input.keyLocation, "\(subject(indicator))的结果中“\(input.key)”不是规则的输入，已忽略",
                                        hint: "\(expected)。保留字段为 score、self、reason、reasons、evidence、source、reviewer、na。"))
        }
    }
}
