import Foundation
import Testing
@testable import JixiaoCore

/// Units whose results list the indicators as the first unit's do take its layout;
/// the others are laid out on their own. Either way each indicator gets its own
/// result, and unknown and missing results are reported for the unit that has them.
@Suite("Results found by the indicators' places")
struct ResultLayoutTests {
    static let indicators = """
    indicators:
      - id: P
        name: 上级
        points: 3
        children:
          - { id: A, name: 甲, points: 1, rule: { kind: manual } }
          - { id: B, name: 乙, points: 1, rule: { kind: manual } }
          - { id: N, name: 丙, points: 1, rule: { kind: manual }, not_applicable: equal }
    """

    @Test("same order, another order, an unknown id, a missing result, an n/a parent's subtree")
    func layouts() throws {
        let csv = """
        unit,indicator,score,na,reason
        u,A,1,,
        u,B,0.5,,
        u,N,,true,无该项任务
        v,B,0.25,,
        v,N,,true,无该项任务
        v,A,0.75,,
        w,A,1,,
        w,B,1,,
        w,X,1,,
        x,A,0.5,,
        x,B,0.5,,
        x,N,,true,无该项任务
        """
        let fixture = Fixture(evaluation: settingsYAML(units: ["u", "v", "w", "x"]), indicators: Self.indicators, csv: csv)
        // u and x share a layout; v lists its results in another order.
        #expect(fixture.score("u", "A")?.score == d("1.5"), "A's 1 of 1 point, with half of N's")
        #expect(fixture.score("u", "B")?.score == d("0.75"))
        #expect(fixture.score("v", "A")?.score == d("1.13"))
        #expect(fixture.score("v", "B")?.score == d("0.38"))
        #expect(fixture.score("x", "A")?.score == d("0.75"))
        #expect(fixture.score("x", "N")?.notApplicable == true)
        // w: an unknown indicator, and N missing.
        #expect(fixture.errors.filter { $0.message.contains("未知的指标“X”") }.map(\.location.line) == [10])
        let missing = fixture.errors.filter { $0.message.contains("缺少") }
        #expect(missing.count == 1 && missing[0].message.hasPrefix("w单位缺少1项指标的结果：N"))
        // The layout taken by a unit whose ids come in the same order, and not by another.
        let system = try #require(fixture.system)
        let shared = SharedIndicators(system).byID
        let systemIDs = system.allIndicators.map(\.id)
        var ignored: [Diagnostic] = []
        let table = csvTable(csv)
        let results = ResultsReader.tableResults(columns: table.columns, rows: table.rows, file: "r.csv", diagnostics: &ignored)
        let first = ResultLayout(try #require(results["u"]), systemIDs: systemIDs, indicators: shared)
        #expect(first.rows == [-1, 0, 1, 2] && first.known == [true, true, true])
        #expect(first.layout(of: try #require(results["x"])).rows == [-1, 0, 1, 2])
        let other = first.layout(of: try #require(results["v"]))
        #expect(other.rows == [-1, 2, 0, 1])
        #expect(first.layout(of: try #require(results["w"])).known == [true, true, false])
    }
}
