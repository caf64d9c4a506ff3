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
    /// `results.csv`, decoded but not yet split into rows: a large table's rows
    /// (hundreds of thousands of located cells) exist only while the evaluation
    /// is scored, not for the whole build.
    public var resultsTable: (path: String, text: String)?
    public var unitDocuments: [ContentDocument] = []
    public var notices: [ContentDocument] = []
    public var report: ContentDocument?
    /// Files under `attachments/`, relative to the evaluation folder, sorted.
    public var attachments: [String] = []
    /// Every file read from the folder (and the size and time of each attachment),
    /// hashed: what the build cache compares to know whether this evaluation
    /// changed since the previous build (see CarryOver).
    public var digest = StableHash()
    /// The same for the files other than the results (results.csv and results/):
    /// with the units' scores, what the evaluation's downloads are made from.
    public var definitionsDigest = StableHash()
}

/// Everything under `content/`, read but not yet interpreted.
public struct SiteContent: Sendable {
    public var config: SiteConfig
    public var pages: [ContentDocument]
    public var evaluations: [EvaluationContent]
    /// The text of every content file read, for checks that look at the
    /// whole source (the privacy guard).
    public var sources: [(path: String, text: String)] = []
    /// site.yaml and the free pages, hashed: what every page shows.
    public var digest = StableHash()
}
