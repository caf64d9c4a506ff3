import JixiaoCore

/// The files of one evaluation folder (`content/<slug>/`), read but not yet
/// interpreted.
public struct EvaluationContent: Sendable {
    public var slug: String
    /// `content/<slug>`, relative to the site root.
    public var folder: String
    public var settings: SourceValue
    public var plan: ContentDocument?
    public var indicators: SourceValue?
    public var indicatorFiles: [ContentDocument] = []
    /// Rows of `results.csv`, one mapping per row.
    public var resultRows: [SourceValue] = []
    public var unitDocuments: [ContentDocument] = []
    public var notices: [ContentDocument] = []
    public var report: ContentDocument?
    /// Files under `attachments/`, relative to the evaluation folder, sorted.
    public var attachments: [String] = []
}

/// Everything under `content/`, read but not yet interpreted.
public struct SiteContent: Sendable {
    public var config: SiteConfig
    public var pages: [ContentDocument]
    public var evaluations: [EvaluationContent]
    /// The text of every content file read, for checks that look at the
    /// whole source (the privacy guard).
    public var sources: [(path: String, text: String)] = []
}
