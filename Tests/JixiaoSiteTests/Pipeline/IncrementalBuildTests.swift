import Foundation
import JixiaoCore
import JixiaoTemplate
import Testing
@testable import JixiaoSite

/// An incremental build (with the cache in .jixiao-cache/) must give exactly the
/// site a clean build gives, after any sequence of edits, and keep only what
/// did not change.
@Suite("Incremental builds")
struct IncrementalBuildTests {
    /// The minimal site plus a second year, so one evaluation can change while another does not.
    static func site() throws -> TestSite {
        var files = TestSite.minimal
        files["content/2021-test/evaluation.yaml"] = files["content/2020-test/evaluation.yaml"]!
            .replacingOccurrences(of: "2020", with: "2021")
        files["content/2021-test/indicators.yaml"] = files["content/2020-test/indicators.yaml"]
        files["content/2021-test/results.csv"] = files["content/2020-test/results.csv"]!
            .replacingOccurrences(of: "beta,B,5,,2,缺报2期", with: "beta,B,6,,0,")
        return try TestSite(files)
    }

    static func options(_ site: TestSite, cached: Bool, output: URL? = nil,
                        extraDownloads: [DownloadFormat] = []) -> SiteBuilder.Options {
        var options = SiteBuilder.Options(root: site.root, output: output ?? site.output, extraDownloads: extraDownloads)
        options.cache = cached ? site.root.appendingPathComponent(".jixiao-cache") : nil
        return options
    }

    /// Builds incrementally into site/ and cleanly into clean/, and checks both hold
    /// the same bytes. Before the builds, `jixiao check` from the cache the previous
    /// build left must give their warnings and write nothing.
    @discardableResult
    static func buildBoth(_ site: TestSite, _ step: String, extraDownloads: [DownloadFormat] = []) throws -> SiteBuilder.Report {
        let checked = try checkWritingNothing(site, step, extraDownloads: extraDownloads)
        let report = try SiteBuilder.build(options(site, cached: true, extraDownloads: extraDownloads))
        let clean = site.root.appendingPathComponent("clean")
        let cleanReport = try SiteBuilder.build(options(site, cached: false, output: clean, extraDownloads: extraDownloads))
        #expect(report.warnings.all == cleanReport.warnings.all, "\(step): the same warnings")
        #expect(checked == cleanReport.warnings.all, "\(step): check gives the build's warnings")
        // What a build prints: the first few and how many, read without the carried records' others.
        #expect(report.warnings.prefix(3) == Array(cleanReport.warnings.all.prefix(3)), "\(step): the same first warnings")
        #expect(report.warnings.count == cleanReport.warnings.count, "\(step): as many warnings")
        #expect(cleanReport.carriedEvaluations == 0)
        let incremental = try site.snapshot()
        let expected = try site.snapshot(clean)
        #expect(incremental.keys.sorted() == expected.keys.sorted(), "\(step): the same files")
        for (path, data) in expected where incremental[path] != data {
            Issue.record("\(step): \(path) differs from a clean build")
        }
        return report
    }

    /// `SiteBuilder.check` with the cache (what `jixiao check` runs), which must
    /// leave the cache and the output as they were.
    static func checkWritingNothing(_ site: TestSite, _ step: String, extraDownloads: [DownloadFormat] = []) throws -> [Diagnostic] {
        let cache = site.root.appendingPathComponent(".jixiao-cache")
        let (cacheBefore, outputBefore) = (try site.snapshot(cache), try site.snapshot())
        defer {
            let cacheAfter = (try? site.snapshot(cache)) ?? [:]
            let changed = Set(cacheBefore.keys).union(cacheAfter.keys).filter { cacheBefore[$0] != cacheAfter[$0] }
            #expect(changed.isEmpty, "\(step): check changed nothing in the cache (changed: \(changed.sorted()))")
            #expect((try? site.snapshot()) == outputBefore, "\(step): check changed nothing in the output")
        }
        return try SiteBuilder.check(options(site, cached: true, extraDownloads: extraDownloads))
    }

    /// How many times each download format was made, counted across threads.
    final class MadeCounter: @unchecked Sendable {
        private let lock = NSLock()
        private var counts: [String: Int] = [:]
        func add(_ name: String) { lock.withLock { counts[name, default: 0] += 1 } }
        /// The counts since the last call.
        func take() -> [String: Int] { lock.withLock { defer { counts = [:] }; return counts } }
    }

    static func inode(_ site: TestSite, _ path: String) throws -> UInt64 {
        let attributes = try FileManager.default.attributesOfItem(atPath: site.output.appendingPathComponent(path).path)
        return (attributes[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0
    }

    @Test("edits, template changes and deletions give the same bytes as a clean build")
    func sequenceOfEdits() throws {
        let site = try Self.site()
        defer { site.remove() }
        let first = try Self.buildBoth(site, "first build")
        #expect(first.reused == 0)

        // Nothing changed: every page, download and theme asset is kept.
        let again = try Self.buildBoth(site, "no change")
        #expect(again.reused == again.files)

        // One results row: that unit's card, the evaluation's ranking, notice and downloads change.
        let gammaBefore = try Self.inode(site, "2021-test/units/gamma.html")
        let betaBefore = try Self.inode(site, "2020-test/units/beta.html")
        try Self.editResults(site, "2020-test", "beta,B,5,,2,缺报2期", "beta,B,5,,3,缺报3期")
        let edited = try Self.buildBoth(site, "one results row")
        #expect(try site.read("2020-test/units/beta.html").contains("缺报3期"))
        #expect(try Self.inode(site, "2021-test/units/gamma.html") == gammaBefore, "an untouched evaluation's card is kept")
        #expect(try Self.inode(site, "2020-test/units/beta.html") != betaBefore, "the edited card is rendered again")
        #expect(edited.reused > 0 && edited.reused < edited.files)

        // A template change renders every page again.
        try site.write("themes/default/templates/partials/footer.mustache", "<footer>改过的页脚</footer>\n")
        let templated = try Self.buildBoth(site, "template change")
        #expect(try site.read("index.html").contains("改过的页脚"))
        #expect(templated.reused == templated.files - templated.pages, "only downloads and assets are kept")

        // Deleting a unit, a notice and a whole evaluation.
        try site.write("content/2020-test/evaluation.yaml", TestSite.minimal["content/2020-test/evaluation.yaml"]!
            .replacingOccurrences(of: "  - { slug: gamma, name: 丙单位 }\n", with: ""))
        try Self.editResults(site, "2020-test", "gamma,A,4,true,,\ngamma,B,6,,0,\n", "")
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("content/2020-test/notices/praise.md"))
        try Self.buildBoth(site, "deleted unit and notice")
        #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent("2020-test/units/gamma.html").path))
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("content/2021-test"))
        try Self.buildBoth(site, "deleted evaluation")

        // The site configuration, seen by every page.
        try site.write("content/site.yaml", TestSite.minimal["content/site.yaml"]!.replacingOccurrences(of: "测试站点", with: "改名站点"))
        let renamed = try Self.buildBoth(site, "site title")
        #expect(try site.read("2020-test/units/alpha.html").contains("改名站点"))
        #expect(renamed.reused == renamed.files - renamed.pages)
    }

