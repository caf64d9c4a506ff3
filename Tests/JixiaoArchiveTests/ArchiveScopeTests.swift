import Foundation
import JixiaoCore
import JixiaoSite
import Testing
import ZIPFoundation
@testable import JixiaoArchive

/// An archive of one year of a site with three: scored with the year before it
/// only, comparing with that year without linking to it, and saying which of
/// its links lead out of the zip.
@Suite("Archives of one year of several")
struct ArchiveScopeTests {
    /// Three years of the same two units. The 2020 notice links to the two years before.
    static func files(brokenYear2018: Bool) -> [String: String] {
        var files = ["content/site.yaml": "title: 测试站点\n"]
        for year in 2018...2020 {
            files["content/\(year)-t/evaluation.yaml"] = """
                title: \(year)年度测试考核
                year: \(year)
                units:
                  - { slug: alpha, name: 甲单位 }
                  - { slug: beta, name: 乙单位 }
                audience: { ranking: public, units: public }
                """
            files["content/\(year)-t/indicators.yaml"] = """
                total: 10
                indicators:
                  - { id: A, name: 组织培训, points: 10, rule: { kind: binary } }
                """
            // alpha wins in even years, beta in odd ones: each year's ranks change.
            let alphaPasses = year % 2 == 0
            files["content/\(year)-t/results.csv"] = """
                unit,indicator,pass
                alpha,A,\(alphaPasses)
                beta,A,\(!alphaPasses)
                \(year == 2018 && brokenYear2018 ? "gamma,A,true\n" : "")
                """
        }
        files["content/2020-t/notices/links.md"] = """
            ---
            title: 通报
            date: 2021-01-10
            ---
            对照[上年排名](../../2019-t/ranking.html)。

            另见[2018年度考核](../../2018-t/index.html)和[本年排名](../ranking.html)。
            """
        return files
    }

    @Test("an error in a year neither archived nor compared with does not stop the archive; the site build reports it")
    func otherYearsNotScored() throws {
        let root = try PublicBuildLeakTests.site(Self.files(brokenYear2018: true))
        defer { try? FileManager.default.removeItem(at: root) }
        let made = try EvaluationArchive.make(root: root, evaluation: "2020-t")
        let paths = Set(try Archive(data: made.data, accessMode: .read).map(\.path))
        #expect(paths.contains("jixiao-2020-t/2020-t/ranking.html"))
        #expect(!paths.contains { $0.contains("2019-t") || $0.contains("2018-t") })
        #expect(throws: DiagnosticsError.self) { try SiteBuilder.make(SiteBuilder.Options(root: root)) }
        do {
            _ = try SiteBuilder.make(SiteBuilder.Options(root: root))
        } catch {
            #expect(error.diagnostics.contains { $0.severity == .error && $0.location.file == "content/2018-t/results.csv" })
        }
        // The year compared with is scored: an error there stops the archive too.
        var broken = Self.files(brokenYear2018: false)
        broken["content/2019-t/results.csv"]! += "gamma,A,true\n"
        let brokenRoot = try PublicBuildLeakTests.site(broken)
        defer { try? FileManager.default.removeItem(at: brokenRoot) }
        #expect(throws: DiagnosticsError.self) { try EvaluationArchive.make(root: brokenRoot, evaluation: "2020-t") }
    }

    @Test("the archived ranking compares with the year before, names it once and does not link out of the zip")
    func comparesWithoutLinking() throws {
        let root = try PublicBuildLeakTests.site(Self.files(brokenYear2018: false))
        defer { try? FileManager.default.removeItem(at: root) }
        let made = try EvaluationArchive.make(root: root, evaluation: "2020-t")
        let ranking = try Self.text(of: "jixiao-2020-t/2020-t/ranking.html", in: made.data)
        #expect(ranking.contains("“较上年”一栏与2019年度测试考核的名次比较"))
        #expect(ranking.contains("<span class=\"previous-rank\">上年第2名</span>"))
        #expect(!ranking.contains("2019年度2019年度"))
        // In the whole site the same sentence links to that ranking.
        let (files, _) = try SiteBuilder.make(SiteBuilder.Options(root: root))
        let siteRanking = String(decoding: try files.files["2020-t/ranking.html"]!.bytes(), as: UTF8.self)
        #expect(siteRanking.contains("“较上年”一栏与<a href=\"../2019-t/ranking.html\">2019年度测试考核</a>的名次比较"))
        // Only the notice's own two links lead out of the zip.
        let outside = try Self.linksOutside(made.data)
        #expect(outside.map(\.target).sorted() == ["../../2018-t/index.html", "../../2019-t/ranking.html"])
    }

    @Test("links leading out of the archive are warnings at their line; the site's own check has none")
    func linksLeavingAreReported() throws {
        let root = try PublicBuildLeakTests.site(Self.files(brokenYear2018: false))
        defer { try? FileManager.default.removeItem(at: root) }
        let made = try EvaluationArchive.make(root: root, evaluation: "2020-t")
        let leaving = made.linksLeaving.sorted { $0.location.line < $1.location.line }
        #expect(leaving.map(\.severity) == [.warning, .warning])
        #expect(leaving.map(\.location.file) == ["content/2020-t/notices/links.md", "content/2020-t/notices/links.md"])
        #expect(leaving.map(\.location.line) == [5, 7])
        #expect(leaving[0].message.contains("../../2019-t/ranking.html") && leaving[0].message.contains("不在这份归档中"))
        #expect(leaving[1].message.contains("2018-t/index.html"))
        #expect(leaving.allSatisfy { $0.hint?.contains("“2020-t”") == true })
        let siteWarnings = try SiteBuilder.check(SiteBuilder.Options(root: root))
        #expect(!siteWarnings.contains { $0.message.contains("归档") })
    }

    static func text(of path: String, in zip: Data) throws -> String {
        let archive = try Archive(data: zip, accessMode: .read)
        var data = Data()
        _ = try archive.extract(try #require(archive[path])) { data.append($0) }
        return String(decoding: data, as: UTF8.self)
    }

    /// The links of the archive's pages to files not in it, as written.
    static func linksOutside(_ zip: Data) throws -> [(page: String, target: String)] {
        let archive = try Archive(data: zip, accessMode: .read)
        let paths = Set(archive.map(\.path))
        var outside: [(page: String, target: String)] = []
        for entry in archive where entry.path.hasSuffix(".html") {
            var html = Data()
            _ = try archive.extract(entry) { html.append($0) }
            let folder = (entry.path as NSString).deletingLastPathComponent
            for match in String(decoding: html, as: UTF8.self).matches(of: /href="([^"#]+)/) {
                let target = String(match.1)
                if target.hasPrefix("mailto:") { continue }
                if !paths.contains(ArchiveTests.normalize(folder + "/" + target)) { outside.append((entry.path, target)) }
            }
        }
        return outside
    }
}
