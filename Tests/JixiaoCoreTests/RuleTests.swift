import Foundation
import Testing
@testable import JixiaoCore

@Suite("R1 binary")
struct BinaryRuleTests {
    @Test("pass gives the points, fail gives 0")
    func passAndFail() {
        #expect(SingleRule(points: "1", rule: "{ kind: binary }", inputs: "{ pass: true }").score == 1)
        #expect(SingleRule(points: "1", rule: "{ kind: binary }", inputs: "{ pass: false }").score == 0)
    }

    @Test("a non-boolean pass is an error naming the key")
    func wrongType() {
        let rule = SingleRule(points: "1", rule: "{ kind: binary }", inputs: "{ pass: 是的 }")
        #expect(rule.errors.contains { $0.message.contains("“pass”应为true 或 false") })
    }

    @Test("a missing input is an error at the result")
    func missing() {
        let rule = SingleRule(points: "1", rule: "{ kind: binary }", inputs: "{ self: 1 }")
        let error = rule.errors.first { $0.message.contains("缺少输入“pass”") }
        #expect(error?.location.file == "results/u.md")
    }
}

@Suite("R2 checklist")
struct ChecklistRuleTests {
    static let rule = "{ kind: checklist, items: [{ id: a, text: 未开展公平竞争审查, deduction: 0.2 }, { id: b, text: 无总结, deduction: 0.3 }] }"

    @Test("failed items are deducted", arguments: [("[]", "0.5"), ("[a]", "0.3"), ("[b]", "0.2"), ("[a, b]", "0")])
    func deductions(failed: String, expected: String) {
        #expect(SingleRule(points: "0.5", rule: Self.rule, inputs: "{ failed: \(failed) }").score == d(expected))
    }

    @Test("deductions beyond the points are floored at 0")
    func floored() {
        #expect(SingleRule(points: "0.4", rule: Self.rule, inputs: "{ failed: [a, b] }").score == 0)
    }

    @Test("an unknown item id is an error")
    func unknownItem() {
        #expect(SingleRule(points: "0.5", rule: Self.rule, inputs: "{ failed: [c] }").errors
            .contains { $0.message.contains("“c”不在检查项中") })
    }

    @Test("table cells separate failed items with ;")
    func semicolons() {
        let fixture = Fixture(
            evaluation: settingsYAML(units: ["u"]),
            indicators: "indicators:\n  - { id: X, name: 检查, points: 0.5, rule: \(Self.rule) }",
            csv: "unit,indicator,failed\nu,X,a;b")
        #expect(fixture.score("u", "X")?.score == 0)
    }
}

@Suite("R3 per occurrence")
struct PerOccurrenceRuleTests {
    @Test("v − min(cap, n·d), cap defaults to v", arguments: [
        ("0", "0.2"), ("1", "0.18"), ("3", "0.14"), ("10", "0"), ("11", "0"),
    ])
    func defaultCap(count: String, expected: String) {
        #expect(SingleRule(points: "0.2", rule: "{ kind: per_occurrence, deduction: 0.02 }", inputs: "{ count: \(count) }")
            .score == d(expected))
    }

    @Test("an explicit cap limits the deduction")
    func explicitCap() {
        // 1 − min(0.5, 4 × 0.2 = 0.8) = 0.5
        #expect(SingleRule(points: "1", rule: "{ kind: per_occurrence, deduction: 0.2, cap: 0.5 }", inputs: "{ count: 4 }")
            .score == d("0.5"))
    }

    @Test("the computation shows the arithmetic")
    func computation() {
        let rule = SingleRule(points: "0.2", rule: "{ kind: per_occurrence, deduction: 0.02 }", inputs: "{ count: 3 }")
        #expect(rule.computation == "每次扣0.02分 × 3次 = 0.06分，得0.14分")
        #expect(rule.fixture.system?.indicators[0].ruleDescription == "每次扣0.02分，最多扣0.2分")
    }

    @Test("counts must be whole and not negative", arguments: ["1.5", "-1", "三"])
    func badCounts(count: String) {
        #expect(!SingleRule(points: "0.2", rule: "{ kind: per_occurrence, deduction: 0.02 }", inputs: "{ count: \(count) }")
            .errors.isEmpty)
    }
}

