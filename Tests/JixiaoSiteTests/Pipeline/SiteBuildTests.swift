import Foundation
import JixiaoCore
import Testing
@testable import JixiaoSite

@Suite("Building a site")
struct SiteBuildTests {
    @Test("a small site builds every page type with the computed numbers")
    func buildsMinimalSite() throws {
        let site = try TestSite(TestSite.minimal)
        defer { site.remove() }
        let report = try site.build()
        for page in ["index.html", "archive.html", "2020-test/index.html", "2020-test/plan.html",
                     "2020-test/indicators.html", "2020-test/ranking.html", "2020-test/units/alpha.html",
                     "2020-test/units/beta.html", "2020-test/notices/praise.html"] {
            #expect(FileManager.default.fileExists(atPath: site.output.appendingPathComponent(page).path), "\(page) missing")
        }
        #expect(report.pages == 10)
        // Hand-computed: alpha 4 + (6 − 0.5) = 9.5; beta 0 + (6 − 1) = 5; gamma 4 + 6 = 10.
        let json = try site.read("2020-test/ranking.json")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(rows.map { $0["unit"] as? String } == ["丙单位", "甲单位", "乙单位"])
        #expect(rows.map { $0["total"] as? String } == ["10.00", "9.50", "5.00"])
        #expect(rows.map { $0["rank"] as? Int } == [1, 2, 3])
        // ⌊3 × 1/3⌋ = 1 优秀; 5 < 6 (the pass line) → 不合格.
        #expect(rows.map { $0["grade"] as? String } == ["优秀", "合格", "不合格"])
        let scores = try site.read("2020-test/scores.csv")
        #expect(scores.contains("unit,unit_name,indicator,indicator_name,level,points,self,score"))
        #expect(scores.contains("beta,乙单位,B,按期报送,1,6.00,5.00,5.00,1.00,缺报2期"))
        let notice = try site.read("2020-test/notices/praise.html")
        #expect(notice.contains("<li>丙单位（10.00分）</li>"))
        #expect(!notice.contains("{{<"))
        let unit = try site.read("2020-test/units/alpha.html")
        #expect(unit.contains("缺报1期"))
        #expect(unit.contains("示例数据"))
        // Each number in its column (a card's rows are records made by position):
        // B's points, self score (differing from the score: marked), score and deduction.
        let rowB = try #require(unit.components(separatedBy: "<tr class=\"level-1\">").first { $0.contains(">B</span> 按期报送") })
        let numbers = rowB.components(separatedBy: "<td class=\"num\">").dropFirst().map { $0.components(separatedBy: "</td>")[0] }
        #expect(numbers == ["6", "6.00<span class=\"differs\" title=\"自评与考评不同\">*</span>", "5.50", "0.50"])
        #expect(rowB.contains("<p class=\"computation-line\">") && rowB.contains("扣分理由：缺报1期"))
        #expect(rowB.contains("<span>计分规则：") && rowB.contains("<span>评分标准：每缺报一期扣0.5分，扣完为止。</span>"))
    }

    @Test("Chinese lines joined without a stray space; official-document metadata shown")
    func chineseParagraphs() throws {
        let site = try TestSite(TestSite.minimal)
        defer { site.remove() }
        _ = try site.build()
        let plan = try site.read("2020-test/plan.html")
        #expect(plan.contains("这是第一行这是第二行。"))
        #expect(plan.contains("测发〔2020〕1号"))
        #expect(plan.contains("<time datetime=\"2020-03-01\">2020年3月1日</time>"))
        #expect(plan.contains("lang=\"zh-CN\""))
    }

    @Test("every link is relative")
    func relativeLinks() throws {
        let site = try TestSite(TestSite.minimal)
        defer { site.remove() }
        _ = try site.build()
        for (path, data) in try site.snapshot() where path.hasSuffix(".html") {
            let html = String(decoding: data, as: UTF8.self)
            #expect(!html.contains("href=\"/"), "\(path) has a root-absolute link")
            #expect(!html.contains("src=\"/"), "\(path) has a root-absolute source")
            #expect(!html.contains("http://") && !html.contains("https://"), "\(path) links outside")
        }
        let unit = try site.read("2020-test/units/alpha.html")
        #expect(unit.contains("href=\"../../assets/style.css\""))
        #expect(unit.contains("href=\"../../2020-test/ranking.html\""))
    }

    @Test("the downloads made unit by unit (the large score tables) are made first, the others after, each in its order")
    func largeDownloadsFirst() {
        let extra = [
            DownloadFormat(fileName: "ranking.xlsx", title: "排名 Excel") { _ in Data() },
            DownloadFormat(fileName: "scores.xlsx", title: "得分明细 Excel") { _ in Data() }.madeByUnit { _, _, _ in (Data(), []) },
        ]
        let order = DownloadFormat.largeFirst(DownloadFormat.builtIn + extra).map(\.fileName)
        #expect(order == ["scores.csv", "scores.xlsx", "ranking.csv", "ranking.json", "ranking.xlsx"])
    }

    @Test("downloads are spread evenly among the score cards, none lost, the first before every card", arguments: [
        (5, 2000), (5, 3), (3, 0), (0, 4), (1, 1), (7, 7),
    ])
    func downloadsSpreadAmongCards(downloads: Int, cards: Int) {
        let few = (0..<downloads).map { -1 - $0 }
        let many = Array(0..<cards)
        let spread = SiteRenderer.spread(few, among: many)
        #expect(spread.filter { $0 >= 0 } == many)
        #expect(spread.filter { $0 < 0 } == few)
        guard downloads > 0, cards > 0 else { return }
        #expect(spread.first == -1)
        // Download k comes just before card k × cards / downloads (or at the end).
        for k in 0..<downloads {
            let position = spread.firstIndex(of: -1 - k)!
            let cardsBefore = spread[..<position].count { $0 >= 0 }
            #expect(cardsBefore == min(cards, k * cards / downloads))
        }
    }

