import Foundation
import JixiaoCore
import JixiaoSite
import Testing
@testable import JixiaoInterchange

@Suite struct RoundTripTests {
    /// The imported indicators.yaml is accepted by the site's loader with the same tree.
    @Test func importedSeed004LoadsIntoASite() throws {
        let folder = try SampleSite.make()
        defer { folder.remove() }
        try folder.write("content/2021-jinjiang/evaluation.yaml", """
            title: 2021年度泉州市晋江生态环境局绩效管理目标考评
            year: 2021
            sample_data: true
            units:
              - { slug: jinjiang-bureau, name: 泉州市晋江生态环境局 }
            """)
        let system = try Fixtures.system("seed004-kaopingbiao.xlsx")
        let target = folder.url.appendingPathComponent("content/2021-jinjiang/indicators.yaml")
        let yaml = IndicatorYAMLWriter.yaml(system)
        let written = Fixtures.diagnostics { () throws(DiagnosticsError) in
            try ImportWriting.write(yaml, to: target, displayPath: "indicators.yaml", force: false)
        }
        #expect(written.isEmpty)
        let loaded = try #require(try SampleSite.result(folder, slug: "2021-jinjiang").system)
        #expect(loaded.total == 100)
        #expect(loaded.allIndicators.count == system.all.count)
        #expect(loaded.allIndicators.map(\.id) == system.all.map(\.id))
        #expect(loaded.indicator("4-4")?.owners.office == "办公室、信息中心、法规科")
        #expect(loaded.indicator("1-1")?.usesWeight == true)
        // Never over an existing file without --force.
        let again = Fixtures.diagnostics { () throws(DiagnosticsError) in
            try ImportWriting.write("x", to: target, displayPath: "content/2021-jinjiang/indicators.yaml", force: false)
        }
        #expect(again.map(\.message) == ["文件已存在，没有覆盖"])
        #expect(try String(contentsOf: target, encoding: .utf8) == yaml)
    }

    @Test func seed001BinaryRuleSurvivesTheLoader() throws {
        let folder = try SampleSite.make()
        defer { folder.remove() }
        try folder.write("content/2019-market/evaluation.yaml", """
            title: 县市场监管局绩效考核
            year: 2019
            units:
              - { slug: chengguan, name: 城关市场监管所 }
            """)
        let system = try Fixtures.system("seed001-kaohebiao.xlsx", sheet: "考核表")
        try folder.write("content/2019-market/indicators.yaml", IndicatorYAMLWriter.yaml(system))
        let loaded = try #require(try SampleSite.result(folder, slug: "2019-market").system)
        #expect(loaded.total == 19)
        let binary = loaded.allIndicators.filter { if case .binary? = $0.rule { return true } else { return false } }
        #expect(binary.count == system.all.filter { $0.rule == .binary }.count)
        #expect(binary.count >= 5)
        #expect(loaded.allIndicators.first { $0.name == "开办企业“一窗通办”" }?.criteria
                == "在行政服务中心设立开办企业“一窗通办”窗口，未设置的扣0.5分。")
    }

    @Test func wideScoreSheetBecomesResultsCSV() throws {
        let folder = try SampleSite.make()
        defer { folder.remove() }
        let result = try SampleSite.result(folder)
        let grid = try Fixtures.grid("scores-wide.xlsx")
        let reader = ResultsSheetReader(grid: grid, settings: result.settings, system: result.system)
        var rows: [ResultsSheetReader.Row] = []
        var warnings: [Diagnostic] = []
        let problems = Fixtures.diagnostics { () throws(DiagnosticsError) in (rows, warnings) = try reader.read() }
        #expect(problems.isEmpty, "\(problems)")
        #expect(warnings.map(\.location.description) == ["scores-wide.xlsx:得分!D2"])   // 备注 is not imported
        #expect(ResultsSheetReader.csv(rows) == """
            unit,indicator,score
            alpha,A,4
            alpha,B,5.5
            beta,A,0
            beta,B,6
            gamma,A,4

            """)
    }

    @Test func longSheetWithUnknownUnitAndTextScoreIsLocated() throws {
        let folder = try SampleSite.make()
        defer { folder.remove() }
        let result = try SampleSite.result(folder)
        try folder.write("long.csv", """
            单位,指标,得分,扣分原因,count
            甲单位,组织培训,4,,
            乙单位,B,5,缺报2期,2
            丁单位,A,4,,
            丙单位,A,满分,,
            丙单位,B,不适用,无该项任务,
            """)
        let grid = try SpreadsheetInput.gridForTest(folder.url.appendingPathComponent("long.csv"))
        let reader = ResultsSheetReader(grid: grid, settings: result.settings, system: result.system)
        let problems = Fixtures.diagnostics { () throws(DiagnosticsError) in _ = try reader.read() }
        #expect(problems.map(\.location.description) == ["long.csv:4:1", "long.csv:5:3"])
        #expect(problems.first?.message == "单位“丁单位”不是这项考核的考核对象")
        #expect(problems.last?.message == "得分“满分”不是数值")
        // --partial keeps the rows that could be read.
        var rows: [ResultsSheetReader.Row] = []
        _ = Fixtures.diagnostics { () throws(DiagnosticsError) in rows = try reader.read(partial: true).rows }
        #expect(ResultsSheetReader.csv(rows) == """
            unit,indicator,score,reason,na,count
            alpha,A,4,,,
            beta,B,5,缺报2期,,2
            gamma,B,,无该项任务,true,

            """)
    }
}