    @Test("downloads are kept when what they hold did not change, and made again when it did")
    func downloadsByContent() throws {
        let site = try Self.site()
        defer { site.remove() }
        try site.write("content/2020-test/results/alpha.md", "---\ntitle: 甲单位自评报告\n---\n\n今年完成了全部任务。\n")
        try Self.buildBoth(site, "first build")
        let downloads = ["2020-test/ranking.csv", "2020-test/ranking.json", "2020-test/scores.csv"]
        let before = try downloads.map { try Self.inode(site, $0) }
        let card = try Self.inode(site, "2020-test/units/alpha.html")

        // A self-report's text is on its card only: the evaluation changed, its downloads did not.
        try site.write("content/2020-test/results/alpha.md", "---\ntitle: 甲单位自评报告\n---\n\n今年完成了全部任务，并有创新。\n")
        try Self.buildBoth(site, "self-report text")
        #expect(try site.read("2020-test/units/alpha.html").contains("并有创新"))
        #expect(try Self.inode(site, "2020-test/units/alpha.html") != card)
        #expect(try downloads.map { try Self.inode(site, $0) } == before, "the downloads are the previous files")

        // A reason is in scores.csv but not in the ranking.
        try Self.editResults(site, "2020-test", "beta,B,5,,2,缺报2期", "beta,B,5,,2,缺报第2期")
        try Self.buildBoth(site, "a reason")
        #expect(try site.read("2020-test/scores.csv").contains("缺报第2期"))
        let after = try downloads.map { try Self.inode(site, $0) }
        #expect(after[0] == before[0] && after[1] == before[1], "the ranking did not change")
        #expect(after[2] != before[2], "scores.csv is made again")
    }

    @Test("a download whose inputs (definitions and units' scores) did not change is kept without being made")
    func downloadsByInputs() throws {
        let site = try Self.site()
        defer { site.remove() }
        let made = MadeCounter()
        // Totals only: a reason changes its inputs but not its content.
        let totals = DownloadFormat(fileName: "totals.txt", title: "总分") { result in
            made.add("totals.txt")
            return Data(result.ranking.map { "\($0.unit.slug) \($0.total)" }.joined(separator: "\n").utf8)
        }
        func build(_ step: String) throws { try Self.buildBoth(site, step, extraDownloads: [totals]) }
        try site.write("content/2020-test/results/alpha.md", "---\ntitle: 甲单位自评报告\n---\n\n今年完成了全部任务。\n")
        try build("first build")
        // buildBoth checks, then builds incrementally and cleanly. From a cache the check makes
        // what the incremental build makes; with nothing to take (here) it makes no extra download.
        #expect(made.take() == ["totals.txt": 4], "two evaluations, each built incrementally and cleanly")
        let before = try Self.inode(site, "2020-test/totals.txt")

        try site.write("content/2020-test/results/alpha.md", "---\ntitle: 甲单位自评报告\n---\n\n今年完成了全部任务，并有创新。\n")
        try build("self-report text")
        #expect(made.take() == ["totals.txt": 2], "the check and the incremental build made nothing: only the two clean builds did")
        #expect(try Self.inode(site, "2020-test/totals.txt") == before)

        try Self.editResults(site, "2020-test", "beta,B,5,,2,缺报2期", "beta,B,5,,2,缺报第2期")
        try build("a reason")
        #expect(made.take() == ["totals.txt": 4], "beta's score changed: made again by the check and the build, and found the same")
        #expect(try Self.inode(site, "2020-test/totals.txt") == before)

        try Self.editResults(site, "2020-test", "beta,B,5,,2,缺报2期", "beta,B,5,,3,缺报3期")
        try build("a total")
        #expect(made.take() == ["totals.txt": 4])
        #expect(try Self.inode(site, "2020-test/totals.txt") != before)
        #expect(try site.read("2020-test/totals.txt").contains("beta 4.5"))
    }

