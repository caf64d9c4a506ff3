import Foundation
import Testing
@testable import JixiaoCore

private let oneIndicator = """
total: 4
indicators:
  - { id: A, name: 指标, points: 4, rule: { kind: manual } }
"""

private func bonusFixture(bonus: String, units: [String: String], grading: String = "") -> Fixture {
    Fixture(evaluation: settingsYAML(units: units.keys.sorted(), extra: grading),
            indicators: oneIndicator + "\nbonus:\n" + bonus,
            results: units.mapValues { "scores:\n  A: { score: 4 }\n" + $0 })
}

@Suite("R14 manual bonus with cap and precondition")
struct ManualBonusTests {
    static let bonus = """
      cap: 1
      items:
        - { id: B1, name: 表彰, cap: 0.6, precondition: 完成收购任务, rule: { kind: manual } }
        - { id: B2, name: 绿色储粮, cap: 0.5 }
    """

    @Test("min(item cap, points); precondition false gives 0")
    func items() {
        let fixture = bonusFixture(bonus: Self.bonus, units: [
            "a": "bonus:\n  B1: { points: 0.8, reason: 获表彰 }",
            "b": "bonus:\n  B1: { points: 0.4, reason: 获表彰 }",
            "c": "bonus:\n  B1: { points: 0.5, precondition_met: false, reason: 未完成任务 }",
        ])
        #expect(fixture.errors.isEmpty)
        #expect(fixture.unit("a")?.bonusTotal == d("0.6"))
        #expect(fixture.unit("b")?.bonusTotal == d("0.4"))
        #expect(fixture.unit("c")?.bonusTotal == 0)
        #expect(fixture.unit("c")?.bonus.first?.counted == false)
        // 4 + 0.6 = 4.6
        #expect(fixture.unit("a")?.total == d("4.6"))
    }

    @Test("the total bonus cap limits the sum of the items")
    func totalCap() {
        let fixture = bonusFixture(bonus: Self.bonus, units: [
            "a": "bonus:\n  B1: { points: 0.6, reason: x }\n  B2: { points: 0.5, reason: y }",
        ])
        // 0.6 + 0.5 = 1.1 > cap 1 → 1
        #expect(fixture.unit("a")?.bonusTotal == 1)
        #expect(fixture.unit("a")?.computation.contains("超过加分上限1分") == true)
    }

    @Test("without a total cap the bonus is not capped (加分不设上限)")
    func uncapped() {
        let fixture = bonusFixture(bonus: "  items:\n    - { id: B1, name: 甲, cap: 2 }\n    - { id: B2, name: 乙, cap: 2 }",
                                   units: ["a": "bonus:\n  B1: { points: 2, reason: x }\n  B2: { points: 1.5, reason: y }"])
        #expect(fixture.unit("a")?.bonusTotal == d("3.5"))
        #expect(fixture.unit("a")?.total == d("7.5"))
    }

    @Test("an unknown bonus item in the results is an error")
    func unknownItem() {
        let fixture = bonusFixture(bonus: Self.bonus, units: ["a": "bonus:\n  B9: { points: 0.1 }"])
        #expect(fixture.has(.error, "“B9”不是指标体系中的加分项"))
    }
}

@Suite("R15 rank bonus")
struct RankBonusTests {
    static let bonus = "  items:\n    - { id: B1, name: 优质稻, cap: 0.6, rule: { kind: rank, top: 2, value_name: 优质稻占比 } }"

    @Test("top K (ties at K included) get the cap, the others cap × value / value_K")
    func ranking() {
        let fixture = bonusFixture(bonus: Self.bonus, units: [
            "a": "bonus:\n  B1: { value: 0.6 }",
            "b": "bonus:\n  B1: { value: 0.5 }",
            "c": "bonus:\n  B1: { value: 0.5 }",   // tied with b at K = 2
            "e": "bonus:\n  B1: { value: 0.3 }",   // 0.6 × 0.3 / 0.5 = 0.36
            "f": "bonus:\n  B1: { value: 0.2 }",   // 0.6 × 0.2 / 0.5 = 0.24
            "g": "bonus:\n  B1: { value: 0.9, precondition_met: false, reason: 未达95% }",
        ])
        #expect(fixture.errors.isEmpty)
        #expect(fixture.unit("a")?.bonusTotal == d("0.6"))
        #expect(fixture.unit("b")?.bonusTotal == d("0.6"))
        #expect(fixture.unit("c")?.bonusTotal == d("0.6"))
        #expect(fixture.unit("e")?.bonusTotal == d("0.36"))
        #expect(fixture.unit("f")?.bonusTotal == d("0.24"))
        #expect(fixture.unit("g")?.bonusTotal == 0)
    }

