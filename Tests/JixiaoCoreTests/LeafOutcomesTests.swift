import Foundation
@testable import JixiaoCore
import JixiaoTestSupport
import Testing

/// A leaf's outcome is computed once per set of inputs in an evaluation (see
/// LeafOutcomes): units giving the same inputs must get exactly what scoring
/// each alone gives, and every unit its own messages.
@Suite("Leaf outcomes scored once per set of inputs")
struct LeafOutcomesTests {
    static let indicators = """
        indicators:
          - { id: A, name: 组织培训, points: 2, rule: { kind: binary } }
          - { id: B, name: 按期报送, points: 3, rule: { kind: per_occurrence, deduction: 0.5 } }
          - id: C
            name: 验收等次
            points: 3
            rule: { kind: status, levels: { 优秀: 3, 合格: 2, 不合格: 0 } }
          - id: D
            name: 完成率
            points: 2
            rule: { kind: bands, bands: [{ min: 0.9, score: 2 }, { min: 0.8, max: 0.9, deduction: 1 }, { max: 0.8, deduction: 2 }] }
        """

    @Test("forty units drawing inputs from small sets: each unit's scores and texts are those it gets scored alone")
    func sameAsAlone() throws {
        var random = SeededGenerator(seed: 4242)
        let units = (1...40).map { "u\($0)" }
        var csv = "unit,indicator,pass,count,status,value\n"
        var pass: [String: String] = [:]
        for unit in units {
            pass[unit] = ["true", "false", "是"][random.below(3)]
            csv += "\(unit),A,\(pass[unit]!),,,\n"
            csv += "\(unit),B,,\(random.below(4)),,\n"
            csv += "\(unit),C,,,\(["优秀", "合格", "不合格"][random.below(3)]),\n"
            csv += "\(unit),D,,,,\(["0.95", "0.9", "0.85", "0.5", "0.950"][random.below(5)])\n"
        }
        let together = Fixture(evaluation: settingsYAML(units: units), indicators: Self.indicators, csv: csv)
        #expect(together.errors.isEmpty)
        let lines = csv.split(separator: "\n").map(String.init)
        for unit in units {
            let own = ([lines[0]] + lines.dropFirst().filter { $0.hasPrefix("\(unit),") }).joined(separator: "\n")
            let alone = Fixture(evaluation: settingsYAML(units: [unit]), indicators: Self.indicators, csv: own)
            for id in ["A", "B", "C", "D"] {
                let shared = try #require(together.score(unit, id)), single = try #require(alone.score(unit, id))
                #expect(shared.score == single.score && shared.computation == single.computation, "\(unit) \(id)")
            }
        }
        // The text of an outcome met before is the same string, not another copy
        // (each worker, one per core, keeps its own).
        let passed = units.filter { pass[$0] == "true" }
        #expect(passed.count > 4)
        let storage = passed.map { unit in
            together.score(unit, "A")!.computation.utf8.withContiguousStorageIfAvailable { $0.baseAddress }!
        }
        #expect(Set(storage).count <= ProcessInfo.processInfo.activeProcessorCount)
    }

    @Test("inputs a rule rejects are reported for every unit that gives them, each at its own row")
    func errorsForEveryUnit() {
        let csv = """
            unit,indicator,pass,count,status,value
            u1,C,,,良好,
            u2,C,,,良好,
            u3,C,,,合格,
            """
        let fixture = Fixture(evaluation: settingsYAML(units: ["u1", "u2", "u3"]),
                              indicators: "indicators:\n  - { id: C, name: 验收等次, points: 3, rule: { kind: status, levels: { 优秀: 3, 合格: 2 } } }",
                              csv: csv)
        let errors = fixture.errors.filter { $0.message.contains("良好") }
        #expect(errors.map(\.location.line) == [2, 3])
        #expect(fixture.score("u3", "C")?.score == d("2"))
    }

    @Test("the key tells inputs apart by text and quoting, and leaves out manual scores and mappings")
    func keys() {
        var result = IndicatorResult(indicatorID: "A", location: SourceLocation(file: "r.csv", line: 2, column: 1))
        let at = result.location
        result.inputs = [SourceEntry(key: "value", keyLocation: at, value: SourceValue(.scalar("0.9", quoted: false), at: at))]
        let bands = ScoringRule.bands([])
        let plain = LeafOutcomes.key("A", bands, result)
        result.inputs[0].value = SourceValue(.scalar("0.90", quoted: false), at: at)
        let longer = LeafOutcomes.key("A", bands, result)
        result.inputs[0].value = SourceValue(.scalar("0.9", quoted: true), at: at)
        let quoted = LeafOutcomes.key("A", bands, result)
        #expect(plain != nil && Set([plain, longer, quoted]).count == 3)
        #expect(LeafOutcomes.key("B", bands, result) != quoted)
        #expect(LeafOutcomes.key("A", .manual, result) == nil)
        result.inputs[0].value = SourceValue(.mapping([]), at: at)
        #expect(LeafOutcomes.key("A", bands, result) == nil)
    }
}
