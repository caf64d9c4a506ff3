import JixiaoCore
import JixiaoTemplate

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
    /// The previous year's evaluation of the same kind (see PreviousEvaluation), for
    /// rank changes and the annual report's comparison; nil when there is none.
    public var previous: PreviousEvaluation?
    /// Who may see which part of this evaluation (`audience:` in evaluation.yaml).
    public var audiencePolicy = AudiencePolicy()
    /// False in a build for an audience that may not see that part (see AudienceFilter).
    public var showsIndicators = true
    public var showsRanking = true
    public var showsUnits = true
    /// What reading and scoring this evaluation reported, kept in the build cache
    /// so that the warnings are shown again when it is carried over.
    var scoringDiagnostics: [Diagnostic] = []
    /// Set when the evaluation was carried over from the previous build unscored
    /// (see CarryOver): `result` then has its settings and indicators but no units.
    var carried: EvaluationRecord?
    /// False when the previous build's pages and downloads of this evaluation are
    /// kept instead of being rendered again (see CarryOver).
    var rendersPages = true
    /// How many of its units were not scored again but taken from the previous build (see UnitReuse).
    var reusedUnits = 0
    /// Its units' own scores being written for the next build (see UnitScoreFile),
    /// while the build goes on; waited for before the build's cache is saved.
    var unitScoresSaved: Background<Void>?
    /// Set when an evaluation carried over has its ranking page made again from
    /// its record, for the rank changes against a changed year before (see RankingPageRecord).
    var rankingBase: [String: TemplateValue]?

    public var slug: String { content.slug }
    public var settings: EvaluationSettings { result.settings }
    public var hasIndicators: Bool { result.system != nil }
    public var hasResults: Bool { carried?.hasResults ?? !result.units.isEmpty }
    /// The units with a score card.
    var scoredUnits: [String] { carried?.scoredUnits ?? result.units.map(\.unit.slug) }
    /// What the next year's comparison reads of the ranking (see PreviousEvaluation).
    var rankingEntries: [RankingEntry] { carried?.ranking ?? result.rankingEntries }
    /// What this view of the site renders (see AudienceFilter).
    public var publishesIndicators: Bool { hasIndicators && showsIndicators }
    public var publishesRanking: Bool { hasResults && showsRanking }
    public var publishesUnits: Bool { hasResults && showsUnits }
}

/// The whole site after load → validate → evaluate, ready to render.
public struct EvaluatedSite: Sendable {
    public var config: SiteConfig
    public var pages: [Publication]
    /// Newest year first, then by title: the order of the home page and archive.
    public var evaluations: [EvaluatedEvaluation]
    /// The audience this view of the site is for.
    public var audience: Audience = .internal
    /// The text of every content file, for the privacy guard.
    public var sources: [(path: String, text: String)] = []

    /// The warnings of the evaluations carried over (see BuildWarnings).
    var carriedWarnings: [RecordedWarnings] { evaluations.compactMap { $0.carried?.warnings } }
}

/// The evaluation of the year before that an evaluation is compared with: what
/// the comparison reads of it (see `EvaluationRecord.comparison`), which a build
/// cache keeps, so that it need not be scored again.
public struct PreviousEvaluation: Sendable {
    public var slug: String
    public var title: String
    public var year: Int
    public var ranking: [RankingEntry]

    /// How pages name it: the title, after its year unless the title has the year
    /// already ("2019年度…" is not made "2019年度2019年度…").
    public var label: String {
        title.contains(String(year)) ? title : "\(year)年度\(title)"
    }
}
