import Foundation
import Testing
@testable import JixiaoCore

@Suite("Decoding errors carry the right location")
struct DecodingTests {
    static func system(_ text: String) -> (IndicatorSystem?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let system = IndicatorSystem.decode(MiniYAML.parse(text, file: "indicators.yaml"), diagnostics: &diagnostics)
        return (system, diagnostics)
    }

    @Test("a wrong type names the key and the expected type, at the value")
    func wrongType() {
        let (_, diagnostics) = Self.system("""
        indicators:
          - id: A
            name: 甲
            points: 一分
        """)
        let error = diagnostics.first { $0.message.contains("“points”的值“一分”不是数值") }
        #expect(error?.location == SourceLocation(file: "indicators.yaml", line: 4, column: 13))
        #expect(error?.severity == .error)
    }

    @Test("NaN, infinity and huge numbers are rejected with a location", arguments: [".nan", ".inf", "1e9", "99999999999999999"])
    func badNumbers(text: String) {
        let (_, diagnostics) = Self.system("indicators:\n  - { id: A, name: 甲, points: \(text) }")
        #expect(diagnostics.contains { $0.severity == .error && $0.location.line == 2 && $0.message.contains("“points”") })
    }

    @Test("an unknown rule kind is an error at the kind")
    func unknownKind() {
        let (_, diagnostics) = Self.system("""
        indicators:
          - id: A
            name: 甲
            points: 1
            rule:
              kind: ratio
        """)
        let error = diagnostics.first { $0.message.contains("类型“ratio”未知") }
        #expect(error?.location == SourceLocation(file: "indicators.yaml", line: 6, column: 13))
        #expect(error?.hint?.contains("per_occurrence") == true)
    }

    @Test("duplicate ids are errors at the second occurrence")
    func duplicateIDs() {
        let (_, diagnostics) = Self.system("""
        indicators:
          - { id: A, name: 甲, points: 1 }
          - { id: A, name: 乙, points: 1 }
        bonus:
          items:
            - { id: A, name: 加分, cap: 1 }
        """)
        let errors = diagnostics.filter { $0.message.contains("编号“A”重复") }
        #expect(errors.map(\.location.line) == [3, 6])
    }

    @Test("bad bands are located at the band")
    func badBands() {
        let (system, diagnostics) = Self.system("""
        indicators:
          - id: A
            name: 甲
            points: 1.5
            rule:
              kind: bands
              bands:
                - { min: 0.9, score: 1.5 }
                - { min: 0.85, max: 0.9, score: 2 }
                - { max: 0.85 }
        """)
        #expect(diagnostics.first { $0.message.contains("超过指标分值1.5") }?.location.line == 9)
        #expect(diagnostics.first { $0.message.contains("须写“score”") }?.location.line == 10)
        #expect(system?.indicators.first?.rule == nil)
    }

    @Test("unknown keys are warnings with a suggestion; missing required keys are errors")
    func unknownAndMissing() {
        let (_, diagnostics) = Self.system("""
        indicators:
          - id: A
            name: 甲
            pionts: 1
        """)
        let warning = diagnostics.first { $0.severity == .warning }
        #expect(warning?.message.contains("未知的键“pionts”") == true)
        #expect(warning?.hint == "是否应为“points”？")
        #expect(warning?.location.line == 4)
        #expect(diagnostics.contains { $0.severity == .error && $0.message.contains("缺少“points”") && $0.location.line == 2 })
    }

    @Test("n/a targets must be siblings and veto targets must exist")
    func references() {
        let (_, diagnostics) = Self.system("""
        indicators:
          - { id: A, name: 甲, points: 1, not_applicable: { to: Z } }
          - { id: B, name: 乙, points: 1 }
        vetoes:
          - { id: V1, name: 否决, scope: item, indicator: Q }
        """)
        #expect(diagnostics.first { $0.message.contains("“Z”不是它的同级指标") }?.location.line == 2)
        #expect(diagnostics.first { $0.message.contains("“Q”不存在") }?.location.line == 5)
    }

    @Test("evaluation settings: defaults, precision range and unit slugs")
    func settings() {
        var diagnostics: [Diagnostic] = []
        let settings = EvaluationSettings.decode(MiniYAML.parse("""
        title: 考核
        year: 2019
        units:
          - { slug: nanning, name: 南宁市 }
          - { slug: nanning, name: 重复 }
          - { slug: 柳州, name: 柳州市 }
        """, file: "evaluation.yaml"), diagnostics: &diagnostics)
        #expect(settings?.precision == 2)
        #expect(settings?.unitKind == "考核对象")
        #expect(settings?.grading.isDeclared == false)
        #expect(settings?.units.map(\.slug) == ["nanning"])
        #expect(diagnostics.first { $0.message.contains("“nanning”重复") }?.location.line == 5)
        #expect(diagnostics.first { $0.message.contains("slug“柳州”") }?.location.line == 6)

        var more: [Diagnostic] = []
        _ = EvaluationSettings.decode(MiniYAML.parse("title: 考核\nyear: 2019\nprecision: 9\nunits: []\ngrading: { excellent_quota: 4/3 }"),
                                      diagnostics: &more)
        #expect(more.contains { $0.message.contains("应在0到6之间") && $0.location.line == 3 })
        #expect(more.contains { $0.message.contains("excellent_quota") && $0.location.line == 5 })
    }

