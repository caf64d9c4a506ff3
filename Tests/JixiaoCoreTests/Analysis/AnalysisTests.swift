import Foundation
import Testing
@testable import JixiaoCore

/// Three units on two 10-point indicators, with self scores.
private func analysisFixture(year: Int = 2020, units: [String] = ["a", "b", "c"],
                             scores: [String: (x: String, y: String)] = ["a": ("10", "8"), "b": ("6", "10"), "c": ("9", "7")],
                             selfScores: [String: (x: String, y: String)] = [:]) -> Fixture {
    var results: [String: String] = [:]
    for slug in units {
        let (x, y) = scores[slug]!
        let own = selfScores[slug]
        func entry(_ score: String, _ selfScore: String?) -> String {
            var text = "{ score: \(score)"
            if d(score) < 10 { text += ", reason: 扣分" }
            if let selfScore { text += ", self: \(selfScore)" }
            return text + " }"
        }
        results[slug] = "scores:\n  X: \(entry(x, own?.x))\n  Y: \(entry(y, own?.y))\n"
    }
    return Fixture(
        evaluation: "title: 测试考核\nyear: \(year)\nunits:\n" + units.map { "  - { slug: \($0), name: \($0)单位 }" }.joined(separator: "\n")
            + "\ngrading: { pass_line: 15, excellent_quota: 1/3 }\n",
        indicators: "indicators:\n  - { id: X, name: 甲指标, points: 10 }\n  - { id: Y, name: 乙指标, points: 10 }",
        results: results)
}

@Suite("Annual report analysis")
struct AnalysisTests {
    @Test("grade distribution: counts, shares and names in rank order")
    func gradeDistribution() {
        let result = analysisFixture().result!
        // Totals: a 18, b 16, c 16 → a 优秀 (⌊3/3⌋ = 1), b and c 合格.
        let shares = GradeDistribution.of(result)
        let excellent = shares.first { $0.grade == "优秀" }!
        #expect(excellent.count == 1)
        #expect(excellent.units == ["a单位"])
        let pass = shares.first { $0.grade == "合格" }!
        #expect(pass.count == 2)
        #expect(pass.share == d("0.6667"))
        #expect(shares.map(\.count).reduce(0, +) == 3)
    }

    @Test("lost points: average loss rate per indicator over applicable units, worst first, units by deduction")
    func lostPoints() {
        let result = analysisFixture().result!
        // X: deductions 0, 4, 1 → rates 0, 0.4, 0.1 → mean 0.1667; Y: 2, 0, 3 → 0.2, 0, 0.3 → mean 0.1667.
        // Equal rates keep the system's order: X first.
        let losses = LostPoints.of(result)
        #expect(losses.map(\.indicator.id) == ["X", "Y"])
        #expect(losses[0].averageLossRate == d("0.1667"))
        #expect(losses[0].units.map(\.unit.slug) == ["b", "c"])
        #expect(losses[1].units.map(\.unit.slug) == ["c", "a"])
        #expect(losses[1].totalDeduction == 5)
        #expect(LostPoints.of(result, top: 1).count == 1)
    }

    @Test("lost points: an indicator nobody lost points on is left out")
    func noLoss() {
        let result = analysisFixture(scores: ["a": ("10", "8"), "b": ("10", "10"), "c": ("10", "7")]).result!
        #expect(LostPoints.of(result).map(\.indicator.id) == ["Y"])
        #expect(LostPoints.of(result)[0].averageLossRate == d("0.1667"))
    }

    @Test("self gaps: largest absolute difference first, sign kept")
    func selfGaps() {
        let result = analysisFixture(selfScores: ["a": ("10", "10"), "b": ("10", "9"), "c": ("8", "7")]).result!
        // Gaps: a/Y +2, b/X +4, b/Y −1, c/X −1.
        let gaps = SelfGaps.of(result)
        #expect(gaps.map { "\($0.unit.slug)/\($0.indicator.id)" } == ["b/X", "a/Y", "b/Y", "c/X"])
        #expect(gaps[0].gap == 4)
        #expect(gaps[2].gap == -1)
        #expect(SelfGaps.of(result, top: 2).count == 2)
    }

    @Test("year change: ↑ ↓ — and 新 against the previous year's ranking")
    func yearChange() {
        let previous = analysisFixture(year: 2019, units: ["a", "b"],
                                       scores: ["a": ("5", "5"), "b": ("10", "10")]).result!
        let current = analysisFixture().result!
        let changes = YearChange.compare(current.rankingEntries, with: previous.rankingEntries)
        #expect(changes.map(\.slug) == ["a", "b", "c"])
        #expect(changes.map(YearChange.symbol) == ["↑1", "↓1", "新"])
        #expect(changes[0].totalChange == 8)
        #expect(changes[2].isNew)
        #expect(!YearChange.sameUnits(current, previous))
        #expect(YearChange.sameUnits(current, analysisFixture(year: 2019).result!))
        let same = YearChange.compare(current.rankingEntries, with: current.rankingEntries)
        #expect(same.map(YearChange.symbol) == ["—", "—", "—"])
    }
}
