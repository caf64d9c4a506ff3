import Foundation

/// R14, R15, R17: bonus points per item and the bonus total. Rank bonuses need
/// every unit's value, so all units are scored together.
struct BonusScoring {
    let scheme: BonusScheme
    let units: [(unit: AssessedUnit, results: UnitResults)]
    let precision: Int

    /// Unit slug → its bonus items, total and a note about the total cap.
    func score(diagnostics: inout [Diagnostic]) -> [String: (items: [BonusScore], total: Decimal, note: String?)] {
        var items: [String: [BonusScore]] = [:]
        for item in scheme.items {
            switch item.rule {
            case .manual: scoreManual(item, into: &items, diagnostics: &diagnostics)
            case .rank(let top, let valueName): scoreRank(item, top: top, valueName: valueName, into: &items, diagnostics: &diagnostics)
            case .award(let levels): scoreAward(item, levels: levels, into: &items, diagnostics: &diagnostics)
            }
        }
        var totals: [String: (items: [BonusScore], total: Decimal, note: String?)] = [:]
        for (unit, _) in units {
            let scores = items[unit.slug] ?? []
            let sum = scores.filter(\.counted).reduce(Decimal(0)) { $0 + $1.points }
            if let cap = scheme.cap, sum > cap {
                totals[unit.slug] = (scores, cap, "加分合计\(formatScore(sum, precision: precision))分，超过加分上限\(formatPlain(cap))分，按\(formatPlain(cap))分计")
            } else {
                totals[unit.slug] = (scores, sum, nil)
            }
        }
        return totals
    }

    /// The units that have a result for `item`, with that result.
    private func entries(_ item: BonusItem) -> [(unit: AssessedUnit, result: BonusResult)] {
        units.compactMap { unit, results in results.bonus(item.id).map { (unit, $0) } }
    }

    /// A result whose precondition failed gives 0; returns true when it was handled.
    private func preconditionFailed(_ item: BonusItem, _ unit: AssessedUnit, _ result: BonusResult,
                                    into items: inout [String: [BonusScore]]) -> Bool {
        guard !result.preconditionMet else { return false }
        let condition = item.precondition.map { "（\($0)）" } ?? ""
        items[unit.slug, default: []].append(BonusScore(item: item, points: 0, reason: result.reason,
                                                        computation: "未满足前提条件\(condition)，不加分", counted: false))
        return true
    }

    private func warnUnused(_ item: BonusItem, _ result: BonusResult, _ unit: AssessedUnit, uses: Set<String>,
                            diagnostics: inout [Diagnostic]) {
        var given: [String] = []
        if result.points != nil { given.append("points") }
        if result.value != nil { given.append("value") }
        if !result.awards.isEmpty { given.append("awards") }
        for key in given where !uses.contains(key) {
            diagnostics.append(.warning(at: result.location, "\(unit.name)的加分项\(item.id)按“\(item.rule.kind)”规则计算，“\(key)”不会被使用",
                                        hint: "manual 读 points，rank 读 value，award 读 awards。"))
        }
    }

    private func scoreManual(_ item: BonusItem, into items: inout [String: [BonusScore]], diagnostics: inout [Diagnostic]) {
        for (unit, result) in entries(item) {
            warnUnused(item, result, unit, uses: ["points"], diagnostics: &diagnostics)
            if preconditionFailed(item, unit, result, into: &items) { continue }
            guard let points = result.points else {
                diagnostics.append(.error(at: result.location, "\(unit.name)的加分项\(item.id)缺少加分“points”",
                                          hint: "写 points（认定的加分）和 reason（加分理由）。"))
                continue
            }
            if points > 0 && result.reason == nil {
                diagnostics.append(.warning(at: result.location, "\(unit.name)的加分项\(item.id)没有写加分理由“reason”"))
            }
            let (counted, note) = item.capped(points)
            if let cap = item.cap, note != nil {
                diagnostics.append(.warning(at: result.location,
                                            "加分项\(item.id)的加分\(formatPlain(points))超过该项上限\(formatPlain(cap))，将按\(formatPlain(cap))计",
                                            hint: "核对加分；若上限有变，修改指标体系中该项的 cap。"))
            }
            let text = note.map { "认定\(formatPlain(points))分，\($0)" } ?? "认定加\(formatScore(points, precision: precision))分"
            items[unit.slug, default: []].append(BonusScore(item: item, points: counted, reason: result.reason,
                                                            computation: text, counted: true))
        }
    }

