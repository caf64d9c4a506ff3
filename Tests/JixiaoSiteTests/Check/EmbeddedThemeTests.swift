import Foundation
import JixiaoCore
import Testing
@testable import JixiaoSite

@Suite("The default theme built into jixiao")
struct EmbeddedThemeTests {
    @Test("the embedded copy equals themes/default byte for byte (run scripts/embed-default-theme after editing it)")
    func embeddedEqualsRepository() throws {
        let folder = ScaffoldingTests.repository.appendingPathComponent("themes/default")
        let onDisk = Theme.files(under: folder)
        #expect(onDisk.count > 10)
        #expect(EmbeddedTheme.files.map(\.path).sorted() == onDisk)
        for file in EmbeddedTheme.files {
            let data = try Data(contentsOf: folder.appendingPathComponent(file.path))
            #expect(data == file.data, "\(file.path) differs from themes/default")
        }
    }

    @Test("a site without themes/ builds with the built-in theme; a site file overrides one template")
    func fallbackAndOverride() throws {
        let root = try BadInput.copyBase()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("themes").path))
        let (files, _) = try SiteBuilder.make(SiteBuilder.Options(root: root))
        #expect(files.files["assets/style.css"] != nil)
        #expect(files.files["2020-test/ranking.html"] != nil)

        let footer = root.appendingPathComponent("themes/default/templates/partials/footer.mustache")
        try FileManager.default.createDirectory(at: footer.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("<footer>本站自定义页脚</footer>".utf8).write(to: footer)
        let (overridden, _) = try SiteBuilder.make(SiteBuilder.Options(root: root))
        guard case .data(let home)? = overridden.files["index.html"] else {
            Issue.record("no home page")
            return
        }
        let html = String(decoding: home, as: UTF8.self)
        #expect(html.contains("本站自定义页脚"))
        #expect(html.contains("</html>")) // the rest still comes from the built-in theme
    }

    @Test("an unknown theme name is an error, not a silent fallback")
    func unknownTheme() throws {
        let root = try BadInput.copyBase()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(throws: DiagnosticsError.self) {
            try SiteBuilder.make(SiteBuilder.Options(root: root, theme: "nonexistent"))
        }
    }
}