    @Test("an edit to evidence keeps the downloads that show no provenance, without making them")
    func downloadsWithoutProvenance() throws {
        let site = try Self.site()
        defer { site.remove() }
        let made = MadeCounter()
        let formats = [("lean.txt", false), ("whole.txt", true)].map { name, provenance in
            DownloadFormat(fileName: name, title: name, readsProvenance: provenance) { result in
                made.add(name)
                let evidence = provenance ? result.units.flatMap(\.indicators).flatMap(\.evidence) : []
                return Data((result.ranking.map { "\($0.unit.slug) \($0.total)" } + evidence).joined(separator: "\n").utf8)
            }
        }
        func build(_ step: String) throws { try Self.buildBoth(site, step, extraDownloads: formats) }
        // The minimal table with an evidence column.
        let table = TestSite.minimal["content/2020-test/results.csv"]!.split(separator: "\n")
            .map { $0 == "unit,indicator,self,pass,count,reason" ? "\($0),evidence" : "\($0)," }.joined(separator: "\n") + "\n"
        try site.write("content/2020-test/results.csv", table.replacingOccurrences(of: "缺报2期,", with: "缺报2期,台账"))
        try build("first build")
        #expect(made.take() == ["lean.txt": 4, "whole.txt": 4], "the first check makes none")
        try site.write("content/2020-test/results.csv", table.replacingOccurrences(of: "缺报2期,", with: "缺报2期,台账;通报"))
        try build("evidence")
        #expect(made.take() == ["lean.txt": 2, "whole.txt": 4], "the check and the incremental build made only the one showing evidence")
        #expect(try site.read("2020-test/whole.txt").contains("通报"))
    }

    @Test("in an evaluation scored again, only the cards whose score changed are made again, and a card showing the ranking")
    func cardsByScore() throws {
        let site = try Self.site()
        defer { site.remove() }
        // gamma's self-report shows the ranking through a shortcode: its card changes with anyone's total.
        try site.write("content/2020-test/results/gamma.md", "---\ntitle: 丙单位自评报告\n---\n\n排名如下：\n\n{{< ranking >}}\n")
        try Self.buildBoth(site, "first build")
        let cards = ["alpha", "beta", "gamma"].map { "2020-test/units/\($0).html" }
        let before = try cards.map { try Self.inode(site, $0) }

        // beta's total changes (5 → 4.5), the ranks stay.
        try Self.editResults(site, "2020-test", "beta,B,5,,2,缺报2期", "beta,B,5,,3,缺报3期")
        try Self.buildBoth(site, "beta's total")
        var after = try cards.map { try Self.inode(site, $0) }
        #expect(after[0] == before[0], "alpha's card is kept")
        #expect(after[1] != before[1], "beta's card is made again")
        #expect(after[2] != before[2], "gamma's card shows beta's total in its ranking")
        #expect(try site.read(cards[2]).contains("4.50"))

        // Only evidence of alpha: alpha's card alone.
        let middle = after
        try site.write("content/2020-test/results.csv", try String(contentsOf: site.root.appendingPathComponent("content/2020-test/results.csv"), encoding: .utf8)
            .replacingOccurrences(of: "alpha,B,6,,1,缺报1期", with: "alpha,B,6,,1,缺报1期（已核实）"))
        try Self.buildBoth(site, "alpha's reason")
        after = try cards.map { try Self.inode(site, $0) }
        #expect(after[0] != middle[0])
        #expect(after[1] == middle[1] && after[2] == middle[2], "beta's and gamma's cards are kept")
    }

    /// Writes an evaluation's results.csv: the minimal site's, with one row replaced.
    static func editResults(_ site: TestSite, _ slug: String, _ row: String, _ replacement: String) throws {
        try site.write("content/\(slug)/results.csv", TestSite.minimal["content/2020-test/results.csv"]!
            .replacingOccurrences(of: row, with: replacement))
    }

    /// Four years, two of them apart from the rest, and an attachment.
    static func fourYears() throws -> TestSite {
        let site = try Self.site()
        for (year, results) in [(2023, "beta,B,5,,4,缺报4期"), (2025, "beta,B,5,,1,缺报1期")] {
            let slug = "content/\(year)-test"
            try site.write("\(slug)/evaluation.yaml", TestSite.minimal["content/2020-test/evaluation.yaml"]!
                .replacingOccurrences(of: "2020", with: String(year)))
            try site.write("\(slug)/indicators.yaml", TestSite.minimal["content/2020-test/indicators.yaml"]!)
            try editResults(site, "\(year)-test", "beta,B,5,,2,缺报2期", results)
        }
        try site.write("content/2023-test/attachments/附件1.txt", "附件内容")
        return site
    }