    private func scoreRank(_ item: BonusItem, top: Int, valueName: String, into items: inout [String: [BonusScore]],
                           diagnostics: inout [Diagnostic]) {
        var ranked: [(unit: AssessedUnit, result: BonusResult, value: Decimal)] = []
        for (unit, result) in entries(item) {
            warnUnused(item, result, unit, uses: ["value"], diagnostics: &diagnostics)
            if preconditionFailed(item, unit, result, into: &items) { continue }
            guard let value = result.value else {
                diagnostics.append(.error(at: result.location, "\(unit.name)的加分项\(item.id)缺少排名值“value”（\(valueName)）"))
                continue
            }
            ranked.append((unit, result, value))
        }
        let values = ranked.map(\.value).sorted(by: >)
        // The value at place K; everyone at or above it (ties at K included) gets the cap.
        let valueK = values.count >= top ? values[top - 1] : values.last
        // How many values are above one: found by halving the sorted list, not by
        // counting it for every unit (quadratic on a province's thousands of units).
        func countAbove(_ value: Decimal) -> Int {
            var low = 0, high = values.count
            while low < high {
                let middle = (low + high) / 2
                if values[middle] > value { low = middle + 1 } else { high = middle }
            }
            return low
        }
        for entry in ranked {
            let place = countAbove(entry.value) + 1
            let points: Decimal
            let text: String
            let cap = item.cap ?? 0 // decoding requires a cap on rank items
            if let valueK, entry.value >= valueK {
                points = cap
                text = "\(valueName)\(formatPlain(entry.value))，排第\(place)名，前\(top)名（含并列）加\(formatPlain(cap))分"
            } else if let valueK, valueK > 0 {
                points = (cap * entry.value / valueK).roundedHalfUp(precision)
                text = "\(valueName)\(formatPlain(entry.value))，排第\(place)名，按与第\(top)名（\(formatPlain(valueK))）之比加分："
                    + "\(formatPlain(cap)) × \(formatPlain(entry.value)) ÷ \(formatPlain(valueK)) = \(formatScore(points, precision: precision))分"
            } else {
                points = 0
                text = "\(valueName)\(formatPlain(entry.value))，不加分"
            }
            items[entry.unit.slug, default: []].append(BonusScore(item: item, points: points, reason: entry.result.reason,
                                                                  computation: text, counted: true))
        }
    }

    private func scoreAward(_ item: BonusItem, levels: [AwardLevel], into items: inout [String: [BonusScore]],
                            diagnostics: inout [Diagnostic]) {
        for (unit, result) in entries(item) {
            warnUnused(item, result, unit, uses: ["awards"], diagnostics: &diagnostics)
            if preconditionFailed(item, unit, result, into: &items) { continue }
            var sum = Decimal(0)
            var terms: [String] = []
            var valid = true
            for award in result.awards {
                guard let level = levels.first(where: { $0.level == award.level }) else {
                    diagnostics.append(.error(at: award.location, "\(unit.name)的加分项\(item.id)中表彰级别“\(award.level)”未知",
                                              hint: "可用的级别：\(levels.map(\.level).joined(separator: "、"))。"))
                    valid = false
                    continue
                }
                sum += level.points
                terms.append("\(level.level)\(award.title.map { "（\($0)）" } ?? "")\(formatPlain(level.points))分")
            }
            guard valid else { continue }
            let (counted, note) = item.capped(sum)
            var text = terms.isEmpty ? "无表彰，不加分" : terms.joined(separator: " + ")
            if terms.count > 1 { text += " = \(formatPlain(sum))分" }
            if let note { text += "，\(note)" }
            items[unit.slug, default: []].append(BonusScore(item: item, points: counted, reason: result.reason,
                                                            computation: text, counted: true))
        }
    }
}
