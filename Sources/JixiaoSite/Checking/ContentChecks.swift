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
        var index = SitePageIndex(site)
        // An evaluation folder that could not be read has errors of its own; links
        // into it are not reported as broken on top of them.
        let folders = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("content").path)) ?? []
        for folder in folders where folder != "pages" && !site.evaluations.contains(where: { $0.slug == folder }) {
            index.allow(prefix: "\(folder)/")
        }
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

    /// In `view`, an audience's view of `site` (see AudienceFilter), the links to
    /// pages that only `site` has: run for a public build, after `run` passed.
    static func withheldLinks(in view: EvaluatedSite, of site: EvaluatedSite) -> [Diagnostic] {
        // Most documents (every self-report of a large site) have no link: then the
        // two indexes, of every page of the site, are not made (an incremental build's 10 ms).
        let documents = PublishedDocument.all(in: view, linkedOnly: true)
        guard !documents.isEmpty else { return [] }
        let all = SitePageIndex(site), shown = SitePageIndex(view)
        var found: [Diagnostic] = []
        for document in documents {
            LinkCheck.checkWithheld(document, shown: shown, all: all, diagnostics: &found)
        }
        return found
    }
}