    @Test("an evaluation whose files did not change is not scored again; its pages are kept and its warnings repeated")
    func carriedEvaluations() throws {
        let site = try Self.fourYears()
        defer { site.remove() }
        let first = try Self.buildBoth(site, "first build")
        #expect(first.carriedEvaluations == 0)
        #expect(first.warnings.all.contains { $0.location.file == "content/2023-test/results.csv" })

        let (style, attachment) = (try Self.inode(site, "assets/style.css"), try Self.inode(site, "2023-test/attachments/附件1.txt"))
        let again = try Self.buildBoth(site, "no change")
        #expect(again.carriedEvaluations == 4)
        #expect(again.reused == again.files, "every file is linked, the theme's assets and the attachment too")
        #expect(try Self.inode(site, "assets/style.css") == style)
        #expect(try Self.inode(site, "2023-test/attachments/附件1.txt") == attachment)

        // 2025 changes: 2023 and 2020/2021 are more than a year away and carried over.
        let card2023 = try Self.inode(site, "2023-test/units/beta.html")
        try Self.editResults(site, "2025-test", "beta,B,5,,2,缺报2期", "beta,B,5,,3,缺报3期")
        let latest = try Self.buildBoth(site, "the newest year edited")
        #expect(latest.carriedEvaluations == 3)
        #expect(try site.read("2025-test/units/beta.html").contains("缺报3期"))
        #expect(try Self.inode(site, "2023-test/units/beta.html") == card2023)

        // 2021 changes its totals: it is compared with 2020 as 2020's record keeps it, unscored.
        let ranking2020 = try Self.inode(site, "2020-test/ranking.html")
        try Self.editResults(site, "2021-test", "beta,B,5,,2,缺报2期", "beta,B,5,,6,缺报6期")
        let compared = try Self.buildBoth(site, "a year compared with a carried one")
        #expect(compared.carriedEvaluations == 3, "2020, 2023 and 2025")
        #expect(try site.read("2021-test/ranking.html").contains("较上年"))
        #expect(try Self.inode(site, "2020-test/ranking.html") == ranking2020)

        // 2020 changes its totals: 2021 compares with it, and its ranking (which shows rank
        // changes) would be made again from 2021's record; 2021, 2023 and 2025 are carried.
        let card2021Before = try Self.inode(site, "2021-test/units/alpha.html")
        try Self.editResults(site, "2020-test", "alpha,B,6,,1,缺报1期", "alpha,B,6,,5,缺报5期")
        let oldest = try Self.buildBoth(site, "the oldest year edited")
        #expect(oldest.carriedEvaluations == 3)
        #expect(try Self.inode(site, "2021-test/units/alpha.html") == card2021Before)

        // Only a reason in 2020 changes, not a rank or total: 2021, compared with 2020, is carried over too.
        let card2021 = try Self.inode(site, "2021-test/units/alpha.html")
        try Self.editResults(site, "2020-test", "alpha,B,6,,1,缺报1期", "alpha,B,6,,5,缺报五期")
        let reasonOnly = try Self.buildBoth(site, "a reason edited")
        #expect(reasonOnly.carriedEvaluations == 3)
        #expect(try site.read("2020-test/units/alpha.html").contains("缺报五期"))
        #expect(try Self.inode(site, "2021-test/units/alpha.html") == card2021)

        // 2025 moves to 2024, right after 2023: now it is compared with 2023, which is scored again.
        try site.write("content/2025-test/evaluation.yaml", TestSite.minimal["content/2020-test/evaluation.yaml"]!
            .replacingOccurrences(of: "2020", with: "2024"))
        let moved = try Self.buildBoth(site, "a year moved next to another")
        #expect(moved.carriedEvaluations == 3, "2020, 2021 and 2023 carried; 2023's record gives the comparison")

        // An attachment of a carried evaluation is still copied as it is now.
        try site.write("content/2023-test/attachments/附件1.txt", "改过的附件内容")
        try site.write("content/2023-test/attachments/附件2.txt", "新附件")
        try Self.buildBoth(site, "attachments changed")
        #expect(try site.read("2023-test/attachments/附件2.txt") == "新附件")
        #expect(try site.read("2023-test/attachments/附件1.txt") == "改过的附件内容")
        #expect(try Self.inode(site, "2023-test/attachments/附件1.txt") != attachment)

        // A card of a carried evaluation damaged by hand: that evaluation is rendered again.
        try Data("坏了".utf8).write(to: site.output.appendingPathComponent("2021-test/units/alpha.html"))
        let repaired = try Self.buildBoth(site, "damaged card of a carried evaluation")
        #expect(repaired.carriedEvaluations < 4)

        // site.yaml is on every page: nothing is carried over.
        try site.write("content/site.yaml", TestSite.minimal["content/site.yaml"]! + "\ndescription: 新的描述\n")
        let configured = try Self.buildBoth(site, "site.yaml changed")
        #expect(configured.carriedEvaluations == 0)
    }

    @Test("after a change in the year before, an evaluation is scored again only if a document of it shows the year-change table")
    func yearChangeTable() throws {
        let site = try Self.site()
        defer { site.remove() }
        let ranking = site.root.appendingPathComponent(".jixiao-cache/evaluations/2021-test.ranking")
        let notice = "content/2021-test/notices/change.md"
        try site.write(notice, "---\ntitle: 关于考核名次变化的通报\nkind: 通报\npublished: 2021-12-30\n---\n与上年比较：\n\n{{< year-change >}}\n")
        try Self.buildBoth(site, "first build")
        #expect(!FileManager.default.fileExists(atPath: ranking.path), "no ranking kept: the notice shows the year before too")
        try Self.editResults(site, "2020-test", "alpha,B,6,,1,缺报1期", "alpha,B,6,,5,缺报5期")
        let edited = try Self.buildBoth(site, "the year before edited")
        #expect(edited.carriedEvaluations == 0, "2021 scored again for its notice")

        try FileManager.default.removeItem(at: site.root.appendingPathComponent(notice))
        try Self.buildBoth(site, "the notice removed")
        #expect(FileManager.default.fileExists(atPath: ranking.path))
        // 甲 falls from second to third in 2020: 2021's rank changes are not the same.
        let (card, rankingPage) = try (Self.inode(site, "2021-test/units/alpha.html"), Self.inode(site, "2021-test/ranking.html"))
        try Self.editResults(site, "2020-test", "alpha,B,6,,1,缺报1期", "alpha,B,6,,12,缺报12期")
        let again = try Self.buildBoth(site, "the year before edited again")
        #expect(again.carriedEvaluations == 1, "2021 carried but for its ranking page")
        #expect(try Self.inode(site, "2021-test/units/alpha.html") == card)
        #expect(try Self.inode(site, "2021-test/ranking.html") != rankingPage)

        // A kept ranking that does not belong to the record (here: damaged) is not used: 2021 is scored.
        var bytes = try [UInt8](Data(contentsOf: ranking))
        bytes[bytes.count - 3] ^= 0xFF
        try Data(bytes).write(to: ranking)
        try Self.editResults(site, "2020-test", "alpha,B,6,,1,缺报1期", "alpha,B,6,,4,缺报4期")
        let damaged = try Self.buildBoth(site, "a damaged ranking file")
        #expect(damaged.carriedEvaluations == 0)
    }

