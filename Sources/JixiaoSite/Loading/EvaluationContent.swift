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
    /// indicators/*.md but `_index.md`: one top-level indicator each.
    public var indicatorFiles: [ContentDocument] = []
    /// indicators/_index.md: total, bonus and vetoes (front matter), and what the
    /// indicators page says before the table (body).
    public var indicatorIndex: ContentDocument?

    /// The indicator system written as files: `_index.md` first, then one file per
    /// top-level indicator. Empty when it is in indicators.yaml (or missing).
    var indicatorDocuments: [ContentDocument] {
        [indicatorIndex].compactMap { $0 } + indicatorFiles
    }
    /// `results.csv`, decoded but not yet split into rows: a large table's rows
    /// (hundreds of thousands of located cells) exist only while the evaluation
    /// is scored, not for the whole build.
    public var resultsTable: (path: String, text: String)?
    public var unitDocuments: [ContentDocument] = []
    public var notices: [ContentDocument] = []
    public var report: ContentDocument?
    /// Files under `attachments/`, relative to the evaluation folder, sorted.
    public var attachments: [String] = []
    /// Every file of the folder (and the size and time of each attachment),
    /// hashed: what the build cache compares to know whether this evaluation
    /// changed since the previous build (see CarryOver). Made of the two below.
    public var digest = StableHash()
    /// The same for the files other than the results (results.csv and results/):
    /// with the units' scores, what the evaluation's downloads are made from.
    public var definitionsDigest = StableHash()
    /// The results files, hashed, in hex (stored by the previous build when they were not read).
    var resultsDigest = ""
    /// Whether the results files were left unread, as the previous build read
    /// them (see ResultsStamp): `resultsTable` and `unitDocuments` are then empty.
    var resultsSkipped = false
    /// The stamp of the results files when they were read, if it can be trusted next time.
    var resultsStamp: String?
    /// Whether a self-report may have a link (see LinkCheck.mayHaveLinks).
    var resultsMayHaveLinks = false

    mutating func updateDigest() {
        digest = StableHash()
        digest.add(definitionsDigest)
        digest.add(resultsDigest)
    }

    /// Whether `path` (relative to the root) is one of the results files of the evaluation `slug`.
    static func isResultsFile(_ path: String, of slug: String) -> Bool {
        resultsOwner(of: path) == slug
    }

    /// The evaluation whose results file `path` (relative to the root) is:
    /// `content/<slug>/results.csv` or a file under `content/<slug>/results/`.
    static func resultsOwner(of path: String) -> String? {
        let parts = path.split(separator: "/", maxSplits: 3, omittingEmptySubsequences: false)
        guard parts.count >= 3, parts[0] == "content" else { return nil }
        if parts.count == 3 ? parts[2] == "results.csv" : parts[2] == "results" {
            return String(parts[1])
        }
        return nil
    }
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
