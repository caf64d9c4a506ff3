import Foundation
@testable import JixiaoCore
import JixiaoTestSupport
import Testing

extension SeededGenerator {
    /// A decimal text with `places` decimals between `low` and `high` hundredths.
    mutating func decimalText(_ low: Int, _ high: Int) -> String {
        let cents = Int.random(in: low...high, using: &self)
        return formatPlain(Decimal(cents) / 100)
    }
}

@Suite("Properties over random cases (seeded)")
struct PropertyTests {
    static let cases = 300

    /// A random leaf rule with inputs that fit it: (rule YAML, inputs YAML).
    static func randomLeaf(points: String, using rng: inout SeededGenerator) -> (rule: String, inputs: String) {
        switch Int.random(in: 0..<9, using: &rng) {
        case 0:
            return ("{ kind: binary }", "{ pass: \(Bool.random(using: &rng)) }")
        case 1:
            let failed = ["a", "b", "c"].filter { _ in Bool.random(using: &rng) }.joined(separator: ", ")
            return ("{ kind: checklist, items: [{ id: a, text: 甲, deduction: \(rng.decimalText(1, 300)) }, { id: b, text: 乙, deduction: \(rng.decimalText(1, 300)) }, { id: c, text: 丙, deduction: \(rng.decimalText(1, 300)) }] }",
                    "{ failed: [\(failed)] }")
        case 2:
            return ("{ kind: per_occurrence, deduction: \(rng.decimalText(1, 100)) }", "{ count: \(Int.random(in: 0...40, using: &rng)) }")
        case 3:
            return ("{ kind: per_kind, deductions: { 省: \(rng.decimalText(1, 100)), 县: \(rng.decimalText(1, 100)) } }",
                    "{ counts: { 省: \(Int.random(in: 0...5, using: &rng)), 县: \(Int.random(in: 0...5, using: &rng)) } }")
        case 4:
            return ("{ kind: proportional }", "{ actual: \(rng.decimalText(0, 50000)), target: \(rng.decimalText(1, 50000)) }")
        case 5:
            let reading = Bool.random(using: &rng) ? "ratio" : "scaled"
            return ("{ kind: threshold, threshold: \(rng.decimalText(1, 100)), reading: \(reading) }",
                    "{ ratio: \(rng.decimalText(0, 150)) }")
        case 6:
            let partial = Bool.random(using: &rng) ? "floor" : "ceil"
            return ("{ kind: steps, target: 1, step: \(rng.decimalText(1, 20)), deduction: \(rng.decimalText(1, 100)), partial: \(partial) }",
                    "{ value: \(rng.decimalText(0, 130)) }")
        case 7:
            return ("{ kind: bands, bands: [{ min: 0.9, score: \(points) }, { min: 0.85, max: 0.9, deduction: \(rng.decimalText(1, 500)) }, { max: 0.85, deduction: \(rng.decimalText(1, 1000)) }] }",
                    "{ value: \(rng.decimalText(0, 100)) }")
        default:
            return ("{ kind: event, deduction: \(rng.decimalText(1, 1000)) }", "{ occurred: \(Bool.random(using: &rng)) }")
        }
    }

    @Test("every floored rule score lies within [0, points]")
    func scoresWithinPoints() {
        var rng = SeededGenerator(seed: 20_190_822)
        for _ in 0..<Self.cases {
            let points = rng.decimalText(1, 1000)
            let (rule, inputs) = Self.randomLeaf(points: points, using: &rng)
            let single = SingleRule(points: points, rule: rule, inputs: inputs)
            #expect(single.errors.isEmpty, "\(rule) \(inputs): \(single.errors)")
            guard let score = single.score else {
                Issue.record("no score for \(rule) \(inputs)")
                continue
            }
            #expect(score >= 0 && score <= d(points), "\(rule) \(inputs) → \(score) not in [0, \(points)]")
        }
    }

    @Test("parent scores equal the sum of their children (no R4, no n/a)")
    func parentsSumChildren() {
        var rng = SeededGenerator(seed: 7)
        for _ in 0..<Self.cases {
            var indicators = "indicators:\n"
            var scores = "scores:\n"
            for parent in 0..<Int.random(in: 1...3, using: &rng) {
                var children: [(String, String)] = []
                for child in 0..<Int.random(in: 1...4, using: &rng) {
                    let points = rng.decimalText(1, 2000)
                    children.append(("P\(parent).\(child)", points))
                }
                let total = children.reduce(Decimal(0)) { $0 + d($1.1) }
                indicators += "  - id: P\(parent)\n    name: 上级\(parent)\n    points: \(formatPlain(total))\n    children:\n"
                for (id, points) in children {
                    let (rule, inputs) = Self.randomLeaf(points: points, using: &rng)
                    indicators += "      - { id: \(id), name: 下级, points: \(points), rule: \(rule) }\n"
                    scores += "  \(id): \(inputs)\n"
                }
            }
            let fixture = Fixture(evaluation: settingsYAML(units: ["u"]), indicators: indicators, results: ["u": scores])
            #expect(fixture.errors.isEmpty)
            guard let unit = fixture.unit("u") else { continue }
            for parent in unit.indicators {
                let sum = parent.children.reduce(Decimal(0)) { $0 + ($1.score ?? 0) }
                #expect(parent.score == sum)
                #expect(parent.score! >= 0 && parent.score! <= parent.points)
            }
            #expect(unit.indicatorTotal == unit.indicators.reduce(Decimal(0)) { $0 + ($1.score ?? 0) })
        }
    }

    @Test("ranking is a permutation consistent with totals, and 优秀 never exceeds ⌊N × quota⌋")
    func rankingAndQuota() {
        var rng = SeededGenerator(seed: 1949)
        let quotas = ["1/3", "1/4", "0.5", "20%", "1/3"]
        for _ in 0..<Self.cases {
            let count = Int.random(in: 1...15, using: &rng)
            // Few distinct values so that ties are frequent.
            let units = (0..<count).map { ("u\($0)", formatPlain(Decimal(Int.random(in: 40...50, using: &rng) * 2))) }
            let quota = quotas.randomElement(using: &rng)!
            let fixture = gradedFixture(units, grading: "grading: { pass_line: 86, excellent_quota: \(quota) }")
            #expect(fixture.errors.isEmpty)
            guard let result = fixture.result else {
                Issue.record("no result")
                continue
            }
            let ranking = result.ranking
            #expect(Set(ranking.map(\.unit.slug)) == Set(units.map(\.0)))
            #expect(ranking.count == count)
            for (a, b) in zip(ranking, ranking.dropFirst()) {
                #expect(a.total >= b.total)
                #expect(a.rank <= b.rank)
                #expect((a.total == b.total) == (a.rank == b.rank))
            }
            for unit in ranking {
                #expect(unit.rank == ranking.filter { $0.total > unit.total }.count + 1)
            }
            let limit = Fraction.parseRatio(quota)!.floorOfMultiple(count)
            let excellent = ranking.filter { $0.grade == .excellent }
            #expect(excellent.count <= limit)
            // No 优秀 below a non-优秀 eligible unit; failures are exactly those below the pass line.
            #expect(ranking.filter { $0.grade == .fail }.allSatisfy { $0.total < 86 })
            if let lowestExcellent = excellent.map(\.total).min() {
                #expect(ranking.filter { $0.grade == .pass }.allSatisfy { $0.total < lowestExcellent })
            }
        }
    }
}