    @Test("each evaluation's record has a file: a carried one keeps it, a scored one is rewritten, a removed one's is deleted")
    func recordFiles() throws {
        let site = try Self.fourYears()
        defer { site.remove() }
        let records = site.root.appendingPathComponent(".jixiao-cache/evaluations")
        func inode(_ slug: String) throws -> UInt64 {
            let attributes = try FileManager.default.attributesOfItem(atPath: records.appendingPathComponent("\(slug).tsv").path)
            return (attributes[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0
        }
        try Self.buildBoth(site, "first build")
        #expect(try FileManager.default.contentsOfDirectory(atPath: records.path).sorted()
            == ["2020-test", "2021-test", "2023-test", "2025-test"].flatMap { ["\($0).ranking", "\($0).tsv", "\($0).units"] })
        let before = try ["2020-test", "2023-test", "2025-test"].map(inode)
        try Self.editResults(site, "2025-test", "beta,B,5,,2,缺报2期", "beta,B,5,,3,缺报3期")
        let edited = try Self.buildBoth(site, "the newest year edited")
        #expect(edited.carriedEvaluations == 3)
        #expect(try inode("2020-test") == before[0] && inode("2023-test") == before[1], "carried: files kept")
        #expect(try inode("2025-test") != before[2], "scored again: written again")
        // The next build carries the rewritten record over, with the warnings of a clean build (buildBoth compares them).
        let again = try Self.buildBoth(site, "no change")
        #expect(again.carriedEvaluations == 4)
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("content/2025-test"))
        try Self.buildBoth(site, "an evaluation deleted")
        #expect(!FileManager.default.fileExists(atPath: records.appendingPathComponent("2025-test.tsv").path))
        #expect(!FileManager.default.fileExists(atPath: records.appendingPathComponent("2025-test.ranking").path))
        #expect(!FileManager.default.fileExists(atPath: records.appendingPathComponent("2025-test.units").path))
        // A record made under another key (here: another binary or options) is not trusted.
        let text = try String(contentsOf: records.appendingPathComponent("2020-test.tsv"), encoding: .utf8)
        try text.replacingOccurrences(of: "\(BuildCache.recordsFormat)\t", with: "\(BuildCache.recordsFormat)\tx")
            .write(to: records.appendingPathComponent("2020-test.tsv"), atomically: true, encoding: .utf8)
        let foreign = try Self.buildBoth(site, "a foreign record")
        #expect(foreign.carriedEvaluations == 2, "2020 scored again; 2021, which compares with it, and 2023 carried")
    }

    @Test("a failed build, and a check from the cache, leave the output and the cache as they were")
    func failedBuildKeepsCache() throws {
        let site = try Self.fourYears()
        defer { site.remove() }
        try Self.buildBoth(site, "first build")
        let results = TestSite.minimal["content/2020-test/results.csv"]!
        try site.write("content/2020-test/results.csv", results.replacingOccurrences(of: "alpha,A,4,true,,", with: "alpha,A,4,maybe,,"))
        // jixiao check from the cache finds what a check without it finds, and writes nothing.
        func checkErrors(cached: Bool) throws -> [Diagnostic] {
            do {
                _ = try cached ? Self.checkWritingNothing(site, "an error") : SiteBuilder.check(Self.options(site, cached: false))
                return []
            } catch let error as DiagnosticsError {
                return error.diagnostics
            }
        }
        let found = try checkErrors(cached: true)
        #expect(found.contains { $0.severity == .error && $0.location.file == "content/2020-test/results.csv" })
        #expect(found == (try checkErrors(cached: false)))
        #expect(throws: DiagnosticsError.self) { try SiteBuilder.build(Self.options(site, cached: true)) }
        try site.write("content/2020-test/results.csv", results)
        let restored = try Self.buildBoth(site, "the error undone")
        #expect(restored.carriedEvaluations == 4)
        try site.write("content/2020-test/results.csv", results.replacingOccurrences(of: "alpha,A,4,true,,", with: "alpha,A,4,false,,未组织"))
        let fixed = try Self.buildBoth(site, "fixed another way")
        #expect(fixed.carriedEvaluations == 3, "2021 (but for its ranking), 2023 and 2025")
    }

    @Test("a page changed or removed by hand in the output is written again")
    func damagedOutput() throws {
        let site = try Self.site()
        defer { site.remove() }
        try Self.buildBoth(site, "first build")
        try Data("坏了".utf8).write(to: site.output.appendingPathComponent("2020-test/units/alpha.html"))
        try FileManager.default.removeItem(at: site.output.appendingPathComponent("2020-test/ranking.html"))
        try Self.buildBoth(site, "after damage")
    }

    @Test("the site a build replaces is kept in the cache and patched into the next: replaced, never written into")
    func recycledStaging() throws {
        let site = try Self.site()
        defer { site.remove() }
        let spare = site.root.appendingPathComponent(".jixiao-cache/\(StagingFolder.spareName)")
        try Self.buildBoth(site, "first build")
        #expect(!FileManager.default.fileExists(atPath: spare.path), "a first build replaces no site")
        try Self.buildBoth(site, "no change")
        #expect(try String(contentsOf: spare.appendingPathComponent("index.html"), encoding: .utf8) == site.read("index.html"))
        #expect(try Self.inode(site, "2020-test/units/beta.html")
            == (FileManager.default.attributesOfItem(atPath: spare.appendingPathComponent("2020-test/units/beta.html").path)[.systemFileNumber] as? NSNumber)?.uint64Value,
            "an unchanged page is one file in the site and the spare")

        // The live page is that same file: the next build must replace the spare's name, not write into it.
        let kept = site.root.appendingPathComponent("kept-beta.html")
        #expect(link(site.output.appendingPathComponent("2020-test/units/beta.html").path, kept.path) == 0)
        let before = try String(contentsOf: kept, encoding: .utf8)
        try Self.editResults(site, "2020-test", "beta,B,5,,2,缺报2期", "beta,B,5,,3,缺报3期")
        try Self.buildBoth(site, "one results row, from the spare")
        #expect(try site.read("2020-test/units/beta.html").contains("缺报3期"))
        #expect(try String(contentsOf: kept, encoding: .utf8) == before, "the previous site's file was not written into")

