import JixiaoCore

/// What a command about some evaluations only scores: `jixiao archive` (those
/// evaluations and the ones of the year before each, whose rankings give the rank
/// changes, see SiteEvaluator.previous), `score`, `export` and `import results`
/// (the evaluation alone). The other folders have been loaded but for their
/// results files, which are read only for the evaluations scored (see
/// ContentLoader.defersResults), so a plan or indicator file that cannot be read
/// still stops the command, as it stops `jixiao check`; they are not scored,
/// checked or rendered. Archiving one year of a province's site does
/// not score the other years, and an error in this year's results does not stop
/// last year's archive. A name that is no evaluation's narrows nothing: the
/// command then says so and lists them all, as before.
public struct EvaluationScope: Sendable {
    let evaluations: Set<String>
    let withYearBefore: Bool

    public init(_ evaluations: Set<String>, withYearBefore: Bool) {
        self.evaluations = evaluations
        self.withYearBefore = withYearBefore
    }

    /// Keeps the evaluations in scope, and the sources and warnings of their folders and of files outside any evaluation.
    func narrow(_ content: inout SiteContent, warnings: inout [Diagnostic]) {
        guard content.evaluations.contains(where: { evaluations.contains($0.slug) }) else { return }
        let years = withYearBefore ? Set(content.evaluations.filter { evaluations.contains($0.slug) }.compactMap(Self.declaredYear)) : []
        content.evaluations.removeAll { evaluation in
            !evaluations.contains(evaluation.slug) && !(Self.declaredYear(evaluation).map { years.contains($0 + 1) } ?? false)
        }
        let kept = Set(content.evaluations.map(\.slug))
        func leftOut(_ path: String) -> Bool {
            Self.evaluationFolder(of: path).map { !kept.contains($0) } ?? false
        }
        content.sources.removeAll { leftOut($0.path) }
        warnings.removeAll { leftOut($0.location.file) }
    }

    /// The year evaluation.yaml gives, read as scoring will read it; nil when it
    /// gives none (scoring reports that, for an archived evaluation).
    static func declaredYear(_ evaluation: EvaluationContent) -> Int? {
        evaluation.settings["year"]?.text.flatMap { Int($0) }
    }

    /// The evaluation folder of a file (`content/<slug>/…`); nil for site.yaml and pages.
    static func evaluationFolder(of path: String) -> String? {
        let parts = path.split(separator: "/", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "content", parts[1] != "pages" else { return nil }
        return String(parts[1])
    }
}
