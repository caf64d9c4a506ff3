import Foundation
import JixiaoCore
import Testing
@testable import JixiaoSite

@Suite("jixiao new: site and evaluation scaffolds")
struct ScaffoldingTests {
    static let repository = BadInput.folder.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func temporaryFolder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("jixiao-new-\(UUID().uuidString)")
    }

    @Test("new site → build: the sample builds at once, checks clean, and uses the theme it wrote")
    func newSiteBuilds() throws {
        let root = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let written = try SiteScaffold.create(at: root, year: 2024)
        #expect(written.contains("content/2024-sample/evaluation.yaml"))
        #expect(written.contains("themes/default/templates/base.mustache"))
        let ignored = try String(contentsOf: root.appendingPathComponent(".gitignore"), encoding: .utf8)
        #expect(ignored.split(separator: "\n").contains("site/") && ignored.split(separator: "\n").contains(".jixiao-cache/"))
        let report = try SiteBuilder.build(SiteBuilder.Options(root: root))
        #expect(report.warnings.isEmpty, "\(report.warnings)")
        let ranking = try String(contentsOf: root.appendingPathComponent("site/2024-sample/ranking.html"), encoding: .utf8)
        #expect(ranking.contains("第一分局") && ranking.contains("100.00") && ranking.contains("67.00"))
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("site/about.html").path))
        // The site's own theme is used: an edit to its stylesheet is published.
        try Data("/* edited */".utf8).write(to: root.appendingPathComponent("themes/default/assets/style.css"))
        _ = try SiteBuilder.build(SiteBuilder.Options(root: root))
        let css = try String(contentsOf: root.appendingPathComponent("site/assets/style.css"), encoding: .utf8)
        #expect(css == "/* edited */")
    }

    @Test("new site keeps a .gitignore the folder already has")
    func newSiteKeepsGitignore() throws {
        let root = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try Data("mine/\n".utf8).write(to: root.appendingPathComponent(".gitignore"))
        let written = try SiteScaffold.create(at: root, year: 2024)
        #expect(!written.contains(".gitignore"))
        #expect(try String(contentsOf: root.appendingPathComponent(".gitignore"), encoding: .utf8) == "mine/\n")
    }

    @Test("new site refuses a folder that has files in it")
    func newSiteNeverOverwrites() throws {
        let root = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: root.appendingPathComponent("notes.txt"))
        #expect(throws: DiagnosticsError.self) { try SiteScaffold.create(at: root, year: 2024) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["notes.txt"])
    }

    @Test("new evaluation --from carries the indicator tree, units, formula and grading; results start empty")
    func newEvaluationFrom() throws {
        let root = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let previous = "2019-county-market"
        try FileManager.default.createDirectory(at: root.appendingPathComponent("content"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.repository.appendingPathComponent("content/\(previous)"),
                                         to: root.appendingPathComponent("content/\(previous)"))
        let files = try EvaluationScaffold.create(root: root, slug: "2020-county-market", from: previous, year: nil)
        #expect(Set(files) == ["content/2020-county-market/evaluation.yaml", "content/2020-county-market/indicators.yaml"])

        let oldIndicators = try Data(contentsOf: root.appendingPathComponent("content/\(previous)/indicators.yaml"))
        let newIndicators = try Data(contentsOf: root.appendingPathComponent("content/2020-county-market/indicators.yaml"))
        #expect(oldIndicators == newIndicators)

        func settings(_ slug: String) throws -> SourceValue {
            let path = "content/\(slug)/evaluation.yaml"
            let text = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
            return try YAMLSource.parse(text, file: path)
        }
        let old = try settings(previous), new = try settings("2020-county-market")
        for key in ["units", "formula", "grading", "unit_kind", "precision"] {
            let a = try #require(old[key]), b = try #require(new[key])
            #expect(a.sameContent(as: b), "\(key) was not carried over")
        }
        #expect(new["year"]?.text == "2020")
        #expect(new["title"]?.text?.contains("2020年度") == true)
        #expect(new["title"]?.text?.contains("2019") == false)

        let (site, _) = try SiteBuilder.evaluate(root: root)
        let carried = try #require(site.evaluations.first { $0.slug == "2020-county-market" })
        let original = try #require(site.evaluations.first { $0.slug == previous })
        #expect(carried.hasIndicators && !carried.hasResults)
        #expect(carried.plan == nil && carried.notices.isEmpty)
        #expect(carried.result.system?.allIndicators.map(\.id) == original.result.system?.allIndicators.map(\.id))
        #expect(carried.result.system?.allIndicators.map(\.points) == original.result.system?.allIndicators.map(\.points))
        #expect(carried.settings.formula?.components.map(\.id) == original.settings.formula?.components.map(\.id))

        // Never overwrites: running it again changes nothing and fails.
        let before = try Data(contentsOf: root.appendingPathComponent("content/2020-county-market/evaluation.yaml"))
        #expect(throws: DiagnosticsError.self) {
            try EvaluationScaffold.create(root: root, slug: "2020-county-market", from: previous, year: nil)
        }
        #expect(try Data(contentsOf: root.appendingPathComponent("content/2020-county-market/evaluation.yaml")) == before)
    }

    @Test("new evaluation without --from is a valid empty evaluation; an unknown --from is an error")
    func newEvaluationBlank() throws {
        let root = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        _ = try SiteScaffold.create(at: root, year: 2024)
        _ = try EvaluationScaffold.create(root: root, slug: "2025-new", from: nil, year: nil)
        let (site, _) = try SiteBuilder.evaluate(root: root)
        #expect(site.evaluations.first { $0.slug == "2025-new" }?.settings.year == 2025)
        #expect(throws: DiagnosticsError.self) {
            try EvaluationScaffold.create(root: root, slug: "2026-new", from: "no-such", year: nil)
        }
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("content/2026-new").path))
        #expect(throws: DiagnosticsError.self) {
            try EvaluationScaffold.create(root: root, slug: "Bad Name", from: nil, year: nil)
        }
    }
}