        // Whatever is in the spare, the site is what a clean build gives: stray files and
        // folders go, a changed file is replaced, a file where a folder belongs is removed.
        let fm = FileManager.default
        try Data("多余".utf8).write(to: spare.appendingPathComponent("stray.html"))
        try fm.createDirectory(at: spare.appendingPathComponent("gone/deeper"), withIntermediateDirectories: true)
        try Data("多余".utf8).write(to: spare.appendingPathComponent("gone/deeper/page.html"))
        try fm.removeItem(at: spare.appendingPathComponent("index.html"))
        try Data("坏了".utf8).write(to: spare.appendingPathComponent("index.html"))
        try fm.removeItem(at: spare.appendingPathComponent("2021-test"))
        try Data("不是文件夹".utf8).write(to: spare.appendingPathComponent("2021-test"))
        let patched = try Self.buildBoth(site, "a damaged spare")
        #expect(patched.reused == patched.files)
        #expect(!fm.fileExists(atPath: site.output.appendingPathComponent("stray.html").path))

        // A build that makes most files again keeps no spare: the next would have to replace every file of it.
        try site.write("themes/default/templates/partials/footer.mustache", "<footer>改过的页脚</footer>\n")
        try Self.buildBoth(site, "template change")
        #expect(!fm.fileExists(atPath: spare.path))
        try Self.buildBoth(site, "no change after a template change")
        #expect(fm.fileExists(atPath: spare.path))
    }

    @Test("symbolic links in or as the spare are never followed: files outside the build stay")
    func spareLinksNotFollowed() throws {
        let site = try Self.site()
        defer { site.remove() }
        let fm = FileManager.default
        let spare = site.root.appendingPathComponent(".jixiao-cache/\(StagingFolder.spareName)")
        let outside = site.root.appendingPathComponent("outside")
        try fm.createDirectory(at: outside, withIntermediateDirectories: true)
        try Data("别删我".utf8).write(to: outside.appendingPathComponent("keep.html"))
        try Self.buildBoth(site, "first build")
        try Self.buildBoth(site, "no change")

        // A folder inside the spare is a link to a folder of someone else's.
        try fm.removeItem(at: spare.appendingPathComponent("2020-test"))
        try fm.createSymbolicLink(at: spare.appendingPathComponent("2020-test"), withDestinationURL: outside)
        try Self.editResults(site, "2020-test", "beta,B,5,,2,缺报2期", "beta,B,5,,3,缺报3期")
        try Self.buildBoth(site, "a link inside the spare")
        #expect(try fm.contentsOfDirectory(atPath: outside.path) == ["keep.html"])

        // The spare itself is such a link.
        try fm.removeItem(at: spare)
        try fm.createSymbolicLink(at: spare, withDestinationURL: outside)
        try Self.editResults(site, "2020-test", "beta,B,5,,2,缺报2期", "beta,B,5,,4,缺报4期")
        try Self.buildBoth(site, "the spare is a link")
        #expect(try fm.contentsOfDirectory(atPath: outside.path) == ["keep.html"])
        #expect(try String(contentsOf: outside.appendingPathComponent("keep.html"), encoding: .utf8) == "别删我")
    }

    @Test("a cache made for another output or audience is not used")
    func otherOptions() throws {
        let site = try Self.site()
        defer { site.remove() }
        _ = try SiteBuilder.build(Self.options(site, cached: true))
        var internalBuild = Self.options(site, cached: true)
        internalBuild.audience = .internal
        let report = try SiteBuilder.build(internalBuild)
        #expect(report.reused == 0)
        #expect(try site.read("index.html").contains("内部"))
    }
}

@Suite("Carrying unchanged evaluations over")
struct CarryOverTests {
    static func record(_ slug: String, year: Int) -> EvaluationRecord {
        EvaluationRecord(slug: slug, digest: "d-\(slug)", year: year, comparison: "c-\(slug)", hasResults: true,
                         scoredUnits: ["a"], diagnostics: [])
    }

    static let records = Dictionary(uniqueKeysWithValues: [2018, 2019, 2020, 2021, 2022].map { ("e\($0)", record("e\($0)", year: $0)) })
    static let digests = records.mapValues(\.digest)

    static func scored(_ plan: CarryOver, _ slugs: some Collection<String> = records.keys) -> [String] {
        slugs.filter(plan.scores).sorted()
    }

    @Test("a changed evaluation is scored alone: the year before it, which it is compared with, is in its record")
    func changedEvaluation() {
        var digests = Self.digests
        digests["e2020"] = "changed"
        var plan = CarryOver(digests: digests, records: Self.records) { _ in true }
        #expect(Self.scored(plan) == ["e2020"])
        // Scored: ranks and totals as before (only evidence was edited): the year after is left alone.
        plan.learn("e2020", year: 2020, comparison: "c-e2020")
        #expect(Self.scored(plan) == ["e2020"])
        #expect(Self.records.values.filter { plan.renders($0.slug, year: $0.year) }.map(\.slug) == ["e2020"])
        // Ranks changed: the year after is scored and rendered again.
        plan.learn("e2020", year: 2020, comparison: "other ranks")
        #expect(Self.scored(plan) == ["e2020", "e2021"])
        #expect(Self.records.values.filter { plan.renders($0.slug, year: $0.year) }.map(\.slug).sorted() == ["e2020", "e2021"])
    }

    @Test("nothing changed: nothing is scored; damaged pages count as a change")
    func unchanged() {
        let plan = CarryOver(digests: Self.digests, records: Self.records) { _ in true }
        #expect(Self.scored(plan).isEmpty)
        let damaged = CarryOver(digests: Self.digests, records: Self.records) { $0 != "e2022" }
        #expect(Self.scored(damaged) == ["e2022"])
    }