@Suite("R5 per kind")
struct PerKindRuleTests {
    static let rule = "{ kind: per_kind, deductions: { 省市通报: 0.4, 县直: 0.2 } }"

    @Test("Σ counts × deduction of each kind")
    func sums() {
        // 0.6 − (1 × 0.4 + 1 × 0.2) = 0
        #expect(SingleRule(points: "0.6", rule: Self.rule, inputs: "{ counts: { 省市通报: 1, 县直: 1 } }").score == 0)
        // 0.6 − 1 × 0.2 = 0.4
        #expect(SingleRule(points: "0.6", rule: Self.rule, inputs: "{ counts: { 县直: 1 } }").score == d("0.4"))
        // 0.6 − min(0.6, 2 × 0.4) floored = 0
        #expect(SingleRule(points: "0.6", rule: Self.rule, inputs: "{ counts: { 省市通报: 2 } }").score == 0)
    }

    @Test("an unknown kind is an error")
    func unknownKind() {
        #expect(SingleRule(points: "0.6", rule: Self.rule, inputs: "{ counts: { 国务院: 1 } }").errors
            .contains { $0.message.contains("“国务院”不在扣分表中") })
    }
}

@Suite("R6 status")
struct StatusRuleTests {
    static let rule = "{ kind: status, levels: { 开工且进度符合工期: 0.2, 开工但进度滞后: 0.1, 未开工: 0 } }"

    @Test("the status's points", arguments: [("开工且进度符合工期", "0.2"), ("开工但进度滞后", "0.1"), ("未开工", "0")])
    func levels(status: String, expected: String) {
        #expect(SingleRule(points: "0.2", rule: Self.rule, inputs: "{ status: \(status) }").score == d(expected))
    }

    @Test("an unknown status is an error listing the known ones")
    func unknown() {
        let rule = SingleRule(points: "0.2", rule: Self.rule, inputs: "{ status: 已竣工 }")
        #expect(rule.errors.contains { $0.hint?.contains("开工但进度滞后") ?? false })
    }

    @Test("a level worth more than the indicator is a decoding error")
    func levelAbovePoints() {
        let rule = SingleRule(points: "0.1", rule: Self.rule, inputs: "{ status: 未开工 }")
        #expect(rule.errors.contains { $0.message.contains("超过指标分值0.1") })
    }
}

@Suite("R7 proportional")
struct ProportionalRuleTests {
    @Test("v × min(1, actual / target), rounded half-up", arguments: [
        ("335", "350", "1.91"),   // 2 × 335 / 350 = 1.9142… → 1.91
        ("350", "350", "2"),
        ("400", "350", "2"),      // over-completion counts as 100%
        ("0", "350", "0"),
        ("142", "150", "1.89"),   // 2 × 142 / 150 = 1.8933… → 1.89
    ])
    func scores(actual: String, target: String, expected: String) {
        #expect(SingleRule(points: "2", rule: "{ kind: proportional }", inputs: "{ actual: \(actual), target: \(target) }")
            .score == d(expected))
    }

    @Test("a target in the rule is used, and a second target in the result is an error")
    func ruleTarget() {
        #expect(SingleRule(points: "2", rule: "{ kind: proportional, target: 8 }", inputs: "{ actual: 6 }").score == d("1.5"))
        #expect(!SingleRule(points: "2", rule: "{ kind: proportional, target: 8 }", inputs: "{ actual: 6, target: 9 }")
            .errors.isEmpty)
    }

    @Test("a zero target is rejected")
    func zeroTarget() {
        #expect(SingleRule(points: "2", rule: "{ kind: proportional }", inputs: "{ actual: 1, target: 0 }").errors
            .contains { $0.message.contains("必须大于0") })
    }
}