    @Test("a proportional share is rounded half-up")
    func rounding() {
        let fixture = bonusFixture(bonus: Self.bonus, units: [
            "a": "bonus:\n  B1: { value: 0.7 }", "b": "bonus:\n  B1: { value: 0.7 }", "c": "bonus:\n  B1: { value: 0.35 }",
            "e": "bonus:\n  B1: { value: 0.1 }",
        ])
        // 0.6 × 0.35 / 0.7 = 0.3; 0.6 × 0.1 / 0.7 = 0.0857… → 0.09
        #expect(fixture.unit("c")?.bonusTotal == d("0.3"))
        #expect(fixture.unit("e")?.bonusTotal == d("0.09"))
    }
}

@Suite("R17 award bonus")
struct AwardBonusTests {
    static let bonus = "  items:\n    - { id: B1, name: 表彰, cap: 2.5, rule: { kind: award, levels: { 国家级: 2, 省级: 1, 市级: 0.5, 县级: 0.2 } } }"

    @Test("Σ level points, then the item cap")
    func awards() {
        let fixture = bonusFixture(bonus: Self.bonus, units: [
            "a": "bonus:\n  B1: { awards: [{ level: 省级, title: 省级表彰 }, { level: 县级, title: 县级表彰 }] }",
            "b": "bonus:\n  B1: { awards: [{ level: 国家级, title: 甲 }, { level: 省级, title: 乙 }] }",
        ])
        #expect(fixture.errors.isEmpty)
        // 1 + 0.2 = 1.2; 2 + 1 = 3 → cap 2.5
        #expect(fixture.unit("a")?.bonusTotal == d("1.2"))
        #expect(fixture.unit("b")?.bonusTotal == d("2.5"))
    }

    @Test("an unknown level is an error")
    func unknownLevel() {
        let fixture = bonusFixture(bonus: Self.bonus, units: ["a": "bonus:\n  B1: { awards: [{ level: 乡级 }] }"])
        #expect(fixture.has(.error, "表彰级别“乡级”未知"))
    }
}

@Suite("R16 and R21 adjustments")
struct AdjustmentTests {
    @Test("adjustments are added unweighted and never clamped; external ones count only in the notice year")
    func adjustments() {
        let fixture = bonusFixture(bonus: "  items: []", units: ["a": """
        adjustments:
          - { points: -3, kind: inspection, reason: 察访发现问题, source: 县效能办 }
          - { points: -2.5, kind: inspection, reason: 暗访发现问题 }
          - { points: -0.2, kind: external, notice_year: 2019, reason: 国家考核通报扣分 }
          - { points: -0.3, kind: external, notice_year: 2020, reason: 次年通报 }
        """])
        #expect(fixture.errors.isEmpty)
        let unit = fixture.unit("a")
        // 4 − 3 − 2.5 − 0.2 = −1.7 (not clamped to 0); the 2020 notice is listed but not counted.
        #expect(unit?.adjustmentTotal == d("-5.7"))
        #expect(unit?.total == d("-1.7"))
        #expect(unit?.adjustments.map(\.counted) == [true, true, true, false])
        #expect(unit?.computation.contains("不计入本年度") == true)
    }

    @Test("an adjustment needs a reason; an external one needs its notice year")
    func required() {
        let fixture = bonusFixture(bonus: "  items: []", units: ["a": "adjustments:\n  - { points: -1, kind: external }"])
        #expect(fixture.has(.error, "缺少“reason”"))
        #expect(fixture.has(.error, "缺少“notice_year”"))
    }
}

