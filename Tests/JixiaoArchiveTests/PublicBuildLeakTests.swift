import Foundation
import JixiaoCore
import JixiaoInterchange
import JixiaoSite
import Testing
import ZIPFoundation

/// The worst failure: internal material in a public build. Distinct sentinel
/// values are marked internal in every kind of content; the public build is then
/// searched byte by byte, downloads unzipped, for any of them.
@Suite("Audiences: nothing internal in a public build")
struct PublicBuildLeakTests {
    static let sentinels = [
        "SENTINELPAGE", "SENTINELNOTICE", "SENTINELPLAN", "SENTINELREPORT", "SENTINELREASON", "SENTINELSELFREPORT",
        "SENTINELVETO", "SENTINELBONUS", "SENTINELADJUST", "SENTINELSECTION",
    ]

    static func files(rankingPublic: Bool) -> [String: String] {
        [
            "content/site.yaml": "title: 测试站点\n",
            "content/pages/secret.md": "---\ntitle: 内部说明\naudience: internal\n---\nSENTINELPAGE\n",
            "content/pages/about.md": "---\ntitle: 关于\n---\n公开的说明。\n",
            "content/2020-t/evaluation.yaml": """
                title: 2020年度测试考核
                year: 2020
                units:
                  - { slug: alpha, name: 甲单位 }
                  - { slug: beta, name: 乙单位 }
                  - { slug: gamma, name: 丙单位 }
                grading: { pass_line: 6 }
                \(rankingPublic ? "audience: { ranking: public, units: public }" : "")
                """,
            "content/2020-t/indicators.yaml": """
                total: 10
                indicators:
                  - { id: A, name: 组织培训, points: 4, rule: { kind: binary } }
                  - { id: B, name: 按期报送, points: 6, rule: { kind: per_occurrence, deduction: 0.5 } }
                bonus:
                  items:
                    - { id: J1, name: 表彰, cap: 1 }
                vetoes:
                  - { id: V1, name: 重大事故, scope: item, indicator: B }
                """,
            "content/2020-t/results.csv": """
                unit,indicator,self,pass,count,reason
                alpha,A,4,true,,
                alpha,B,6,,1,SENTINELREASON
                beta,A,4,false,,未组织
                beta,B,6,,2,缺报
                gamma,A,4,true,,
                gamma,B,6,,0,

                """,
            "content/2020-t/results/beta.md": """
                ---
                vetoes: [{ id: V1, reason: SENTINELVETO }]
                bonus: { J1: { points: 0.5, reason: SENTINELBONUS } }
                adjustments: [{ points: -0.1, kind: inspection, reason: SENTINELADJUST, source: SENTINELADJUST }]
                ---
                SENTINELSELFREPORT
                """,
            "content/2020-t/plan.md": "---\ntitle: 方案\naudience: internal\n---\nSENTINELPLAN\n",
            "content/2020-t/report.md": "---\ntitle: 报告\naudience: internal\n---\nSENTINELREPORT\n",
            "content/2020-t/notices/internal.md": "---\ntitle: 内部通报\naudience: internal\n---\nSENTINELNOTICE\n",
            "content/2020-t/notices/public.md": "---\ntitle: 公开通报\n---\n优秀单位：\n\n{{< units grade=\"优秀\" >}}\n\n{{< internal >}}\n内部说明 SENTINELSECTION\n{{< /internal >}}\n\n公开的结尾。\n",
        ]
    }