@Suite("R8 threshold")
struct ThresholdRuleTests {
    @Test("at or above the threshold gives full points (inclusive)", arguments: ["0.9", "0.95", "1.2"])
    func full(ratio: String) {
        #expect(SingleRule(points: "0.5", rule: "{ kind: threshold, threshold: 0.9 }", inputs: "{ ratio: \(ratio) }")
            .score == d("0.5"))
    }

    @Test("below: v × r (ratio reading)")
    func ratioReading() {
        // 0.5 × 0.8 = 0.4; 0.5 × 0.899 = 0.4495 → 0.45
        #expect(SingleRule(points: "0.5", rule: "{ kind: threshold, threshold: 0.9 }", inputs: "{ ratio: 0.8 }").score == d("0.4"))
        #expect(SingleRule(points: "0.5", rule: "{ kind: threshold, threshold: 0.9 }", inputs: "{ ratio: 0.899 }").score == d("0.45"))
    }

    @Test("below: v × r / t (scaled reading)")
    func scaledReading() {
        // 0.3 × 0.65 / 0.7 = 0.27857… → 0.28
        #expect(SingleRule(points: "0.3", rule: "{ kind: threshold, threshold: 0.7, reading: scaled }", inputs: "{ ratio: 0.65 }")
            .score == d("0.28"))
    }

    @Test("the ratio can be given as actual and target")
    func actualAndTarget() {
        // 1326 / 1350 = 0.982… ≥ 0.9 → 0.5; 1000 / 1350 = 0.7407… → 0.5 × 0.7407… = 0.370… → 0.37
        #expect(SingleRule(points: "0.5", rule: "{ kind: threshold, threshold: 0.9 }", inputs: "{ actual: 1326, target: 1350 }")
            .score == d("0.5"))
        #expect(SingleRule(points: "0.5", rule: "{ kind: threshold, threshold: 0.9 }", inputs: "{ actual: 1000, target: 1350 }")
            .score == d("0.37"))
    }

    @Test("an unknown reading is a decoding error")
    func unknownReading() {
        #expect(SingleRule(points: "0.5", rule: "{ kind: threshold, threshold: 0.9, reading: linear }", inputs: "{ ratio: 1 }")
            .errors.contains { $0.message.contains("读法“linear”未知") })
    }
}

@Suite("R9 steps")
struct StepsRuleTests {
    static let rule = "{ kind: steps, target: 1, step: 0.05, deduction: 0.5 }"

    @Test("whole steps short are deducted; a partial step is not (floor)", arguments: [
        ("1", "2"), ("1.1", "2"), ("0.95", "1.5"), ("0.94", "1.5"), ("0.9", "1"), ("0.86", "1"), ("0.85", "0.5"), ("0.5", "0"),
    ])
    func floorSteps(value: String, expected: String) {
        #expect(SingleRule(points: "2", rule: Self.rule, inputs: "{ value: \(value) }").score == d(expected))
    }

    @Test("with partial: ceil a partial step counts as a whole one")
    func ceilSteps() {
        // 2 − ceil(0.06 / 0.05) = 2 steps × 0.5 = 1
        #expect(SingleRule(points: "2", rule: "{ kind: steps, target: 1, step: 0.05, deduction: 0.5, partial: ceil }",
                           inputs: "{ value: 0.94 }").score == 1)
    }

    @Test("a target from the result when the rule has none")
    func resultTarget() {
        // 商标申请量 100 件, 每减少5件扣0.2分: 87 → 13 short → 2 steps → 1 − 0.4 = 0.6
        #expect(SingleRule(points: "1", rule: "{ kind: steps, step: 5, deduction: 0.2 }", inputs: "{ value: 87, target: 100 }")
            .score == d("0.6"))
    }
}

@Suite("R10 bands")
struct BandsRuleTests {
    // 001: ≥90%得1.5分；85%≤x<90%扣1分；<85%扣1.5分
    static let rule = """
    { kind: bands, bands: [{ min: 0.9, score: 1.5 }, { min: 0.85, max: 0.9, deduction: 1 }, { max: 0.85, deduction: 1.5 }] }
    """

    @Test("以上 includes the lower bound, 不满 excludes the upper", arguments: [
        ("0.9", "1.5"), ("0.95", "1.5"), ("0.8999", "0.5"), ("0.85", "0.5"), ("0.8499", "0"), ("0", "0"),
    ])
    func bounds(value: String, expected: String) {
        #expect(SingleRule(points: "1.5", rule: Self.rule, inputs: "{ value: \(value) }").score == d(expected))
    }