@Suite("R18 composite formula and R19 groups")
struct CompositeTests {
    static let evaluation = """
    title: 县直部门绩效评估
    year: 2019
    units:
      - { slug: a, name: 甲局 }
    formula:
      components:
        - { id: indicators, name: 指标考核, weight: 70, source: indicators }
        - { id: public, name: 公众评议, weight: 20 }
        - id: leaders
          name: 县领导评价
          weight: 10
          groups:
            - { id: main, name: 主要领导, weight: 50 }
            - { id: other, name: 其他领导, weight: 50 }
    """

    @Test("components on a 100 scale, weighted, plus bonus and adjustments unweighted")
    func composite() {
        let fixture = Fixture(
            evaluation: Self.evaluation,
            indicators: "total: 75\nindicators:\n  - { id: A, name: 指标, points: 75 }\nbonus:\n  items:\n    - { id: B1, name: 加分, cap: 5 }",
            results: ["a": """
            scores:
              A: { score: 69.375, reason: 部分未完成 }
            components: { public: 86.5, leaders: { main: [90, 88], other: [85, 87, 86] } }
            bonus:
              B1: { points: 0.6, reason: 获表彰 }
            adjustments:
              - { points: -0.5, kind: inspection, reason: 察访扣分 }
            """])
        #expect(fixture.errors.isEmpty)
        let unit = fixture.unit("a")
        // indicators: 69.375 → indicator total rounded 69.38 → ×100/75 = 92.5066… → 92.51; × 70% = 64.757 → 64.76
        // public: 86.5 × 20% = 17.3
        // leaders: main mean 89, other mean 86 → 89 × 50% + 86 × 50% = 87.5; × 10% = 8.75
        // total: 64.76 + 17.3 + 8.75 + 0.6 − 0.5 = 90.91
        #expect(unit?.components.map(\.value) == [d("92.51"), d("86.5"), d("87.5")])
        #expect(unit?.components.map(\.weighted) == [d("64.76"), d("17.3"), d("8.75")])
        #expect(unit?.total == d("90.91"))
        #expect(unit?.computation == "指标考核 92.51×70% + 公众评议 86.50×20% + 县领导评价 87.50×10% + 加分 0.60 − 察访核验 0.50 = 90.91")
    }

    @Test("group means are rounded half-up before weighting")
    func groupRounding() {
        let fixture = Fixture(
            evaluation: Self.evaluation,
            indicators: "indicators:\n  - { id: A, name: 指标, points: 100 }",
            results: ["a": "scores:\n  A: { score: 100 }\ncomponents: { public: 80, leaders: { main: [90, 85, 86], other: [70] } }"])
        // main mean 261 / 3 = 87 exactly; other 70 → 87 × 0.5 + 70 × 0.5 = 78.5
        // total 100 × 0.7 + 80 × 0.2 + 78.5 × 0.1 = 70 + 16 + 7.85 = 93.85
        #expect(fixture.unit("a")?.total == d("93.85"))
    }

    @Test("weights must sum to 100, group weights too")
    func weights() {
        let fixture = Fixture(evaluation: """
            title: 测试
            year: 2019
            units: []
            formula:
              components:
                - { id: indicators, name: 指标考核, weight: 70 }
                - id: leaders
                  name: 领导评价
                  weight: 20
                  groups:
                    - { id: main, name: 主要领导, weight: 60 }
                    - { id: other, name: 其他领导, weight: 50 }
            """, indicators: nil)
        #expect(fixture.has(.error, "公式各成分的权重之和为90，应为100"))
        #expect(fixture.has(.error, "各评价组的权重之和为110，应为100"))
    }

    @Test("a missing component value or one outside 0–100 is an error")
    func missingComponent() {
        let fixture = Fixture(
            evaluation: Self.evaluation,
            indicators: "indicators:\n  - { id: A, name: 指标, points: 100 }",
            results: ["a": "scores:\n  A: { score: 100 }\ncomponents: { public: 120 }"])
        #expect(fixture.has(.error, "得分120不在0到100之间"))
        #expect(fixture.has(.error, "缺少成分“县领导评价”"))
    }
}
