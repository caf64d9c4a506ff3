import Foundation

/// R2, R3/R4, R5, R11: deductions from a base (v, or the children's sum for R4),
/// floored at 0.
enum DeductionScoring {
    static func checklist(_ items: [ChecklistItem], base: Decimal, inputs: RuleInputs,
                          diagnostics: inout [Diagnostic]) -> RuleOutcome? {
        guard let failed = inputs.list("failed", diagnostics: &diagnostics) else { return nil }
        var failedItems: [ChecklistItem] = []
        for id in failed {
            guard let item = items.first(where: { $0.id == id }) else {
                diagnostics.append(.error(at: inputs.value("failed")?.location ?? inputs.result.location,
                                          "\(inputs.subject)的未达标项“\(id)”不在检查项中",
                                          hint: "可用的检查项：\(items.map { "\($0.id)（\($0.text)）" }.joined(separator: "、"))。"))
                return nil
            }
            if failedItems.contains(where: { $0.id == id }) {
                diagnostics.append(.error(at: inputs.value("failed")!.location, "\(inputs.subject)的未达标项“\(id)”重复"))
                return nil
            }
            failedItems.append(item)
        }
        if failedItems.isEmpty {
            return RuleOutcome(score: base, computation: "检查项全部达到，不扣分，得\(inputs.score(base))分")
        }
        let total = failedItems.reduce(Decimal(0)) { $0.plus($1.deduction) }
        let score = flooredAtZero(base.minus(total))
        let terms = failedItems.map { "\($0.text)扣\(formatPlain($0.deduction))" }.joined(separator: " + ")
        let sum = failedItems.count > 1 ? " = \(formatPlain(total))" : ""
        return RuleOutcome(score: score, computation: "\(terms)\(sum)分，\(floorNote(base, total))得\(inputs.score(score))分")
    }

    static func perOccurrence(deduction: Decimal, cap: Decimal, base: Decimal, inputs: RuleInputs,
                              diagnostics: inout [Diagnostic]) -> RuleOutcome? {
        guard let count = inputs.count("count", diagnostics: &diagnostics) else { return nil }
        if count == 0 {
            return RuleOutcome(score: base, computation: "0次，不扣分，得\(inputs.score(base))分")
        }
        let raw = Decimal(count).times(deduction)
        let order = raw.compared(to: cap)
        let taken = order == .orderedAscending ? raw : cap // min(cap, raw)
        let score = flooredAtZero(base.minus(taken))
        var text = "每次扣\(formatPlain(deduction))分 × \(count)次 = \(formatPlain(raw))分"
        if order == .orderedDescending { text += "，超过最多扣的\(formatPlain(cap))分，按\(formatPlain(cap))分扣" }
        return RuleOutcome(score: score, computation: text + "，\(floorNote(base, taken))得\(inputs.score(score))分")
    }

    static func perKind(_ deductions: [KindDeduction], cap: Decimal, base: Decimal, inputs: RuleInputs,
                        diagnostics: inout [Diagnostic]) -> RuleOutcome? {
        guard let counts = inputs.counts("counts", diagnostics: &diagnostics) else { return nil }
        var raw = Decimal(0)
        var terms: [String] = []
        var seen = Set<String>()
        for entry in counts {
            guard let kind = deductions.first(where: { $0.kind == entry.key }) else {
                diagnostics.append(.error(at: entry.location, "\(inputs.subject)的类别“\(entry.key)”不在扣分表中",
                                          hint: "可用的类别：\(deductions.map(\.kind).joined(separator: "、"))。"))
                return nil
            }
            if !seen.insert(entry.key).inserted {
                diagnostics.append(.error(at: entry.location, "\(inputs.subject)的类别“\(entry.key)”重复"))
                return nil
            }
            guard entry.count > 0 else { continue }
            raw += Decimal(entry.count) * kind.deduction
            terms.append("\(kind.kind)\(entry.count)次×\(formatPlain(kind.deduction))")
        }
        if terms.isEmpty {
            return RuleOutcome(score: base, computation: "未被通报，不扣分，得\(inputs.score(base))分")
        }
        let taken = min(cap, raw)
        let score = flooredAtZero(base - taken)
        var text = terms.joined(separator: " + ") + " = \(formatPlain(raw))分"
        if raw > cap { text += "，超过最多扣的\(formatPlain(cap))分，按\(formatPlain(cap))分扣" }
        return RuleOutcome(score: score, computation: text + "，\(floorNote(base, taken))得\(inputs.score(score))分")
    }

    static func event(deduction: Decimal, base: Decimal, inputs: RuleInputs, diagnostics: inout [Diagnostic]) -> RuleOutcome? {
        guard let occurred = inputs.bool("occurred", diagnostics: &diagnostics) else { return nil }
        guard occurred else {
            return RuleOutcome(score: base, computation: "未发生，不扣分，得\(inputs.score(base))分")
        }
        let score = flooredAtZero(base - deduction)
        return RuleOutcome(score: score,
                           computation: "已发生，扣\(formatPlain(deduction))分，\(floorNote(base, deduction))得\(inputs.score(score))分")
    }

    /// "扣完为止，" when the deduction exceeds what there is.
    private static func floorNote(_ base: Decimal, _ deduction: Decimal) -> String {
        deduction.isAbove(base) ? "扣完为止，" : ""
    }
}
