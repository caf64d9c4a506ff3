import JixiaoTemplate

/// Which evaluations an incremental build scores and renders again, and which
/// it carries over from the previous build.
///
/// An evaluation is *changed* when its files differ from those the previous
/// build scored (or it is new, or its pages in the output were damaged). The
/// others are carried over: not scored again, their pages and downloads linked
/// from the previous build, their warnings repeated from its record.
///
/// Except near a change, because an evaluation is compared with the one of the
/// year before (rank changes, the annual report): when what such a comparison
/// reads of it (see `EvaluationRecord.comparison`) changed, or it is new, moved
/// to another year or was deleted, the evaluations of the year after are rendered
/// again. Where the ranking's rank changes are all such an evaluation shows of the
/// year before, its ranking page is made again from the context its record keeps
/// (see `keptRanking(of:)`) and the rest kept; otherwise it is scored again. What
/// they, or a changed evaluation, are compared with need not be scored: a record
/// keeps the ranking (see PreviousEvaluation).
///
/// Anything that every page shows (site.yaml, the free pages, the theme) or the
/// build options changing empties the records, which makes every evaluation changed.
struct CarryOver {
    /// The previous build's records, by slug.
    let records: [String: EvaluationRecord]
    private(set) var changed: Set<String> = []
    /// Years in which what a comparison reads may have changed.
    private(set) var rippleYears: Set<Int> = []
    /// The ranking page's own context kept for an evaluation (see RankingPageRecord).
    private let rankingBase: (String) -> [String: TemplateValue]?
    /// Where the previous build's units' own scores are: a changed evaluation
    /// scores only the units whose results changed (see UnitReuse).
    let unitScores: UnitScoreStore?

    /// `digests`: every evaluation read in this build, slug → digest in hex;
    /// `pagesIntact`: whether the previous build's pages of an evaluation are still in the output;
    /// `rankingBase`: the ranking page's own context kept for an evaluation, if any;
    /// `unitScores`: where the units' own scores are kept.
    init(digests: [String: String], records: [String: EvaluationRecord], pagesIntact: (String) -> Bool,
         rankingBase: @escaping (String) -> [String: TemplateValue]? = { _ in nil }, unitScores: UnitScoreStore? = nil) {
        self.records = records
        self.rankingBase = rankingBase
        self.unitScores = unitScores
        for (slug, digest) in digests where records[slug]?.digest != digest || !pagesIntact(slug) {
            changed.insert(slug)
        }
        for (slug, record) in records where digests[slug] == nil {
            rippleYears.insert(record.year)
        }
    }

    /// What scoring a changed evaluation found: its year (it may have moved) and
    /// its comparison digest.
    mutating func learn(_ slug: String, year: Int, comparison: String) {
        guard changed.contains(slug) else { return }
        let record = records[slug]
        if record?.year != year || record?.comparison != comparison {
            rippleYears.insert(year)
            if let record { rippleYears.insert(record.year) }
        }
    }

    /// Whether the evaluation must be scored in this build.
    func scores(_ slug: String) -> Bool {
        guard !changed.contains(slug), let year = records[slug]?.year else { return true }
        return rippleYears.contains(year - 1)
    }

    /// For an unchanged evaluation that follows a change (which `scores`), the
    /// context its ranking page is made again from instead (see RankingPageRecord).
    func keptRanking(of slug: String) -> [String: TemplateValue]? {
        guard !changed.contains(slug), scores(slug) else { return nil }
        return rankingBase(slug)
    }

    /// Whether the evaluation's pages must be rendered again (the others are
    /// linked from the previous build).
    func renders(_ slug: String, year: Int) -> Bool {
        changed.contains(slug) || rippleYears.contains(year - 1)
    }
}
