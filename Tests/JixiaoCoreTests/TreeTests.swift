import Foundation
import Testing
@testable import JixiaoCore

/// A parent P (1 point) with three children worth 0.4, 0.3 and 0.3.
private func naFixture(policy: String, results: String, precision: Int = 2) -> Fixture {
    Fixture(
        evaluation: settingsYAML(units: ["u"], extra: "precision: \(precision)"),
        indicators: """
        total: 1
        indicators:
          - id: P
            name: 优质粮食工程
            points: 1
            children:
              - { id: C1, name: 产后服务, points: 0.4, rule: { kind: manual }, not_applicable: \(policy) }
              - { id: C2, name: 质检体系, points: 0.3, rule: { kind: manual }, not_applicable: \(policy) }
              - { id: C3, name: 好粮油, points: 0.3, rule: { kind: manual }, not_applicable: \(policy) }
        """,
        results: ["u": results])
}

@Suite("R13 not applicable")
struct NotApplicableTests {
    @Test("equal: the n/a points are spread over the applicable siblings, who keep their fraction")
    func equal() {
        let fixture = naFixture(policy: "equal", results: """
        scores:
          C1: { na: true, reason: 无该项目 }
          C2: { score: 0.3 }
          C3: { score: 0.15, reason: 支出率偏低 }
        """)
        #expect(fixture.errors.isEmpty)
        // C2: 0.3 + 0.2 = 0.5 points, full → 0.5. C3: 0.5 points, fraction 0.15/0.3 = 0.5 → 0.25.
        #expect(fixture.score("u", "C2")?.points == d("0.5"))
        #expect(fixture.score("u", "C2")?.score == d("0.5"))
        #expect(fixture.score("u", "C3")?.score == d("0.25"))
        #expect(fixture.score("u", "C1")?.score == nil)
        #expect(fixture.score("u", "C1")?.notApplicable == true)
        #expect(fixture.score("u", "P")?.score == d("0.75"))
    }

    @Test("equal shares that do not divide evenly keep the sum exact")
    func unevenShares() {
        let fixture = Fixture(
            evaluation: settingsYAML(units: ["u"]),
            indicators: """
            indicators:
              - id: P
                name: 上级
                points: 2
                children:
                  - { id: N, name: 不适用项, points: 1, not_applicable: equal }
                  - { id: A, name: 甲, points: 0.5 }
                  - { id: B, name: 乙, points: 0.25 }
                  - { id: C, name: 丙, points: 0.25 }
            """,
            results: ["u": "scores:\n  N: { na: true, reason: 无 }\n  A: { score: 0.5 }\n  B: { score: 0.25 }\n  C: { score: 0.25 }"])
        // 1 / 3 = 0.33 each, the last takes 1 − 0.66 = 0.34: points 0.83, 0.58, 0.59 — all full scores.
        #expect(fixture.score("u", "A")?.points == d("0.83"))
        #expect(fixture.score("u", "B")?.points == d("0.58"))
        #expect(fixture.score("u", "C")?.points == d("0.59"))
        #expect(fixture.score("u", "P")?.score == 2)
    }

    @Test("to: the points move to the named sibling")
    func moved() {
        let fixture = naFixture(policy: "{ to: C2 }", results: """
        scores:
          C1: { na: true, reason: 无该项目 }
          C2: { score: 0.2, reason: 未完成 }
          C3: { score: 0.3 }
        """)
        // C2 gets 0.3 + 0.4 = 0.7 points at fraction 0.2/0.3: 0.2 × 0.7 / 0.3 = 0.4666… → 0.47. P = 0.47 + 0.3 = 0.77.
        #expect(fixture.score("u", "C2")?.points == d("0.7"))
        #expect(fixture.score("u", "C2")?.score == d("0.47"))
        #expect(fixture.score("u", "C3")?.points == d("0.3"))
        #expect(fixture.score("u", "P")?.score == d("0.77"))
    }

    @Test("rescale: Σ applicable scores × parent points / Σ applicable points")
    func rescale() {
        let fixture = naFixture(policy: "rescale", results: """
        scores:
          C1: { na: true, reason: 无该项目 }
          C2: { score: 0.3 }
          C3: { score: 0.2, reason: 部分完成 }
        """)
        // (0.3 + 0.2) × 1 / 0.6 = 0.8333… → 0.83
        #expect(fixture.score("u", "P")?.score == d("0.83"))
        #expect(fixture.score("u", "C3")?.score == d("0.2"))
    }

    @Test("rescale of the whole system (国办 practice: 75 of 75 applicable → ×100/75)")
    func rescaleTop() {
        let fixture = Fixture(
            evaluation: settingsYAML(units: ["u"]),
            indicators: """
            total: 100
            indicators:
              - { id: A, name: 甲, points: 75 }
              - { id: B, name: 乙, points: 25, not_applicable: rescale }
            """,
            results: ["u": "scores:\n  A: { score: 60, reason: 部分未完成 }\n  B: { na: true, reason: 无 }"])
        // 60 × 100 / 75 = 80
        #expect(fixture.unit("u")?.indicatorTotal == 80)
    }

