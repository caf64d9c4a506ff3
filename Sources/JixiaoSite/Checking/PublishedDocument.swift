import JixiaoCore

/// A Markdown content file together with the page it is published on, so that
/// its relative links can be followed the way a browser will follow them.
struct PublishedDocument {
    var document: ContentDocument
    /// The site path of the page showing the body, e.g. `2020-test/notices/praise.html`.
    var page: String
    var evaluation: EvaluatedEvaluation?
    /// The document's metadata, for plans, notices, reports and free pages.
    var publication: Publication?

    /// Each published document in turn. Handed over one at a time rather than
    /// listed: each holds its evaluation, a large value, and a large site has
    /// tens of thousands of documents.
    static func forEach(in site: EvaluatedSite, _ body: (PublishedDocument) -> Void) {
        for publication in site.pages {
            body(PublishedDocument(document: publication.document, page: SitePaths.page(publication.document.stem),
                                   publication: publication))
        }
        for evaluation in site.evaluations {
            let slug = evaluation.slug
            if let plan = evaluation.plan {
                body(PublishedDocument(document: plan.document, page: SitePaths.plan(slug), evaluation: evaluation, publication: plan))
            }
            for notice in evaluation.notices {
                body(PublishedDocument(document: notice.document, page: SitePaths.notice(slug, notice.document.stem),
                                       evaluation: evaluation, publication: notice))
            }
            if let report = evaluation.report {
                body(PublishedDocument(document: report.document, page: SitePaths.report(slug), evaluation: evaluation,
                                       publication: report))
            }
            let scored = Set(evaluation.scoredUnits)
            for (unit, document) in evaluation.selfReports.sorted(by: { $0.key < $1.key }) where scored.contains(unit) {
                body(PublishedDocument(document: document, page: SitePaths.unit(slug, unit), evaluation: evaluation))
            }
            for document in evaluation.content.indicatorFiles {
                body(PublishedDocument(document: document, page: SitePaths.indicators(slug), evaluation: evaluation))
            }
        }
    }
}
