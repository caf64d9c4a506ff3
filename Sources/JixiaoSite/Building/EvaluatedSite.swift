import JixiaoCore

/// A page document with its metadata read: plans, notices, reports, free pages.
public struct Publication: Sendable {
    public var document: ContentDocument
    public var meta: DocumentMetadata
}

/// One evaluation after validation and scoring: everything its pages show.
public struct EvaluatedEvaluation: Sendable {
    public var content: EvaluationContent
    public var result: EvaluationResult
    public var plan: Publication?
    public var notices: [Publication]
    public var report: Publication?
    /// Unit slug → the body of `results/<slug>.md` (the 自评报告).
    public var selfReports: [String: ContentDocument]

    public var slug: String { content.slug }
    public var settings: EvaluationSettings { result.settings }
    public var hasIndicators: Bool { result.system != nil }
    public var hasResults: Bool { !result.units.isEmpty }
}

/// The whole site after load → validate → evaluate, ready to render.
public struct EvaluatedSite: Sendable {
    public var config: SiteConfig
    public var pages: [Publication]
    /// Newest year first, then by title: the order of the home page and archive.
    public var evaluations: [EvaluatedEvaluation]
}