    @Test("two builds of the same content are byte-identical")
    func deterministic() throws {
        let site = try TestSite(TestSite.minimal)
        defer { site.remove() }
        _ = try site.build()
        let first = try site.snapshot()
        _ = try site.build()
        let second = try site.snapshot()
        #expect(first.keys.sorted() == second.keys.sorted())
        #expect(first == second)
    }

    @Test("YAML and JSON front matter give the same page")
    func jsonFrontMatter() throws {
        var files = TestSite.minimal
        let yamlSite = try TestSite(files)
        defer { yamlSite.remove() }
        _ = try yamlSite.build()
        files["content/2020-test/plan.md"] = """
            {
              "title": "2020年度测试考核工作方案",
              "doc_number": "测发〔2020〕1号",
              "issuer": "测试局",
              "recipients": "各单位",
              "written": "2020-03-01",
              "published": "2020-03-02",
              "disclosure": "主动公开",
              "phases": [{"name": "自评", "start": "2020-11-01", "end": "2020-11-30"}]
            }
            一、总体要求

            这是第一行
            这是第二行。
            """
        let jsonSite = try TestSite(files)
        defer { jsonSite.remove() }
        _ = try jsonSite.build()
        #expect(try yamlSite.read("2020-test/plan.html") == jsonSite.read("2020-test/plan.html"))
    }

    @Test("text from content is escaped; raw HTML in Markdown is dropped")
    func escaping() throws {
        var files = TestSite.minimal
        files["content/2020-test/plan.md"] = """
            ---
            title: 方案<script>alert(1)</script>
            issuer: 测试局
            ---
            正文<script>alert(2)</script>

            [点我](javascript:alert(3))
            """
        let site = try TestSite(files)
        defer { site.remove() }
        _ = try site.build()
        let plan = try site.read("2020-test/plan.html")
        #expect(!plan.contains("<script>"))
        #expect(plan.contains("方案&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!plan.contains("javascript:"))
    }

    @Test("malformed front matter is reported with its file and line")
    func malformedFrontMatter() throws {
        var files = TestSite.minimal
        files["content/2020-test/plan.md"] = """
            ---
            title: 方案
            issuer: [测试局
            written: 2020-03-01
            ---
            正文
            """
        let site = try TestSite(files)
        defer { site.remove() }
        let error = try #require(throws: DiagnosticsError.self) { try site.build() }
        let located = error.diagnostics.filter { $0.location.file == "content/2020-test/plan.md" && $0.severity == .error }
        #expect(!located.isEmpty)
        #expect(located.allSatisfy { (3...5).contains($0.location.line) }, "\(located)")
    }

    @Test("a failed build leaves the previous site untouched")
    func failedBuildKeepsSite() throws {
        let site = try TestSite(TestSite.minimal)
        defer { site.remove() }
        _ = try site.build()
        let before = try site.snapshot()
        try site.write("content/2020-test/results.csv", "unit,indicator,self,pass\nnobody,A,1,true\n")
        #expect(throws: DiagnosticsError.self) { try site.build() }
        #expect(try site.snapshot() == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.root.path).filter { $0.contains("jixiao-") }
        #expect(leftovers.isEmpty)
    }

    @Test("a theme overrides a single template of the default theme")
    func themeOverride() throws {
        var files = TestSite.minimal
        files["content/site.yaml"]! += "\ntheme: mine"
        files["themes/mine/templates/archive.mustache"] = "{{<base}}{{$main}}<h1>自定义归档</h1>{{/main}}{{/base}}"
        let site = try TestSite(files)
        defer { site.remove() }
        _ = try site.build()
        #expect(try site.read("archive.html").contains("<h1>自定义归档</h1>"))
        #expect(try site.read("index.html").contains("最新考核"))
    }

    @Test("a template syntax error names the template file and line")
    func templateError() throws {
        let site = try TestSite(TestSite.minimal)
        defer { site.remove() }
        try site.write("themes/default/templates/archive.mustache", "<h1>\n{{#years}}\n{{/wrong}}\n")
        let error = try #require(throws: DiagnosticsError.self) { try site.build() }
        let diagnostic = try #require(error.diagnostics.first)
        #expect(diagnostic.location.file == "themes/default/templates/archive.mustache")
        #expect(diagnostic.location.line == 3)
    }

    @Test("every broken template is reported, and a partial that does not exist names its user")
    func everyTemplateError() throws {
        let site = try TestSite(TestSite.minimal)
        defer { site.remove() }
        try site.write("themes/default/templates/archive.mustache", "<h1>\n{{#years}}\n{{/wrong}}\n")
        try site.write("themes/default/templates/page.mustache", "{{#doc}}\n")
        let broken = try #require(throws: DiagnosticsError.self) { try site.build() }
        #expect(broken.diagnostics.map(\.location.file) == ["themes/default/templates/archive.mustache",
                                                             "themes/default/templates/page.mustache"])
        try site.write("themes/default/templates/archive.mustache", "{{>partials/nowhere}}")
        try site.write("themes/default/templates/page.mustache", "{{<base}}{{/base}}")
        let missing = try #require(throws: DiagnosticsError.self) { try site.build() }
        #expect(missing.diagnostics.map(\.location.file) == ["themes/default/templates/archive.mustache"])
        #expect(missing.diagnostics.first?.message.contains("partials/nowhere") == true)
    }
}
