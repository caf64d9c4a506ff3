import Foundation
import JixiaoCore

/// The checks that look across files, after everything is read and scored:
/// links between pages, attachments that are referenced but missing,
/// placeholders left in the text, dates in the wrong order and numbers that
/// contradict each other. `jixiao check` and every build run them.
enum ContentChecks {
    static func run(_ site: EvaluatedSite, root: URL, diagnostics: inout [Diagnostic]) {
        // Looked at in place: tens of thousands of warnings at a large site, few errors.
        var errorsBefore = Set<SourceLocation>()
        for index in diagnostics.indices where diagnostics[index].severity == .error {
            errorsBefore.insert(diagnostics[index].location)
        }
        let index = pageIndex(site, root: root)
        // Thousands of self-reports at a large site: checked in pieces on every core, taken in order after.
        var found = PublishedDocument.all(in: site).concurrentMap(piecesOf: 200) { [index] piece in
            var found: [Diagnostic] = []
            for document in piece {
                LinkCheck.check(document, index: index, diagnostics: &found)
                PlaceholderCheck.checkBody(document.document, diagnostics: &found)
                if let publication = document.publication {
                    AttachmentCheck.check(publication, evaluation: document.evaluation, diagnostics: &found)
                    DateOrderCheck.check(publication, diagnostics: &found)
                }
            }
            return found
        }.flatMap { $0 }
        for value in PlaceholderCheck.dataValues(in: site) {
            PlaceholderCheck.checkValue(value, diagnostics: &found)
        }
        for evaluation in site.evaluations {
            ScoreConsistencyCheck.check(evaluation, diagnostics: &found)
        }
        // A field that already has an error (e.g. a placeholder date) is not reported twice.
        diagnostics += found.filter { $0.severity == .error || !errorsBefore.contains($0.location) }
    }

    /// The pages of `site`, and the folders under content/ it has no evaluation of,
    /// whose pages are not known: an evaluation folder that could not be read has
    /// errors of its own, and one an archive leaves out is not scored (see
    /// EvaluationScope). Links into them are not reported as broken.
    static func pageIndex(_ site: EvaluatedSite, root: URL) -> SitePageIndex {
        var index = SitePageIndex(site)
        let folders = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("content").path)) ?? []
        for folder in folders where folder != "pages" && !site.evaluations.contains(where: { $0.slug == folder }) {
            index.allow(prefix: "\(folder)/")
        }
        return index
    }

    /// In `view`, an audience's view of `site` (see AudienceFilter), the links to
    /// pages that only `site` has: run for a public build, after `run` passed.
    static func withheldLinks(in view: EvaluatedSite, of site: EvaluatedSite) -> [Diagnostic] {
        linksLeavingOut(view, all: { SitePageIndex(site) }).map { url, page, location in
            .error(at: location, "链接“\(url)”指向的页面只在内部版中生成，公开版中没有（\(page)）",
                   hint: "公开版不发布该页面（见 evaluation.yaml 的 audience 或该文件的 audience）。"
                       + "删去这个链接，或把该页面设为公开；只供内部使用的网站用 --audience internal 生成。")
        }
    }

    /// In `view`, the evaluations of `site` an archive holds, the links to pages
    /// it does not hold: of the evaluations scored only for their rankings, or of
    /// those not scored (see EvaluationScope). Warnings: the site is right, only
    /// the archive's copy of the page will have a link that opens nothing.
    static func linksLeaving(_ view: EvaluatedSite, of site: EvaluatedSite, root: URL) -> [Diagnostic] {
        let held = view.evaluations.map { "“\($0.slug)”" }.joined(separator: "、")
        return linksLeavingOut(view, all: { pageIndex(site, root: root) }).map { url, page, location in
            .warning(at: location, "链接“\(url)”指向的页面不在这份归档中（\(page)），解压后打不开",
                     hint: "归档只有考核\(held)和站点自身的页面。引用其他考核时写明其名称或文号，不加链接；那项考核另行归档。")
        }
    }

    /// The links of `view`'s documents to pages `all()` has and `view` does not.
    private static func linksLeavingOut(_ view: EvaluatedSite, all: () -> SitePageIndex)
        -> [(url: String, page: String, location: SourceLocation)] {
        // Most documents (every self-report of a large site) have no link: then the
        // two indexes, of every page of the site, are not made (an incremental build's 10 ms).
        let documents = PublishedDocument.all(in: view, linkedOnly: true)
        guard !documents.isEmpty else { return [] }
        let all = all(), shown = SitePageIndex(view)
        return documents.flatMap { LinkCheck.linksLeavingOut($0, shown: shown, all: all) }
    }
}
