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

    static func options(_ site: TestSite, cached: Bool, output: URL? = nil) -> SiteBuilder.Options {
        var options = SiteBuilder.Options(root: site.root, output: output ?? site.output, extraDownloads: [])
        options.cache = cached ? site.root.appendingPathComponent(".jixiao-cache") : nil
        return options
    }

    /// Builds incrementally into site/ and cleanly into clean/, and checks both hold the same bytes.
    @discardableResult
    static func buildBoth(_ site: TestSite, _ step: String) throws -> SiteBuilder.Report {
        let report = try SiteBuilder.build(options(site, cached: true))
        let clean = site.root.appendingPathComponent("clean")
        try SiteBuilder.build(options(site, cached: false, output: clean))
        let incremental = try site.snapshot()
        let expected = try site.snapshot(clean)
        #expect(incremental.keys.sorted() == expected.keys.sorted(), "\(step): the same files")
        for (path, data) in expected where incremental[path] != data {
            Issue.record("\(step): \(path) differs from a clean build")
        }
        return report
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

        // Nothing changed: every page and download is kept (only the theme assets are copied again).
        let again = try Self.buildBoth(site, "no change")
        #expect(again.reused == again.files - 2)

        // One results row: that unit's card, the evaluation's ranking, notice and downloads change.
        let gammaBefore = try Self.inode(site, "2021-test/units/gamma.html")
        let betaBefore = try Self.inode(site, "2020-test/units/beta.html")
        try site.write("content/2020-test/results.csv", TestSite.minimal["content/2020-test/results.csv"]!
            .replacingOccurrences(of: "beta,B,5,,2,缺报2期", with: "beta,B,5,,3,缺报3期"))
        let edited = try Self.buildBoth(site, "one results row")
        #expect(try site.read("2020-test/units/beta.html").contains("缺报3期"))
        #expect(try Self.inode(site, "2021-test/units/gamma.html") == gammaBefore, "an untouched evaluation's card is kept")
        #expect(try Self.inode(site, "2020-test/units/beta.html") != betaBefore, "the edited card is rendered again")
        #expect(edited.reused > 0 && edited.reused < edited.files - 2)

        // A template change renders every page again.
        try site.write("themes/default/templates/partials/footer.mustache", "<footer>改过的页脚</footer>\n")
        let templated = try Self.buildBoth(site, "template change")
        #expect(try site.read("index.html").contains("改过的页脚"))
        #expect(templated.reused == templated.files - templated.pages - 2, "only downloads are kept")

        // Deleting a unit, a notice and a whole evaluation.
        try site.write("content/2020-test/evaluation.yaml", TestSite.minimal["content/2020-test/evaluation.yaml"]!
            .replacingOccurrences(of: "  - { slug: gamma, name: 丙单位 }\n", with: ""))
        try site.write("content/2020-test/results.csv", TestSite.minimal["content/2020-test/results.csv"]!
            .replacingOccurrences(of: "gamma,A,4,true,,\ngamma,B,6,,0,\n", with: ""))
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("content/2020-test/notices/praise.md"))
        try Self.buildBoth(site, "deleted unit and notice")
        #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent("2020-test/units/gamma.html").path))
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("content/2021-test"))
        try Self.buildBoth(site, "deleted evaluation")

        // The site configuration, seen by every page.
        try site.write("content/site.yaml", TestSite.minimal["content/site.yaml"]!.replacingOccurrences(of: "测试站点", with: "改名站点"))
        let renamed = try Self.buildBoth(site, "site title")
        #expect(try site.read("2020-test/units/alpha.html").contains("改名站点"))
        #expect(renamed.reused == renamed.files - renamed.pages - 2)
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

    @Test("a cache made for another output or audience is not used")
    func otherOptions() throws {
        let site = try Self.site()
        defer { site.remove() }
        try SiteBuilder.build(Self.options(site, cached: true))
        var internalBuild = Self.options(site, cached: true)
        internalBuild.audience = .internal
        let report = try SiteBuilder.build(internalBuild)
        #expect(report.reused == 0)
        #expect(try site.read("index.html").contains("内部"))
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
    }

    @Test("a fingerprint is the same in every process (the cache outlives the run)")
    func stableAcrossRuns() {
        // Computed once and written down: a per-process seeded hash would differ here.
        #expect(Self.fingerprint(["title": "考核", "rows": [1, 2, true]]) == Self.recorded)
    }

    static let recorded = "a5a6f2f503611d26d723051912637f40"
}