    @Test("new, moved and removed evaluations ripple to the years around them")
    func newMovedAndRemoved() {
        var digests = Self.digests
        digests["e2018"] = nil
        digests["fresh"] = "new"
        var plan = CarryOver(digests: digests, records: Self.records) { _ in true }
        #expect(Self.scored(plan, digests.keys) == ["e2019", "fresh"], "2019 follows the deleted 2018")
        plan.learn("fresh", year: 2022, comparison: "new")
        #expect(Self.scored(plan, digests.keys) == ["e2019", "fresh"], "no 2023 to follow the new 2022")
        #expect(plan.renders("fresh", year: 2022) && !plan.renders("e2022", year: 2022) && plan.renders("e2019", year: 2019))

        digests = Self.digests
        digests["e2022"] = "moved"
        var moved = CarryOver(digests: digests, records: Self.records) { _ in true }
        moved.learn("e2022", year: 2019, comparison: "c-e2022")
        #expect(Self.scored(moved) == ["e2020", "e2022"], "2020 follows the moved one's new year, and 2023 (none) its old")
        #expect(moved.renders("e2020", year: 2020) && !moved.renders("e2019", year: 2019))
    }

    @Test("records survive the cache file: rankings, tabs, line breaks and backslashes in messages, hints or none")
    func recordLines() throws {
        let diagnostics: [Diagnostic] = [
            .warning(at: SourceLocation(file: "content/a b/results.csv", line: 3, column: 4), "甲\t乙\n丙\\丁\r", hint: "提示\t"),
            .warning(at: SourceLocation(file: "content/x/evaluation.yaml"), "没有提示"),
            .warning(at: SourceLocation(file: "content/x/plan.md", line: 1), "空提示", hint: ""),
            .warning(at: SourceLocation(file: "content/a b/results.csv", line: 12, column: 10), "又回到第一个文件", hint: "提示\t"),
        ]
        let records = [
            EvaluationRecord(slug: "x", digest: "abc", year: 2020, comparison: "c1", hasResults: true, scoredUnits: ["u1", "u2"],
                             ranking: [RankingEntry(slug: "u2", rank: 1, total: Decimal(string: "98.125")!, grade: "优\t秀"),
                                       RankingEntry(slug: "u1", rank: 2, total: Decimal(string: "-3.5")!, grade: "")],
                             diagnostics: diagnostics),
            EvaluationRecord(slug: "y", digest: "def", year: 2019, comparison: "c2", hasResults: false, scoredUnits: [], diagnostics: []),
        ]
        let text = String(decoding: EvaluationRecord.file(records[0], header: "h"), as: UTF8.self)
        #expect(text.nonEmptyLines.count == 9, "the header, the evaluation, its ranking, its warnings and the hash")
        #expect(text.contains("\nR\tu2\t1\t98.125\t优\\t秀\n"))
        // Lines that are not as written are refused even when the hash matches them (a
        // warning's own fields are not read before it is shown: the hash vouches for them).
        func file(_ lines: [String]) -> Data {
            let body = lines.map { $0 + "\n" }.joined()
            var hash = StableHash()
            Array(body.utf8).withUnsafeBytes { hash.add($0) }
            return Data("h\n\(body)H\t\(hash.hex)\n".utf8)
        }
        let evaluation = "E\tx\tabc\t2020\tc\t1\t"
        #expect(EvaluationRecord.parse(file: file([evaluation, "R\tu\t1\t1\t优", "D\twarning\tf\t1\t1\tm"]))?.record.ranking.count == 1,
                "as written")
        #expect(EvaluationRecord.parse(file: file(["E\tx\tabc\tnot-a-year\tc\t1\t"])) == nil)
        #expect(EvaluationRecord.parse(file: file(["D\twarning\tf\t1\t1\tm"])) == nil, "a warning before any evaluation")
        #expect(EvaluationRecord.parse(file: file(["R\tu\t1\t1\t优"])) == nil, "a ranking before any evaluation")
        for broken in ["R\tu\tfirst\t1\t优", "R\tu\t1\t1e3\t优", "R\tu\t1\t1", "R\tu\t1\t1\t优\textra", evaluation, "X"] {
            #expect(EvaluationRecord.parse(file: file([evaluation, broken])) == nil, "\(broken)")
        }
        #expect(EvaluationRecord.parse(file: file([evaluation, "D\twarning\tf\t1\t1\tm", "R\tu\t1\t1\t优"])) == nil,
                "a ranking after the warnings")
        #expect(EvaluationRecord.parse(file: file([evaluation, "D\twarning"])) == nil, "a warning without its file")

        // A record's file, read on its bytes: its header, its lines and their hash. Its
        // warnings come out the same, in report order.
        let bytes = EvaluationRecord.file(records[0], header: "头\t行")
        let parsed = EvaluationRecord.parse(file: Data(bytes))
        #expect(parsed?.header == "头\t行")
        #expect(parsed?.record == records[0])
        #expect(parsed?.record.warnings.all == diagnostics.sortedForReport(), "in report order")
        #expect(parsed?.record.warnings.prefix(2) == Array(diagnostics.sortedForReport().prefix(2)))
        #expect(EvaluationRecord.parse(file: Data(EvaluationRecord.file(records[1], header: "h")))?.record == records[1])
        #expect(EvaluationRecord.parse(file: Data()) == nil)
        #expect(EvaluationRecord.parse(file: Data(bytes.dropLast(2))) == nil, "cut short")
        #expect(EvaluationRecord.parse(file: Data(bytes.prefix(bytes.count / 2))) == nil, "cut in half")
        // The header is not in the hash: the cache compares it with the one it expects.
        var header = bytes
        header[0] = 0xFF
        #expect(EvaluationRecord.parse(file: Data(header))?.header != "头\t行")
        for marker in ["甲", "没有提示", "提示", "优", "x\tabc", "R\tu1"] {
            guard let offset = Self.byteOffset(of: marker, in: bytes) else {
                Issue.record("\(marker) is in the file")
                continue
            }
            var damaged = bytes
            damaged[offset] = 0xFF
            #expect(EvaluationRecord.parse(file: Data(damaged)) == nil, "a byte changed in \(marker)")
        }
        // A changed byte that is still text: only the hash tells.
        var reworded = bytes
        reworded[try #require(Self.byteOffset(of: "98.125", in: bytes))] = UInt8(ascii: "7")
        #expect(EvaluationRecord.parse(file: Data(reworded)) == nil)
    }

    static func byteOffset(of text: String, in bytes: [UInt8]) -> Int? {
        let needle = Array(text.utf8)
        return bytes.indices.first { bytes[$0...].starts(with: needle) }
    }
}