    @Test("n/a without a policy, or without a reason, is an error")
    func noPolicy() {
        let fixture = Fixture(
            evaluation: settingsYAML(units: ["u"]),
            indicators: "indicators:\n  - { id: A, name: 甲, points: 1 }\n  - { id: B, name: 乙, points: 1 }",
            results: ["u": "scores:\n  A: { score: 1 }\n  B: { na: true }"])
        #expect(fixture.has(.error, "没有规定它不适用时分值的去向"))
        #expect(fixture.has(.error, "没有写理由"))
        #expect(fixture.first(.error, containing: "去向")?.location.file == "results/u.md")
    }

    @Test("a parent marked n/a makes its children n/a without results")
    func parentNotApplicable() {
        let fixture = Fixture(
            evaluation: settingsYAML(units: ["u"]),
            indicators: """
            indicators:
              - id: A
                name: 甲
                points: 1
                not_applicable: equal
                children:
                  - { id: A1, name: 甲一, points: 1 }
              - { id: B, name: 乙, points: 1 }
            """,
            results: ["u": "scores:\n  A: { na: true, reason: 无 }\n  B: { score: 1 }"])
        #expect(fixture.errors.isEmpty)
        #expect(fixture.score("u", "A1")?.notApplicable == true)
        #expect(fixture.unit("u")?.indicatorTotal == 2)
    }
}

@Suite("R12 vetoes")
struct VetoTests {
    static let indicators = """
    total: 3
    indicators:
      - id: A
        name: 甲
        points: 2
        children:
          - { id: A1, name: 甲一, points: 1, rule: { kind: binary } }
          - { id: A2, name: 甲二, points: 1, rule: { kind: binary } }
      - { id: B, name: 乙, points: 1, rule: { kind: binary } }
    vetoes:
      - { id: V1, name: 虚报, scope: item, indicator: A1 }
      - { id: V2, name: 作假超过30%, scope: { ancestor: A } }
      - { id: V3, name: 重大事故, scope: whole }
    """
    static let scores = "scores:\n  A1: { pass: true }\n  A2: { pass: true }\n  B: { pass: true }\n"

    static func fixture(_ vetoes: String) -> Fixture {
        Fixture(evaluation: settingsYAML(units: ["u", "w"], extra: "grading: { pass_line: 1 }"), indicators: indicators,
                results: ["u": scores + vetoes, "w": scores])
    }

    @Test("scope item zeroes the indicator")
    func item() {
        let fixture = Self.fixture("vetoes: [{ id: V1, reason: 虚报收购数量 }]")
        #expect(fixture.errors.isEmpty)
        #expect(fixture.score("u", "A1")?.score == 0)
        #expect(fixture.score("u", "A1")?.vetoed == true)
        #expect(fixture.score("u", "A")?.score == 1)
        #expect(fixture.unit("u")?.total == 2)
    }

    @Test("scope ancestor zeroes that ancestor")
    func ancestor() {
        let fixture = Self.fixture("vetoes: [{ id: V2, reason: 作假 }]")
        #expect(fixture.score("u", "A")?.score == 0)
        #expect(fixture.score("u", "A")?.deduction == 2)
        #expect(fixture.unit("u")?.total == 1)
    }

    @Test("scope whole: 不合格 and not 优秀, total still computed")
    func whole() {
        let fixture = Self.fixture("vetoes: [{ id: V3, reason: 发生重大事故 }]")
        let unit = fixture.unit("u")
        #expect(unit?.total == 3)
        #expect(unit?.grade == .fail)
        #expect(unit?.gradeName == "不合格")
        #expect(unit?.gradeNote?.contains("V3") == true)
        // The other unit, tied at 3, is the only candidate; ⌊2/3⌋ = 0 excellent anyway.
        #expect(fixture.unit("w")?.grade == .pass)
    }

    @Test("an unknown veto id, and a veto without a reason, are errors")
    func unknown() {
        let fixture = Self.fixture("vetoes: [{ id: V9 }]")
        #expect(fixture.has(.error, "“V9”不是指标体系中的否决项"))
        #expect(fixture.has(.error, "缺少理由"))
    }
}

