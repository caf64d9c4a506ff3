import Foundation

/// R22: 不合格 below the pass line or under a whole veto; 优秀 for at most
/// ⌊N × quota⌋ eligible units by rank; a tie straddling the quota is 待定 unless
/// a decision is recorded; the rest 合格.
struct Grading {
    let scheme: GradingScheme
    let precision: Int
    /// Unit slug → its results, for recorded decisions.
    let results: [String: UnitResults]

    /// Grades `ranking` (in rank order) in place; returns the pending-tie texts.
    func grade(_ ranking: inout [UnitScore], diagnostics: inout [Diagnostic]) -> [String] {
        let names = scheme.names
        var eligible: [Int] = []
        for index in ranking.indices {
            var unit = ranking[index]
            unit.grade = scheme.isDeclared ? .pass : .ungraded
            if let veto = unit.vetoes.first(where: { $0.veto.scope == .whole }) {
                unit.grade = .fail
                unit.gradeNote = "触发否决项\(veto.veto.id)（\(veto.veto.name)），评为\(names.fail)，不得评为\(names.excellent)"
            } else if scheme.isDeclared, let passLine = scheme.passLine, unit.total < passLine {
                unit.grade = .fail
                unit.gradeNote = "总分\(score(unit.total))低于合格线\(formatPlain(passLine))分"
            } else if let minimum = scheme.excellentMin, unit.total < minimum {
                // Eligible for 合格 only.
            } else if scheme.isDeclared {
                eligible.append(index)
            }
            ranking[index] = unit
        }
        var pendingTies: [String] = []
        var decided = Set<String>()
        let limit = scheme.excellentLimit(count: ranking.count)
        var awarded = 0
        var position = 0
        while position < eligible.count && awarded < limit {
            let rank = ranking[eligible[position]].rank
            let group = eligible[position...].prefix { ranking[$0].rank == rank }
            position += group.count
            if awarded + group.count <= limit {
                for index in group { ranking[index].grade = .excellent }
                awarded += group.count
                continue
            }
            // The tie straddles the quota: never pick silently.
            let slots = limit - awarded
            awarded = limit
            let tied = group.map { ranking[$0].unit.name }.joined(separator: "、")
            var grantedByDecision = 0
            var undecided: [Int] = []
            for index in group {
                let slug = ranking[index].unit.slug
                guard let decision = results[slug]?.gradeDecision else {
                    undecided.append(index)
                    continue
                }
                decided.insert(slug)
                switch decidedGrade(decision.grade) {
                case .excellent?:
                    if grantedByDecision >= slots {
                        diagnostics.append(.error(at: decision.location, "\(ranking[index].unit.name)的等次决定超出\(names.excellent)名额：并列的\(tied)只剩\(slots)个\(names.excellent)名额",
                                                  hint: "核对各并列单位的 grade_decision，评为\(names.excellent)的不能多于\(slots)个。"))
                        undecided.append(index)
                        continue
                    }
                    grantedByDecision += 1
                    ranking[index].grade = .excellent
                case .pass?:
                    ranking[index].grade = .pass
                default:
                    diagnostics.append(.error(at: decision.location, "等次决定“\(decision.grade)”只能是\(names.excellent)或\(names.pass)"))
                    undecided.append(index)
                    continue
                }
                ranking[index].gradeNote = "与\(tied)并列第\(rank)名，\(names.excellent)名额只剩\(slots)个；经记录的决定评为\(names.name(of: ranking[index].grade))：\(decision.reason)"
            }
            guard !undecided.isEmpty else { continue }
            for index in undecided {
                ranking[index].grade = .pending
                ranking[index].gradeNote = "与\(tied)并列第\(rank)名，\(names.excellent)名额（共\(limit)个）只剩\(slots - grantedByDecision)个，等次待定，需记录决定"
            }
            let text = "\(tied)并列第\(rank)名（总分\(score(ranking[group.first!].total))），争\(slots)个\(names.excellent)名额（共\(limit)个），等次待定"
            pendingTies.append(text)
            diagnostics.append(.warning(at: scheme.location, text,
                                        hint: "在这些单位的 results/<单位>.md 中写 grade_decision: { grade: \(names.excellent)或\(names.pass), reason: 决定依据 }，或在 ranking.tie_breakers 中声明排序依据。"))
        }
        for index in eligible where ranking[index].grade == .pass {
            if let minimum = scheme.excellentMin, ranking[index].total < minimum, ranking[index].rank <= limit {
                ranking[index].gradeNote = "总分未达到\(names.excellent)最低分\(formatPlain(minimum))分"
            }
        }
        for (slug, result) in results.sorted(by: { $0.key < $1.key }) {
            if let decision = result.gradeDecision, !decided.contains(slug) {
                diagnostics.append(.error(at: decision.location, "grade_decision 只用于并列跨过\(names.excellent)名额、等次待定的单位，这里不适用",
                                          hint: "删除 grade_decision：该单位的等次由总分和名次确定。"))
            }
        }
        for index in ranking.indices { ranking[index].gradeName = names.name(of: ranking[index].grade) }
        return pendingTies
    }

    /// Counts per grade, in the order 优秀, 合格, 不合格, 待定.
    func counts(_ units: [UnitScore]) -> [GradeCount] {
        [Grade.excellent, .pass, .fail, .pending].compactMap { grade in
            let count = units.filter { $0.grade == grade }.count
            let always = scheme.isDeclared && grade != .pending
            return count > 0 || always ? GradeCount(grade: scheme.names.name(of: grade), count: count) : nil
        }
    }

    private func decidedGrade(_ text: String) -> Grade? {
        switch text {
        case scheme.names.excellent, "excellent": .excellent
        case scheme.names.pass, "pass": .pass
        default: nil
        }
    }

    private func score(_ value: Decimal) -> String { formatScore(value, precision: precision) }
}
