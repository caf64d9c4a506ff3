import Foundation
import Testing
import JixiaoCore
@testable import JixiaoSite

/// Two years of the same evaluation, with a notice and an annual report that use every shortcode.
private func twoYearSite(extra: [String: String] = [:]) throws -> TestSite {
    var files = TestSite.minimal
    func year(_ year: Int, _ scores: [String: (String, String)], units: [String]) {
        let names = ["alpha": "甲单位", "beta": "乙单位", "gamma": "丙单位", "delta": "丁单位"]
        files["content/\(year)-test/evaluation.yaml"] = """
            title: \(year)年度测试考核
            year: \(year)
            sample_data: true
            unit_kind: 单位
            units:
            \(units.map { "  - { slug: \($0), name: \(names[$0]!) }" }.joined(separator: "\n"))
            grading:
              pass_line: 6
              excellent_quota: 1/3
            audience: { ranking: public, units: public, self_scores: public, reasons: public }
            """
        files["content/\(year)-test/indicators.yaml"] = """
            total: 10
            indicators:
              - { id: A, name: 基础工作, points: 6, criteria: 按要求完成得6分。 }
              - { id: B, name: 重点工作, points: 4 }
            """
        for (slug, score) in scores {
            files["content/\(year)-test/results/\(slug).md"] = """
                ---
                scores:
                  A: { score: \(score.0), self: 6\(score.0 == "6" ? "" : ", reason: 材料不全") }
                  B: { score: \(score.1), self: 4\(score.1 == "4" ? "" : ", reason: 进度滞后") }
                ---
                \(names[slug]!)自评报告正文。
                """
        }
    }
    files = files.filter { !$0.key.hasPrefix("content/2020-test/") }
    year(2019, ["alpha": ("6", "4"), "beta": ("5", "3"), "gamma": ("4", "3")], units: ["alpha", "beta", "gamma"])
    year(2020, ["alpha": ("4", "3"), "beta": ("6", "4"), "gamma": ("5", "3"), "delta": ("5", "4")],
         units: ["alpha", "beta", "gamma", "delta"])
    files["content/2020-test/notices/gongshi.md"] = """
        ---
        title: 关于考核结果的公示
        kind: 公示
        published: 2021-01-05
        objection: { start: 2021-01-05, end: 2021-01-11, channel: 电话 0000-0000000（示例） }
        ---
        优秀单位：

        {{< units grade="优秀" >}}
        """
    files["content/2020-test/report.md"] = """
        ---
        title: 2020年度绩效报告
        published: 2021-02-01
        ---
        ## 等次

        {{< grade-distribution >}}

        ## 失分

        {{< lost-points top="1" >}}

        ## 自评差距

        {{< self-gaps top="2" >}}

        ## 与上年比较

        {{< year-change >}}
        """
    for (path, text) in extra { files[path] = text }
    return try TestSite(files)
}

@Suite("Default theme")
struct ThemeTests {
    @Test("ranking shows the rank change against the previous year: ↑ ↓ 新")
    func rankChange() throws {
        let site = try twoYearSite()
        defer { site.remove() }
        _ = try site.build()
        let html = try site.read("2020-test/ranking.html")
        // 2020: beta 10 (1), delta 9 (2), gamma 8 (3), alpha 7 (4). 2019: alpha 1, beta 2, gamma 3.
        #expect(html.contains("<th scope=\"col\">较上年</th>"))
        #expect(html.contains("较上年上升1位"))
        #expect(html.contains("较上年下降3位"))
        #expect(html.contains("上年未参加考核"))
        #expect(html.contains("名次与上年相同"))
        #expect(html.contains("href=\"../2019-test/ranking.html\""))
        // The first year has nothing to compare with.
        #expect(!(try site.read("2019-test/ranking.html")).contains("较上年"))
    }

    @Test("the annual report's shortcodes render the computed sections")
    func annualReport() throws {
        let site = try twoYearSite()
        defer { site.remove() }
        _ = try site.build()
        let html = try site.read("2020-test/report.html")
        #expect(html.contains("class=\"shortcode-table grade-distribution\""))
        #expect(html.contains("class=\"shortcode-table lost-points\""))
        // top="1": one indicator; A loses 2+0+1+1 of 6 on average (16.67%), B 1+0+1+0 of 4 (12.5%).
        let lost = html.components(separatedBy: "lost-points")[1].components(separatedBy: "</table>")[0]
        #expect(lost.contains("16.67%"))
        #expect(!lost.contains("12.5%"))
        let gaps = html.components(separatedBy: "self-gaps")[1].components(separatedBy: "</table>")[0]
        #expect(gaps.components(separatedBy: "<tr>").count - 2 == 2)
        #expect(gaps.contains("甲单位") && gaps.contains("+2.00"))
        #expect(html.contains("名次上升 1 个，下降 1 个，持平 1 个，新参加考核 1 个"))
        #expect(html.contains("↓3"))
    }

    @Test("notices list units from the results and show the objection period")
    func notice() throws {
        let site = try twoYearSite()
        defer { site.remove() }
        _ = try site.build()
        let html = try site.read("2020-test/notices/gongshi.html")
        #expect(html.contains("<ol class=\"shortcode-units\"><li>乙单位（10.00分）</li></ol>"))
        #expect(html.contains("公示期与异议渠道"))
        #expect(html.contains("2021年1月11日"))
    }

    @Test("an unknown shortcode or a bad top= is an error with its line")
    func badShortcode() throws {
        let site = try twoYearSite(extra: ["content/2020-test/notices/bad.md": """
            ---
            title: 错误
            ---
            {{< lost-points top="几个" >}}
            """])
        defer { site.remove() }
        #expect(throws: DiagnosticsError.self) { try site.build() }
        do {
            _ = try site.build()
        } catch {
            let message = error.diagnostics.first { $0.message.contains("top") }
            #expect(message?.location.file == "content/2020-test/notices/bad.md")
            #expect(message?.location.line == 4)
        }
    }

    @Test("a site theme overrides one partial without copying the theme")
    func overridePartial() throws {
        let site = try twoYearSite(extra: [
            "themes/local/templates/partials/footer.mustache": "<footer class=\"site-footer\">本地页脚 {{site.host}}</footer>\n",
            "themes/local/assets/extra.css": "body { color: #000; }\n",
        ])
        defer { site.remove() }
        _ = try SiteBuilder.build(SiteBuilder.Options(root: site.root, theme: "local"))
        let html = try site.read("index.html")
        #expect(html.contains("本地页脚 测试局"))
        #expect(html.contains("class=\"site-header\""))  // the rest is the default theme
        #expect(FileManager.default.fileExists(atPath: site.output.appendingPathComponent("assets/extra.css").path))
        #expect(FileManager.default.fileExists(atPath: site.output.appendingPathComponent("assets/style.css").path))
    }

    @Test("pages carry no script and no external URL; the chart has a text equivalent")
    func offlineAndChart() throws {
        let site = try twoYearSite()
        defer { site.remove() }
        _ = try site.build()
        for path in ["index.html", "2020-test/ranking.html", "2020-test/report.html", "2020-test/units/alpha.html"] {
            let html = try site.read(path)
            #expect(!html.contains("<script"), "\(path)")
            #expect(!html.contains("http://") && !html.contains("https://"), "\(path)")
        }
        let ranking = try site.read("2020-test/ranking.html")
        #expect(ranking.contains("<svg class=\"bar-chart\" role=\"img\""))
        #expect(ranking.contains("文字说明：乙单位 10.00分（优秀）；丁单位 9.00分"))
    }
}
