import Foundation
import Testing
@testable import JixiaoCore

/// Units with given manual scores on a single 100-point indicator.
func gradedFixture(_ scores: [(String, String)], grading: String = "grading: { pass_line: 60 }",
                   extraResults: [String: String] = [:], extraSettings: String = "") -> Fixture {
    var results: [String: String] = [:]
    for (slug, score) in scores {
        let reason = d(score) < 100 ? ", reason: 扣分" : ""
        results[slug] = "scores:\n  A: { score: \(score)\(reason) }\n" + (extraResults[slug] ?? "")
    }
    return Fixture(evaluation: settingsYAML(units: scores.map(\.0), extra: grading + "\n" + extraSettings),
                   indicators: "indicators:\n  - { id: A, name: 指标, points: 100 }", results: results)
}

@Suite("Ranking")
struct RankingTests {
    @Test("descending, equal totals share a rank (1, 2, 2, 4), ties in official order")
    func competitionRanking() {
        let fixture = gradedFixture([("a", "80"), ("b", "90"), ("c", "85"), ("e", "85"), ("f", "70")])
        let ranking = fixture.result!.ranking
        #expect(ranking.map(\.unit.slug) == ["b", "c", "e", "a", "f"])
        #expect(ranking.map(\.rank) == [1, 2, 2, 4, 5])
        #expect(ranking.map(\.tied) == [false, true, true, false, false])
        #expect(fixture.result!.units.map(\.unit.slug) == ["a", "b", "c", "e", "f"])
    }

    @Test("the published (rounded) total is what is ranked")
    func roundedTotals() {
        // 85.004 and 85.001 both publish as 85.00: they tie.
        let fixture = Fixture(
            evaluation: settingsYAML(units: ["a", "b"]),
            indicators: "indicators:\n  - { id: A, name: 甲, points: 90 }\n  - { id: B, name: 乙, points: 10, rule: { kind: proportional } }",
            results: ["a": "scores:\n  A: { score: 80, reason: x }\n  B: { actual: 5.002, target: 10 }",
                      "b": "scores:\n  A: { score: 80, reason: x }\n  B: { actual: 5.001, target: 10 }"])
        #expect(fixture.unit("a")?.total == 85)
        #expect(fixture.unit("b")?.total == 85)
        #expect(fixture.result!.ranking.map(\.rank) == [1, 1])
    }

    @Test("declared tie-breakers separate equal totals")
    func tieBreakers() {
        let fixture = Fixture(
            evaluation: settingsYAML(units: ["a", "b", "c"], extra: "ranking: { tie_breakers: [A2] }"),
            indicators: "indicators:\n  - { id: A1, name: 甲, points: 50 }\n  - { id: A2, name: 乙, points: 50 }",
            results: ["a": "scores:\n  A1: { score: 50 }\n  A2: { score: 40, reason: x }",
                      "b": "scores:\n  A1: { score: 40, reason: x }\n  A2: { score: 50 }",
                      "c": "scores:\n  A1: { score: 45, reason: x }\n  A2: { score: 40, reason: x }"])
        #expect(fixture.errors.isEmpty)
        #expect(fixture.result!.ranking.map(\.unit.slug) == ["b", "a", "c"])
        #expect(fixture.result!.ranking.map(\.rank) == [1, 2, 3])
        #expect(fixture.result!.ranking.allSatisfy { !$0.tied })
    }

    @Test("an unknown tie-breaker is an error")
    func unknownTieBreaker() {
        let fixture = gradedFixture([("a", "80")], extraSettings: "ranking: { tie_breakers: [Z9] }")
        #expect(fixture.has(.error, "排序依据“Z9”"))
    }
}