@Suite("R4 parent deduction and R20 weight tree")
struct ParentRuleTests {
    static func fixture(count: String) -> Fixture {
        Fixture(
            evaluation: settingsYAML(units: ["u"]),
            indicators: """
            indicators:
              - id: A2
                name: 仓储设施和优质粮食工程
                points: 1.5
                rule: { kind: per_occurrence, deduction: 0.2, cap: 1.5 }
                children:
                  - { id: A2.1, name: 新建维修, points: 0.5, rule: { kind: threshold, threshold: 0.9 } }
                  - { id: A2.2, name: 优质粮食工程, points: 1, rule: { kind: proportional } }
            """,
            results: ["u": """
            scores:
              A2: { count: \(count) }
              A2.1: { ratio: 0.8 }
              A2.2: { actual: 3, target: 4 }
            """])
    }

    @Test("the deduction applies after the children are summed, floored at 0", arguments: [
        ("0", "1.15"),   // 0.4 + 0.75 = 1.15
        ("2", "0.75"),   // 1.15 − 0.4
        ("6", "0"),      // 1.15 − 1.2 → 0
    ])
    func deduction(count: String, expected: String) {
        let fixture = Self.fixture(count: count)
        #expect(fixture.errors.isEmpty)
        #expect(fixture.score("u", "A2")?.score == d(expected))
    }

    @Test("a parent rule that is not a deduction is rejected")
    func nonDeduction() {
        let fixture = Fixture(
            evaluation: settingsYAML(units: ["u"]),
            indicators: "indicators:\n  - id: A\n    name: 甲\n    points: 1\n    rule: { kind: binary }\n    children:\n      - { id: A1, name: 甲一, points: 1 }",
            results: [:])
        #expect(fixture.has(.error, "不能使用“binary”规则"))
    }

    @Test("children must sum exactly to their parent, and the declared total must match")
    func sums() {
        let fixture = Fixture(
            evaluation: settingsYAML(units: ["u"]),
            indicators: """
            total: 100
            indicators:
              - id: A
                name: 职能工作目标
                weight: 65
                children:
                  - { id: A1, name: 重点, weight: 40 }
                  - { id: A2, name: 常规, weight: 20 }
                  - { id: A3, name: 动态, weight: 4 }
              - { id: B, name: 行政能力, weight: 30 }
            """,
            results: [:])
        let childError = fixture.first(.error, containing: "下级指标分值之和为64")
        #expect(childError?.location == SourceLocation(file: "indicators.yaml", line: 3, column: 5))
        #expect(fixture.has(.error, "声明的总分 total 为100，但一级指标分值之和为95"))
    }

    @Test("parent scores are the sum of the children; weights are shown as 权重")
    func weightTree() {
        let fixture = Fixture(
            evaluation: settingsYAML(units: ["u"]),
            indicators: """
            total: 100
            indicators:
              - id: A
                name: 职能工作目标
                weight: 65
                children:
                  - { id: A1, name: 重点, weight: 40 }
                  - { id: A2, name: 常规, weight: 20 }
                  - { id: A3, name: 动态, weight: 5 }
              - { id: B, name: 行政能力, weight: 35 }
            """,
            results: ["u": "scores:\n  A1: { score: 38.5, reason: x }\n  A2: { score: 20 }\n  A3: { score: 5 }\n  B: { score: 34, reason: y }"])
        #expect(fixture.errors.isEmpty)
        #expect(fixture.system?.indicators[0].usesWeight == true)
        // 38.5 + 20 + 5 = 63.5; + 34 = 97.5
        #expect(fixture.score("u", "A")?.score == d("63.5"))
        #expect(fixture.unit("u")?.indicatorTotal == d("97.5"))
    }
}

@Suite("walking score trees in place")
struct ScoresInPlaceTests {
    @Test("forEachInPlace visits every score once, a parent before its children, in the tree's order")
    func depthFirstOrder() throws {
        let fixture = Fixture(
            evaluation: settingsYAML(units: ["u"]),
            indicators: """
            indicators:
              - id: A
                name: 甲
                points: 3
                children:
                  - { id: A1, name: 甲一, points: 1, rule: { kind: manual } }
                  - id: A2
                    name: 甲二
                    points: 2
                    children:
                      - { id: A2a, name: 甲二子, points: 2, rule: { kind: manual } }
              - { id: B, name: 乙, points: 1, rule: { kind: manual } }
            """,
            results: ["u": "scores:\n  A1: { score: 1 }\n  A2a: { score: 1.5, reason: x }\n  B: { score: 1 }"])
        #expect(fixture.errors.isEmpty)
        let indicators = try #require(fixture.unit("u")?.indicators)
        var visited: [String] = []
        var scores: [Decimal?] = []
        indicators.forEachInPlace { items, index in
            visited.append(items[index].indicator.id)
            scores.append(items[index].score)
        }
        #expect(visited == ["A", "A1", "A2", "A2a", "B"])
        #expect(scores == [d("2.5"), d("1"), d("1.5"), d("1.5"), d("1")])
        #expect(indicators.countInTrees == 5)
        #expect([IndicatorScore]().countInTrees == 0)
    }
}
