import Foundation
import JixiaoCore
import Testing
@testable import JixiaoSite

/// An incremental build does not read the results files of an evaluation whose
/// stamps (size, times, inode of each file) are those the previous build read
/// (see ResultsStamp), and still gives exactly what a clean build gives.
@Suite("Results files left unread")
struct ResultsSkippingTests {
    /// A stamp taken right after a file was written is not trusted (see
    /// ResultsStamp), so the tests' files are made old enough first.
    static func settle() {
        Thread.sleep(forTimeInterval: 2.2)
    }

    /// Which evaluations an incremental build of `site` would leave unread.
    static func skipped(_ site: TestSite, audience: Audience? = nil) throws -> [String] {
        var options = IncrementalBuildTests.options(site, cached: true)
        options.audience = audience
        // Read-only, as `jixiao check`: a looker that scored and saved unit scores in the
        // background, unwaited, would still be writing into the cache as the next step starts.
        let prepared = try SiteBuilder.prepare(options, incremental: true, readOnly: true)
        return prepared.site.evaluations.filter(\.content.resultsSkipped).map(\.slug).sorted()
    }

    @Test("the stamp changes with a file's size, time or inode, and with a document added or removed")
    func stamp() throws {
        let site = try TestSite(TestSite.minimal)
        defer { site.remove() }
        let folder = site.root.appendingPathComponent("content/2020-test").path
        try site.write("content/2020-test/results/alpha.md", "---\nunit: alpha\n---\n自评。\n")
        let later = Date().addingTimeInterval(10)
        let first = try #require(ResultsStamp.take(folder: folder, now: later))
        #expect(!first.recent)
        #expect(ResultsStamp.take(folder: folder)?.recent == true, "just written: not to be trusted")
        #expect(ResultsStamp.take(folder: folder, now: later) == first, "nothing changed")

        var stamps = [first.hex]
        func expectNew(_ what: String) throws {
            let stamp = try #require(ResultsStamp.take(folder: folder, now: later))
            #expect(!stamps.contains(stamp.hex), "\(what)")
            stamps.append(stamp.hex)
        }
        // The same size, another modification time.
        let csv = site.root.appendingPathComponent("content/2020-test/results.csv").path
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_000_000)], ofItemAtPath: csv)
        try expectNew("modification time")
        try site.write("content/2020-test/results/alpha.md", "---\nunit: alpha\n---\n自评！\n")
        try expectNew("rewritten with the same size")
        try site.write("content/2020-test/results/beta.md", "---\nunit: beta\n---\n")
        try expectNew("a document added")
        try site.write("content/2020-test/results/notes.txt", "不是 Markdown")
        #expect(ResultsStamp.take(folder: folder, now: later)?.hex == stamps.last, "not a document the loader reads")
        try FileManager.default.removeItem(atPath: "\(folder)/results/beta.md")
        #expect(ResultsStamp.take(folder: folder, now: later)?.hex == stamps[2], "a document removed: as before it was added")
        try FileManager.default.createSymbolicLink(atPath: "\(folder)/results/gamma.md", withDestinationPath: "\(folder)/results/alpha.md")
        #expect(ResultsStamp.take(folder: folder, now: later) == nil, "a symbolic link is always read")
    }

    @Test("an evaluation whose results files did not change is not read; the output and warnings are a clean build's")
    func unchangedEvaluationUnread() throws {
        let site = try IncrementalBuildTests.site()
        defer { site.remove() }
        try site.write("content/2021-test/results/alpha.md", "---\nunit: alpha\nreviewer: 考评组\n---\n\n今年完成了全部任务。\n")
        // 2021 shows the year-change table, so a change of 2020's ranks has it scored again.
        try site.write("content/2021-test/notices/change.md",
                       "---\ntitle: 关于考核名次变化的通报\nkind: 通报\npublished: 2021-12-30\n---\n{{< year-change >}}\n")
        Self.settle()
        try IncrementalBuildTests.buildBoth(site, "first build")
        #expect(try Self.skipped(site) == ["2020-test", "2021-test"], "nothing changed: nothing is read")

        // A reason edited in 2020 (no total changes): 2021 is carried over unread, its warnings repeated from its record.
        try IncrementalBuildTests.editResults(site, "2020-test", "beta,B,5,,2,缺报2期", "beta,B,5,,2,缺报第2期")
        #expect(try Self.skipped(site) == ["2021-test"])
        let report = try IncrementalBuildTests.buildBoth(site, "2020 edited")
        #expect(report.carriedEvaluations == 1)
        #expect(report.warnings.all.contains { $0.location.file == "content/2021-test/results.csv" }, "2021's scoring warnings")

        // A change in 2020 that 2021 is compared with (beta's rank) scores 2021 again: its files are read then.
        try IncrementalBuildTests.editResults(site, "2020-test", "beta,B,5,,2,缺报2期", "beta,B,5,,0,")
        try IncrementalBuildTests.editResults(site, "2020-test", "beta,A,4,false,,未组织培训", "beta,A,4,true,,")
        let rippled = try IncrementalBuildTests.buildBoth(site, "2020's ranking changed")
        #expect(rippled.carriedEvaluations == 0)
        #expect(try site.read("2021-test/units/alpha.html").contains("今年完成了全部任务"))
    }

    @Test("results files with a warning of their own, or a self-report with a link, are read in every build")
    func filesThatAreAlwaysRead() throws {
        for (name, report) in [("placeholder", "今年完成情况待补充。"), ("link", "见[上年方案](../../2020-test/plan.md)。")] {
            let site = try IncrementalBuildTests.site()
            defer { site.remove() }
            try site.write("content/2021-test/results/alpha.md", "---\nunit: alpha\n---\n\n\(report)\n")
            Self.settle()
            let first = try IncrementalBuildTests.buildBoth(site, "\(name): first build")
            if name == "placeholder" {
                #expect(first.warnings.all.contains { $0.location.file == "content/2021-test/results/alpha.md" })
            }
            #expect(try Self.skipped(site) == ["2020-test"], "\(name)")
            // A reason only: 2021 is carried over, with what its self-report gave.
            try IncrementalBuildTests.editResults(site, "2020-test", "beta,B,5,,2,缺报2期", "beta,B,5,,2,缺报第2期")
            try IncrementalBuildTests.buildBoth(site, "\(name): 2020 edited")
        }
    }

    @Test("stamps stored by a build for another audience are not trusted")
    func otherAudience() throws {
        var files = TestSite.minimal
        files["content/site.yaml"]! += "\nprivacy: { mobile: mask }\n"
        let site = try TestSite(files)
        defer { site.remove() }
        try site.write("content/2020-test/results/alpha.md", "---\nunit: alpha\n---\n\n联系电话 13812341234。\n")
        Self.settle()
        // An internal build does not run the privacy guard: the file gave no warning there.
        var forStaff = IncrementalBuildTests.options(site, cached: true)
        forStaff.audience = .internal
        _ = try SiteBuilder.build(forStaff)
        let internalStamps = try Data(contentsOf: site.root.appendingPathComponent(".jixiao-cache/results.tsv"))
        #expect(try Self.skipped(site, audience: .internal) == ["2020-test"])

        // A public build: records of its own, then the internal build's stamps, as if that build had saved last.
        let public1 = try SiteBuilder.build(IncrementalBuildTests.options(site, cached: true))
        #expect(public1.warnings.all.contains { $0.location.file == "content/2020-test/results/alpha.md" }, "the mobile number is masked")
        try internalStamps.write(to: site.root.appendingPathComponent(".jixiao-cache/results.tsv"))
        #expect(try Self.skipped(site).isEmpty, "read, as a clean public build reads it")
        let public2 = try SiteBuilder.build(IncrementalBuildTests.options(site, cached: true))
        #expect(public2.carriedEvaluations == 1)
        #expect(public2.warnings.all == public1.warnings.all)
    }
}
