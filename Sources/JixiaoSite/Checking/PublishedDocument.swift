import JixiaoCore

/// A Markdown content file together with the page it is published on, so that
/// its relative links can be followed the way a browser will follow them.
struct PublishedDocument: Sendable {
    var document: ContentDocument
    /// The site path of the page showing the body, e.g. `2020-test/notices/praise.html`.
    var page: String
    /// The evaluation's folder and the attachments it publishes; nil for a free page.
    var evaluation: EvaluationFiles?
    /// The document's metadata, for plans, notices, reports and free pages.
    var publication: Publication?

    /// What a document's checks need of its evaluation (see AttachmentCheck); small,
    /// as a large site has tens of thousands of documents.
    struct EvaluationFiles: Sendable {
        var folder: String
        var attachments: [String]
    }

    /// Every published document, in site order; with `linkedOnly`, only those that
    /// may have a link (LinkCheck.mayHaveLinks), the self-reports of an evaluation
    /// none of whose may (known since loading) not even looked at.
    static func all(in site: EvaluatedSite, linkedOnly: Bool = false) -> [PublishedDocument] {
        var documents: [PublishedDocument] = []
        for publication in site.pages {
            documents.append(PublishedDocument(document: publication.document, page: SitePaths.page(publication.document.stem),
                                               publication: publication))
        }
        for evaluation in site.evaluations {
            let slug = evaluation.slug
            let files = EvaluationFiles(folder: evaluation.content.folder, attachments: evaluation.content.attachments)
            if let plan = evaluation.plan {
                documents.append(PublishedDocument(document: plan.document, page: SitePaths.plan(slug), evaluation: files,
                                                   publication: plan))
            }
            for notice in evaluation.notices {
                documents.append(PublishedDocument(document: notice.document, page: SitePaths.notice(slug, notice.document.stem),
                                                   evaluation: files, publication: notice))
            }
            if let report = evaluation.report {
                documents.append(PublishedDocument(document: report.document, page: SitePaths.report(slug), evaluation: files,
                                                   publication: report))
            }
            let scored = linkedOnly && !evaluation.content.resultsMayHaveLinks ? [] : Set(evaluation.scoredUnits)
            for (unit, document) in evaluation.selfReports.sorted(by: { $0.key < $1.key }) where scored.contains(unit) {
                documents.append(PublishedDocument(document: document, page: SitePaths.unit(slug, unit), evaluation: files))
            }
            for document in evaluation.content.indicatorDocuments where evaluation.publishesIndicators {
                documents.append(PublishedDocument(document: document, page: SitePaths.indicators(slug), evaluation: files))
            }
        }
        return linkedOnly ? documents.filter { LinkCheck.mayHaveLinks($0.document.body) } : documents
    }
}