@Suite("R22 grades")
struct GradingTests {
    @Test("below the pass line is 不合格; at most ⌊N/3⌋ 优秀; the rest 合格")
    func grades() {
        let fixture = gradedFixture([("a", "95"), ("b", "90"), ("c", "85"), ("e", "80"), ("f", "60"), ("g", "59.99")])
        // N = 6 → 2 优秀; 60 is at the pass line (合格), 59.99 below it.
        #expect(fixture.result!.ranking.map(\.gradeName) == ["优秀", "优秀", "合格", "合格", "合格", "不合格"])
        #expect(fixture.result!.gradeCounts == [GradeCount(grade: "优秀", count: 2), GradeCount(grade: "合格", count: 3),
                                                GradeCount(grade: "不合格", count: 1)])
    }

    @Test("a tie straddling the quota is 待定, reported and warned")
    func pendingTie() {
        let fixture = gradedFixture([("a", "95"), ("b", "90"), ("c", "90"), ("e", "80"), ("f", "70"), ("g", "65")])
        // N = 6 → 2 优秀: a, then b and c tie for the last place.
        let grades = fixture.result!.ranking.map(\.grade)
        #expect(grades == [.excellent, .pending, .pending, .pass, .pass, .pass])
        #expect(fixture.result!.pendingTies.count == 1)
        #expect(fixture.result!.pendingTies[0].contains("b单位、c单位"))
        #expect(fixture.has(.warning, "等次待定"))
    }

    @Test("a recorded grade_decision settles the straddling tie")
    func decision() {
        let fixture = gradedFixture(
            [("a", "95"), ("b", "90"), ("c", "90"), ("e", "80"), ("f", "70"), ("g", "65")],
            extraResults: ["b": "grade_decision: { grade: 优秀, reason: 经局党组会议研究决定 }",
                           "c": "grade_decision: { grade: 合格, reason: 经局党组会议研究决定 }"])
        #expect(fixture.errors.isEmpty)
        #expect(fixture.unit("b")?.grade == .excellent)
        #expect(fixture.unit("c")?.grade == .pass)
        #expect(fixture.result!.pendingTies.isEmpty)
    }

    @Test("two decided 优秀 for one remaining slot is an error; a decision outside a tie is an error")
    func badDecisions() {
        let fixture = gradedFixture(
            [("a", "95"), ("b", "90"), ("c", "90"), ("e", "80"), ("f", "70"), ("g", "65")],
            extraResults: ["b": "grade_decision: { grade: 优秀, reason: r }", "c": "grade_decision: { grade: 优秀, reason: r }",
                           "e": "grade_decision: { grade: 优秀, reason: r }"])
        #expect(fixture.has(.error, "超出优秀名额"))
        #expect(fixture.has(.error, "grade_decision 只用于"))
        #expect(fixture.result!.ranking.filter { $0.grade == .excellent }.count <= 2)
    }

    @Test("excellent_min keeps low totals out of 优秀 even within the quota")
    func minimum() {
        let fixture = gradedFixture([("a", "95"), ("b", "88"), ("c", "85"), ("e", "80"), ("f", "70"), ("g", "65")],
                                    grading: "grading: { pass_line: 60, excellent_min: 90, excellent_quota: 1/3 }")
        #expect(fixture.result!.ranking.map(\.grade) == [.excellent, .pass, .pass, .pass, .pass, .pass])
    }

    @Test("custom grade names and an ungraded evaluation")
    func names() {
        let named = gradedFixture([("a", "95"), ("b", "50"), ("c", "70")],
                                  grading: "grading:\n  pass_line: 60\n  names: { excellent: 好, pass: 中, fail: 差 }")
        #expect(named.result!.ranking.map(\.gradeName) == ["好", "中", "差"])
        let ungraded = gradedFixture([("a", "95"), ("b", "50")], grading: "")
        #expect(ungraded.result!.ranking.map(\.grade) == [.ungraded, .ungraded])
        #expect(ungraded.result!.gradeCounts.isEmpty)
    }

    @Test("the quota accepts 1/3, 0.5 and 50%", arguments: ["1/3", "0.5", "50%"])
    func quotaForms(quota: String) {
        let fixture = gradedFixture([("a", "95"), ("b", "90"), ("c", "85"), ("e", "80")],
                                    grading: "grading: { pass_line: 60, excellent_quota: \(quota) }")
        let expected = quota == "1/3" ? 1 : 2
        #expect(fixture.result!.ranking.filter { $0.grade == .excellent }.count == expected)
    }
}