    @Test("indicators/*.md: each file one top-level indicator, the body its explanation")
    func files() {
        var diagnostics: [Diagnostic] = []
        let system = IndicatorSystem.decode(files: [
            (MiniYAML.parse("id: A\nname: 甲\npoints: 60", file: "indicators/01-a.md"), "## 评分说明\n按完成情况评定。\n"),
            (MiniYAML.parse("id: B\nname: 乙\npoints: 40\nchildren:\n  - { id: B1, name: 乙一, points: 40 }",
                            file: "indicators/02-b.md"), ""),
        ], diagnostics: &diagnostics)
        #expect(diagnostics.isEmpty)
        #expect(system?.total == 100)
        #expect(system?.indicators[0].explanation == "## 评分说明\n按完成情况评定。")
        #expect(system?.indicators[1].explanation == nil)
        #expect(system?.indicators[1].children[0].level == 2)
    }
}

@Suite("Results reading, merging and validation")
struct ResultsTests {
    @Test("a table's list cells are split once per exact text; equivalent texts written differently keep their own bytes")
    func listCellsByExactText() {
        var lists = ResultsReader.ListCells()
        let composed = "工作台账；caf\u{E9} ", decomposed = "工作台账;cafe\u{301}"
        let first = lists.items(composed)
        #expect(first.map { Array($0.utf8) } == SourceValue.listItems(composed).map { Array($0.utf8) })
        #expect(first.map { Array($0.utf8) } == [Array("工作台账".utf8), Array("caf\u{E9}".utf8)])
        #expect(lists.items(decomposed).map { Array($0.utf8) } == [Array("工作台账".utf8), Array("cafe\u{301}".utf8)])
        #expect(lists.items(composed).map { Array($0.utf8) } == first.map { Array($0.utf8) }, "found again")
    }

    static let indicators = """
    indicators:
      - { id: A1, name: 甲, points: 0.2, rule: { kind: per_occurrence, deduction: 0.02 } }
      - { id: A2, name: 乙, points: 1 }
    """

    @Test("results.csv rows: empty cells are absent, other columns are rule inputs")
    func table() {
        let fixture = Fixture(
            evaluation: settingsYAML(units: ["nanning"]),
            indicators: Self.indicators,
            csv: "unit,indicator,score,self,reason,evidence,count\nnanning,A1,,0.18,缺报1期,台账;报表,1\nnanning,A2,1,1,,,")
        #expect(fixture.errors.isEmpty)
        #expect(fixture.score("nanning", "A1")?.score == d("0.18"))
        #expect(fixture.score("nanning", "A1")?.evidence == ["台账", "报表"])
        #expect(fixture.score("nanning", "A1")?.inputs == [RuleInput(name: "count", text: "1")])
    }

    @Test("a value given in both results.csv and results/<unit>.md is an error at the second place")
    func duplicateAcrossSources() {
        let fixture = Fixture(
            evaluation: settingsYAML(units: ["nanning"]),
            indicators: Self.indicators,
            results: ["nanning": "scores:\n  A1: { count: 2 }\n  A2: { self: 1 }"],
            csv: "unit,indicator,score,count\nnanning,A1,,1\nnanning,A2,1,")
        let error = fixture.first(.error, containing: "指标A1的“count”重复给出")
        #expect(error?.location.file == "results/nanning.md")
        #expect(error?.location.line == 2)
        // Non-conflicting keys merge: A2's score from the table, its self from the front matter.
        #expect(fixture.score("nanning", "A2")?.selfScore == 1)
        #expect(fixture.score("nanning", "A2")?.score == 1)
    }

    @Test("unknown units and indicators, and missing leaf results, are errors")
    func unknowns() {
        let fixture = Fixture(
            evaluation: settingsYAML(units: ["nanning", "liuzhou"]),
            indicators: Self.indicators,
            results: ["nanning": "scores:\n  A1: { count: 0 }\n  A3: { score: 1 }", "nanjing": "scores:\n  A1: { count: 0 }"])
        #expect(fixture.first(.error, containing: "“nanjing”不在")?.hint?.contains("nanning") == true)
        #expect(fixture.first(.error, containing: "未知的指标“A3”")?.location.line == 3)
        #expect(fixture.has(.error, "nanning单位缺少1项指标的结果：A2"))
        #expect(fixture.has(.warning, "liuzhou单位（liuzhou）没有考核结果"))
        #expect(fixture.result?.units.map(\.unit.slug) == ["nanning"])
    }

    @Test("a unit: key that differs from the file name is an error")
    func unitKey() {
        var diagnostics: [Diagnostic] = []
        _ = ResultsReader.unitResults(frontMatter: MiniYAML.parse("unit: liuzhou", file: "results/nanning.md"),
                                      unitSlug: "nanning", diagnostics: &diagnostics)
        #expect(diagnostics.first?.message.contains("与文件名“nanning”不一致") == true)
    }

    @Test("a plan-only evaluation (no system, no results) evaluates to nothing without errors")
    func planOnly() {
        let fixture = Fixture(evaluation: settingsYAML(units: ["a"], extra: "grading: { pass_line: 60 }"), indicators: nil)
        #expect(fixture.errors.isEmpty)
        #expect(fixture.result?.units.isEmpty == true)
        #expect(fixture.result?.ranking.isEmpty == true)
    }
}