    @Test("explicit inclusivity moves the boundary value")
    func explicitBounds() {
        let rule = "{ kind: bands, bands: [{ min: 0.9, min_inclusive: false, score: 1 }, { max: 0.9, max_inclusive: true, score: 0 }] }"
        #expect(SingleRule(points: "1", rule: rule, inputs: "{ value: 0.9 }").score == 0)
        #expect(SingleRule(points: "1", rule: rule, inputs: "{ value: 0.9001 }").score == 1)
    }

    @Test("a value in no band is an error")
    func gap() {
        let rule = "{ kind: bands, bands: [{ min: 0.9, score: 1 }, { max: 0.8, score: 0 }] }"
        #expect(SingleRule(points: "1", rule: rule, inputs: "{ value: 0.85 }").errors
            .contains { $0.message.contains("不在任何区间内") })
    }

    @Test("overlapping bands are a decoding error at the second band")
    func overlap() {
        let rule = "{ kind: bands, bands: [{ min: 0.9, score: 1 }, { min: 0.85, max: 0.9, max_inclusive: true, score: 0 }] }"
        let error = SingleRule(points: "1", rule: rule, inputs: "{ value: 0.95 }").errors.first { $0.message.contains("重叠") }
        #expect(error?.location.file == "indicators.yaml")
        #expect(error?.location.line == 5)
    }

    @Test("a band with both score and deduction, or min above max, is rejected")
    func malformed() {
        #expect(SingleRule(points: "1", rule: "{ kind: bands, bands: [{ min: 0, score: 1, deduction: 1 }] }", inputs: "{ value: 1 }")
            .errors.contains { $0.message.contains("只能写“score”和“deduction”中的一个") })
        #expect(SingleRule(points: "1", rule: "{ kind: bands, bands: [{ min: 2, max: 1, score: 1 }] }", inputs: "{ value: 1 }")
            .errors.contains { $0.message.contains("不小于上限") })
    }
}

@Suite("R11 event")
struct EventRuleTests {
    @Test("a fixed deduction when the event occurred, floored at 0")
    func event() {
        #expect(SingleRule(points: "4", rule: "{ kind: event, deduction: 3 }", inputs: "{ occurred: true }").score == 1)
        #expect(SingleRule(points: "4", rule: "{ kind: event, deduction: 3 }", inputs: "{ occurred: false }").score == 4)
        #expect(SingleRule(points: "2", rule: "{ kind: event, deduction: 3 }", inputs: "{ occurred: true }").score == 0)
    }
}

@Suite("Manual scores")
struct ManualScoreTests {
    @Test("the given score, with a reason when below the points")
    func given() {
        #expect(SingleRule(points: "2", rule: "{ kind: manual }", inputs: "{ score: 1.6, reason: 优良率未达标 }").score == d("1.6"))
        #expect(SingleRule(points: "2", rule: "{ kind: manual }", inputs: "{ score: 2 }").errors.isEmpty)
    }

    @Test("above the points, negative, or without a reason are errors", arguments: [
        ("{ score: 2.1 }", "超过分值2"), ("{ score: -1, reason: x }", "为负数"), ("{ score: 1.5 }", "没有写扣分理由"),
    ])
    func invalid(inputs: String, message: String) {
        #expect(SingleRule(points: "2", rule: "{ kind: manual }", inputs: inputs).errors.contains { $0.message.contains(message) })
    }

    @Test("a score on a rule-based indicator is an error")
    func scoreOnRule() {
        #expect(SingleRule(points: "1", rule: "{ kind: binary }", inputs: "{ score: 1, pass: true }").errors
            .contains { $0.message.contains("不能直接给出得分") })
    }

    @Test("self ≠ reviewed is a warning at the self key")
    func selfDiffers() {
        let rule = SingleRule(points: "2", rule: "{ kind: manual }", inputs: "{ score: 1.6, self: 2, reason: x }")
        let warning = rule.fixture.first(.warning, containing: "自评得分2与考评得分1.60不一致")
        #expect(warning?.location.file == "results/u.md")
        #expect(rule.fixture.score("u", "X")?.selfScore == 2)
    }
}
