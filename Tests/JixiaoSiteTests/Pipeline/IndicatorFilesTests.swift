import Foundation
import JixiaoCore
import Testing
@testable import JixiaoSite

/// The indicator system written as indicators/*.md, one file per top-level
/// indicator, with indicators/_index.md for what indicators.yaml has beside them.
@Suite("Indicator files")
struct IndicatorFilesTests {
    /// TestSite.minimal's two indicators, as front matter.
    static let indicators = [
        "id: A\nname: 组织培训\npoints: 4\ncriteria: 组织培训，未组织的扣4分。\nrule: { kind: binary }",
        "id: B\nname: 按期报送\npoints: 6\ncriteria: 每缺报一期扣0.5分，扣完为止。\nrule: { kind: per_occurrence, deduction: 0.5 }",
    ]
    /// What the system has beside its indicators.
    static let rest = """
        total: 10
        bonus:
          cap: 2
          items:
            - { id: J1, name: 受到表彰, cap: 1 }
        vetoes:
          - { id: V1, name: 发生重大失误, scope: item, indicator: B }
        """

    /// TestSite.minimal with a bonus item and a veto, beta vetoed on B and given a bonus.
    static var withBonusAndVeto: [String: String] {
        var files = TestSite.minimal
        // Each indicator a list item: "  - " before its first line, four spaces before the others.
        let items = indicators.map { "  - " + $0.replacingOccurrences(of: "\n", with: "\n    ") }
        files["content/2020-test/indicators.yaml"] = rest + "\nindicators:\n" + items.joined(separator: "\n") + "\n"
        files["content/2020-test/results/beta.md"] = """
            ---
            vetoes: [{ id: V1, reason: 报送数据严重失实 }]
            bonus: { J1: { points: 0.5, reason: 获市级表彰 } }
            ---
            """
        return files
    }

    /// The same system as indicators/*.md.
    static var asFiles: [String: String] {
        var files = withBonusAndVeto
        files["content/2020-test/indicators.yaml"] = nil
        files["content/2020-test/indicators/_index.md"] = "---\n\(rest)\n---\n本指标体系依据[工作方案](plan.md)制定。\n"
        files["content/2020-test/indicators/1-A.md"] = "---\n\(indicators[0])\n---\n以培训通知和签到表为准。\n"
        files["content/2020-test/indicators/2-B.md"] = "---\n\(indicators[1])\n---\n"
        return files
    }

    @Test("_index.md's total, bonus and vetoes score as in indicators.yaml: the same ranking, scores and cards")
    func sameScoresAsYAML() throws {
        let yaml = try TestSite(Self.withBonusAndVeto)
        defer { yaml.remove() }
        let files = try TestSite(Self.asFiles)
        defer { files.remove() }
        _ = try yaml.build()
        _ = try files.build()
        for path in ["2020-test/ranking.json", "2020-test/scores.csv", "2020-test/units/beta.html", "2020-test/ranking.html"] {
            #expect(try files.read(path) == yaml.read(path), "\(path) differs")
        }
        // Beta: A 0, B vetoed to 0, bonus 0.5.
        let json = try files.read("2020-test/ranking.json")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(rows.first { $0["unit"] as? String == "乙单位" }?["total"] as? String == "0.50")
    }

    @Test("the indicators page shows _index.md's body before the table and each file's body as its 评分说明")
    func bodiesOnTheIndicatorsPage() throws {
        let site = try TestSite(Self.asFiles)
        defer { site.remove() }
        _ = try site.build()
        let page = try site.read("2020-test/indicators.html")
        let intro = try #require(page.range(of: "本指标体系依据<a href=\"plan.html\">工作方案</a>制定。"))
        let table = try #require(page.range(of: "<table class=\"indicator-table\">"))
        #expect(intro.lowerBound < table.lowerBound)
        let explanations = try #require(page.range(of: "<h2 id=\"explanations-heading\">评分说明</h2>"))
        #expect(explanations.lowerBound > table.lowerBound)
        #expect(page.contains("<h3><span class=\"indicator-id\">A</span> 组织培训</h3>\n<div class=\"prose\">\n<p>以培训通知和签到表为准。</p>"))
        // B's file has no body: no heading for it.
        #expect(!page.contains("<h3><span class=\"indicator-id\">B</span>"))
        #expect(page.contains("发生重大失误") && page.contains("受到表彰"))
        // Without _index.md and bodies, neither part is there.
        let yaml = try TestSite(Self.withBonusAndVeto)
        defer { yaml.remove() }
        _ = try yaml.build()
        let plain = try yaml.read("2020-test/indicators.html")
        #expect(!plain.contains("评分说明</h2>") && !plain.contains("本指标体系依据"))
    }

    @Test("indicators.yaml beside an indicators/ folder, even one with only _index.md, is an error: one form or the other")
    func bothForms() throws {
        for extra in [["content/2020-test/indicators/_index.md": "---\ntotal: 10\n---\n"], Self.asFiles.filter { $0.key.hasSuffix("1-A.md") }] {
            let site = try TestSite(Self.withBonusAndVeto.merging(extra) { _, new in new })
            defer { site.remove() }
            #expect {
                _ = try site.build()
            } throws: { error in
                ((error as? DiagnosticsError)?.diagnostics ?? []).contains {
                    $0.severity == .error && $0.message == "指标体系同时写在 indicators.yaml 和 indicators/ 文件夹中"
                }
            }
        }
    }

    @Test("an _index.md without indicator files is an error at _index.md, not a site without indicators")
    func indexAlone() throws {
        var files = Self.asFiles
        files["content/2020-test/indicators/1-A.md"] = nil
        files["content/2020-test/indicators/2-B.md"] = nil
        let site = try TestSite(files)
        defer { site.remove() }
        #expect {
            _ = try site.build()
        } throws: { error in
            ((error as? DiagnosticsError)?.diagnostics ?? []).contains {
                $0.severity == .error && $0.location.file == "content/2020-test/indicators/_index.md"
                    && $0.message.contains("只有 _index.md，没有指标文件")
            }
        }
    }

    @Test("_index.md's total is checked against the files, at _index.md; its unknown keys are named")
    func indexChecked() throws {
        var files = Self.asFiles
        files["content/2020-test/indicators/_index.md"] = "---\ntotal: 11\nvetos: []\n---\n"
        let site = try TestSite(files)
        defer { site.remove() }
        #expect {
            _ = try site.build()
        } throws: { error in
            let diagnostics = (error as? DiagnosticsError)?.diagnostics ?? []
            return diagnostics.contains {
                $0.severity == .error && $0.location.file == "content/2020-test/indicators/_index.md"
                    && $0.message.contains("指标体系声明的总分 total 为11，但一级指标分值之和为10")
            } && diagnostics.contains {
                $0.severity == .warning && $0.location.line == 3 && $0.message.contains("未知的键“vetos”")
            }
        }
    }
}
