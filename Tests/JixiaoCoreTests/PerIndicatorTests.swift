import Foundation
import Testing
@testable import JixiaoCore

@Suite("Values kept per indicator by its place")
struct PerIndicatorTests {
    /// Two units scored on a parent with two leaves; `name` names the first leaf.
    private static func fixture(name: String = "甲") -> Fixture {
        Fixture(
            evaluation: settingsYAML(units: ["u", "v"]),
            indicators: """
            indicators:
              - id: P
                name: 上级
                points: 2
                children:
                  - { id: A, name: \(name), points: 1, rule: { kind: manual } }
                  - { id: B, name: 乙, points: 1, rule: { kind: manual } }
            """,
            results: ["u": "scores:\n  A: { score: 1 }\n  B: { score: 0.5 }",
                      "v": "scores:\n  A: { score: 0.5 }\n  B: { score: 1 }"])
    }

    @Test("made once from one unit's tree, found for every unit's score of the same indicator")
    func sameIndicators() throws {
        let result = try #require(Self.fixture().result)
        var made: [String] = []
        let names = PerIndicator(result.units[0].indicators) { scores, index in
            made.append(scores[index].indicator.id)
            return scores[index].indicator.id + scores[index].indicator.name
        }
        #expect(made == ["P", "A", "B"])
        var found: [String?] = []
        for unit in result.units {
            unit.indicators.forEachInPlace { scores, index in found.append(names.value(for: scores[index])) }
        }
        #expect(found == ["P上级", "A甲", "B乙", "P上级", "A甲", "B乙"])
    }

    @Test("nothing for an indicator of another evaluation at the same place, nor for one not shared")
    func otherIndicators() throws {
        let result = try #require(Self.fixture().result)
        let other = try #require(Self.fixture(name: "另一个").result)
        let names = PerIndicator(result.units[0].indicators) { scores, index in scores[index].indicator.name }
        let otherA = try #require(other.units[0].score("A"))
        #expect(names.value(for: otherA) == nil)
        let ownA = try #require(result.units[1].score("A"))
        #expect(names.value(for: ownA) == "甲")
        // A score whose indicator is its own, not the evaluation's shared one.
        let unshared = IndicatorScore(
            indicator: SharedIndicator(ownA.indicator), points: 1, score: 1, selfScore: nil, deduction: 0,
            notApplicable: false, vetoed: false, inputs: [], reasons: [], evidence: [], source: nil, reviewer: nil,
            computation: "", children: [])
        #expect(names.value(for: unshared) == nil)
    }
}