@Suite("Fingerprints for the build cache")
struct FingerprintTests {
    static func fingerprint(_ value: TemplateValue) -> String {
        var hash = StableHash()
        hash.add(value)
        return hash.hex
    }

    @Test("the same context gives the same fingerprint whatever the key order; any change gives another")
    func contexts() {
        var first: [String: TemplateValue] = [:]
        var second: [String: TemplateValue] = [:]
        let members: [(String, TemplateValue)] = (0..<50).map { ("key\($0)", .string("值\($0)")) }
        for (key, value) in members { first[key] = value }
        for (key, value) in members.reversed() { second[key] = value }
        #expect(Self.fingerprint(.object(first)) == Self.fingerprint(.object(second)))
        var changed = first
        changed["key7"] = .string("值7 ")
        #expect(Self.fingerprint(.object(changed)) != Self.fingerprint(.object(first)))
        // Kinds and nesting count: "1" is not 1, [a, b] is not [ab], {a: {b}} is not {a: b}.
        #expect(Self.fingerprint(.string("1")) != Self.fingerprint(.int(1)))
        #expect(Self.fingerprint(["a", "b"]) != Self.fingerprint(["ab"]))
        #expect(Self.fingerprint(["a": ["b": true]]) != Self.fingerprint(["a": true, "b": true]))
        #expect(Self.fingerprint(["x": .null]) != Self.fingerprint([:]))
        // A record is fingerprinted as the object of the same members.
        let shape = TemplateShape(members.map(\.0))
        #expect(Self.fingerprint(.record(shape, members.map(\.1))) == Self.fingerprint(.object(first)))
        #expect(Self.fingerprint(.record(shape, members.map(\.1).reversed())) != Self.fingerprint(.object(first)))
    }

    @Test("a fingerprint is the same in every process (the cache outlives the run)")
    func stableAcrossRuns() {
        // Computed once and written down: a per-process seeded hash would differ here.
        #expect(Self.fingerprint(["title": "考核", "rows": [1, 2, true]]) == Self.recorded)
    }

    static let recorded = "a5a6f2f503611d26d723051912637f40"
}

@Suite("The ranking page's context kept beside a record")
struct RankingPageRecordTests {
    static let context: [String: TemplateValue] = [
        "rows": .list([
            .object(["slug": "a", "rank": .int(1), "tied": .bool(false), "name": "甲单位\t（一）\n", "grade_note": .null]),
            .object(["slug": "b", "rank": .int(-7), "tied": .bool(true), "components": .list([])]),
        ]),
        "has_bonus": .bool(true), "extremes": .list([.int(Int.min), .int(Int.max), .int(0), .string("")]),
        "nested": .object(["empty": .object([:]), "deeper": .list([.list([.string("末")])])]),
    ]

    @Test("a context comes back from its bytes as it was, and the same context gives the same bytes")
    func roundTrip() {
        let bytes = RankingPageRecord.encode(Self.context)
        #expect(RankingPageRecord.decode(bytes) == Self.context)
        var reordered: [String: TemplateValue] = [:]
        for key in Self.context.keys.sorted().reversed() { reordered[key] = Self.context[key] }
        #expect(RankingPageRecord.encode(reordered) == bytes)
        #expect(RankingPageRecord.decode(RankingPageRecord.encode([:])) == [:])
        // A record is kept as the object of the same members.
        let shape = TemplateShape(["slug", "rank"])
        #expect(RankingPageRecord.encode(["row": .record(shape, ["a", .int(1)])]) == RankingPageRecord.encode(["row": ["slug": "a", "rank": 1]]))
    }

    @Test("cut, lengthened, damaged or foreign bytes give no context")
    func brokenBytes() {
        let bytes = RankingPageRecord.encode(Self.context)
        for length in [0, 1, bytes.count / 2, bytes.count - 1] {
            #expect(RankingPageRecord.decode(bytes.prefix(length)) == nil, "cut at \(length)")
        }
        #expect(RankingPageRecord.decode(bytes + [7]) == nil, "a value after the context")
        #expect(RankingPageRecord.decode([5, 0]) == nil, "a list, not an object")
        #expect(RankingPageRecord.decode([6, 1, 1, 0x61, 99]) == nil, "an unknown kind")
        #expect(RankingPageRecord.decode([6, 1, 1, 0xFF, 7]) == nil, "a key that is not UTF-8")
        #expect(RankingPageRecord.decode([6, 2, 1, 0x61, 7, 1, 0x61, 7]) == nil, "a key twice")
        #expect(RankingPageRecord.decode([6, 1, 1, 0x61, 5, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F]) == nil, "a count beyond the bytes")
        #expect(RankingPageRecord.decode([6, 1, 1, 0x61] + Array(repeating: 5, count: 40) + Array(repeating: 0, count: 40)) == nil,
                "nested deeper than any context")

        let file = RankingPageRecord.file(header: "h\tk", digest: "d1", context: bytes)
        #expect(RankingPageRecord.read(file, header: "h\tk", digest: "d1") == Self.context)
        #expect(RankingPageRecord.read(file, header: "h\tk", digest: "d2") == nil, "another record's")
        #expect(RankingPageRecord.read(file, header: "h\tx", digest: "d1") == nil, "another build's")
        var damaged = file
        damaged[damaged.count - 2] ^= 1
        #expect(RankingPageRecord.read(damaged, header: "h\tk", digest: "d1") == nil, "a byte changed")
        #expect(RankingPageRecord.read(Array(file.dropLast()), header: "h\tk", digest: "d1") == nil, "cut")
    }
}