    static func site(_ files: [String: String]) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("jixiao-audience-\(UUID().uuidString)")
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return root
    }

    /// Every byte of the output, with zip downloads (XLSX) unpacked.
    static func allBytes(_ files: SiteFiles) throws -> [(path: String, data: Data)] {
        var result: [(String, Data)] = []
        for path in files.paths {
            let data = try files.files[path]!.bytes()
            result.append((path, data))
            if data.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
                let archive = try Archive(data: data, accessMode: .read)
                for entry in archive {
                    var inner = Data()
                    _ = try archive.extract(entry) { inner.append($0) }
                    result.append(("\(path)!\(entry.path)", inner))
                }
            }
        }
        return result
    }

    @Test("a public build holds no sentinel anywhere, in pages, downloads or unzipped workbooks",
          arguments: [false, true])
    func noLeaks(rankingPublic: Bool) throws {
        let root = try Self.site(Self.files(rankingPublic: rankingPublic))
        defer { try? FileManager.default.removeItem(at: root) }
        var options = SiteBuilder.Options(root: root, extraDownloads: SpreadsheetDownloads.formats)
        options.audience = .public
        let (files, _) = try SiteBuilder.make(options)
        let everything = try Self.allBytes(files)
        #expect(everything.count > 5)
        for (path, data) in everything {
            let text = String(decoding: data, as: UTF8.self)
            for sentinel in Self.sentinels {
                #expect(!text.contains(sentinel), "\(sentinel) leaked into \(path)")
            }
            #expect(!text.contains("secret.html") && !text.contains("plan.html") && !text.contains("report.html")
                    && !text.contains("internal.html"), "\(path) links to an internal page")
        }
        let paths = Set(files.paths)
        #expect(paths.contains("2020-t/notices/public.html"))
        #expect(!paths.contains("secret.html") && !paths.contains("2020-t/plan.html"))
        if rankingPublic {
            // Ranking and cards are public, but self scores and reasons stay internal.
            #expect(paths.contains("2020-t/ranking.html") && paths.contains("2020-t/units/alpha.html"))
            let scores = String(decoding: everything.first { $0.path == "2020-t/scores.csv" }!.data, as: UTF8.self)
            #expect(scores.contains("alpha,甲单位,B,按期报送,1,6.00,,5.50,0.50,"))
        } else {
            #expect(!paths.contains { $0.contains("ranking") || $0.contains("units/") || $0.contains("scores") })
        }
        // The public notice still lists the 优秀 unit computed from the results.
        let notice = String(decoding: everything.first { $0.path == "2020-t/notices/public.html" }!.data, as: UTF8.self)
        #expect(notice.contains("丙单位"))
    }

    @Test("an internal build has everything, a 内部资料 banner and noindex on every page")
    func internalBuild() throws {
        let root = try Self.site(Self.files(rankingPublic: false))
        defer { try? FileManager.default.removeItem(at: root) }
        var options = SiteBuilder.Options(root: root)
        options.audience = .internal
        let (files, _) = try SiteBuilder.make(options)
        let paths = Set(files.paths)
        #expect(paths.isSuperset(of: ["secret.html", "2020-t/plan.html", "2020-t/report.html", "2020-t/ranking.html",
                                      "2020-t/units/beta.html", "2020-t/notices/internal.html"]))
        for path in files.paths where path.hasSuffix(".html") {
            guard case .data(let data) = files.files[path]! else { continue }
            let html = String(decoding: data, as: UTF8.self)
            #expect(html.contains("内部资料") && html.contains("注意保密"), "\(path) lacks the banner")
            #expect(html.contains(#"<meta name="robots" content="noindex">"#), "\(path) lacks noindex")
        }
        let beta = files.files["2020-t/units/beta.html"]!
        guard case .data(let data) = beta else { return }
        #expect(String(decoding: data, as: UTF8.self).contains("SENTINELSELFREPORT"))
        guard case .data(let notice) = files.files["2020-t/notices/public.html"]! else { return }
        let html = String(decoding: notice, as: UTF8.self)
        #expect(html.contains(#"<div class="internal-section" role="note">"#) && html.contains("SENTINELSECTION"))
    }

    @Test("a public page's link to a page only the internal build has stops the public build, not the internal one",
          arguments: [false, true])
    func linksToWithheldPages(rankingPublic: Bool) throws {
        var files = Self.files(rankingPublic: rankingPublic)
        files["content/2020-t/notices/public.md"] = """
            ---
            title: 公开通报
            ---
            见[甲单位](../units/alpha.html)、[排名](../ranking.html)、[表格](../ranking.xlsx)、
            [内部通报](internal.md)和[说明](../../secret.md)；[指标体系](../indicators.html)、[关于](../../about.md)公开。
            """
        var withheld = ["internal.md", "../../secret.md"]
        if rankingPublic {
            // A published self-report's link too (self scores public, so the 自评报告 is shown).
            files["content/2020-t/evaluation.yaml"] = files["content/2020-t/evaluation.yaml"]!
                .replacingOccurrences(of: "units: public }", with: "units: public, self_scores: public }")
            files["content/2020-t/results/beta.md"]! += "\n见[内部通报](../notices/internal.md)。\n"
            withheld.append("../notices/internal.md")
        } else {
            withheld = ["../units/alpha.html", "../ranking.html", "../ranking.xlsx"] + withheld
        }
        let root = try Self.site(files)
        defer { try? FileManager.default.removeItem(at: root) }
        var options = SiteBuilder.Options(root: root, extraDownloads: SpreadsheetDownloads.formats)
        options.audience = .public
        var reported: [Diagnostic] = []
        do {
            _ = try SiteBuilder.make(options)
        } catch {
            reported = error.diagnostics.filter { $0.severity == .error }
        }
        for url in withheld {
            #expect(reported.contains { $0.message.contains("链接“\(url)”") }, "no error for \(url)")
        }
        #expect(reported.count == withheld.count)
        for error in reported where !error.message.contains("“../notices/internal.md”") {
            #expect(error.message.contains("只在内部版中生成") && error.location.file == "content/2020-t/notices/public.md")
            #expect(error.location.line == 4 || error.location.line == 5)
        }
        if rankingPublic {
            #expect(reported.contains { $0.location.file == "content/2020-t/results/beta.md" && $0.message.contains("只在内部版中生成") })
        }
        // The internal build has every page linked to.
        options.audience = .internal
        let (internalFiles, _) = try SiteBuilder.make(options)
        for path in ["2020-t/units/alpha.html", "2020-t/ranking.html", "2020-t/notices/internal.html", "secret.html"] {
            #expect(internalFiles.paths.contains(path))
        }
    }

    @Test("without --audience a build is public unless site.yaml sets default_audience")
    func defaultAudience() throws {
        var files = Self.files(rankingPublic: false)
        let root = try Self.site(files)
        defer { try? FileManager.default.removeItem(at: root) }
        let (publicFiles, _) = try SiteBuilder.make(SiteBuilder.Options(root: root))
        #expect(!publicFiles.paths.contains("secret.html"))
        files["content/site.yaml"] = "title: 测试站点\ndefault_audience: internal\n"
        let internalRoot = try Self.site(files)
        defer { try? FileManager.default.removeItem(at: internalRoot) }
        let (internalFiles, _) = try SiteBuilder.make(SiteBuilder.Options(root: internalRoot))
        #expect(internalFiles.paths.contains("secret.html"))
    }
}
