import JixiaoCore

/// What a build of some evaluations only (`jixiao archive`) scores: those
/// evaluations and the ones of the year before each, whose rankings give the rank
/// changes (see SiteEvaluator.previous). The other folders have been loaded, so a
/// file that cannot be read still stops the build, as it stops `jixiao check`; they
/// are not scored, checked or rendered. Archiving one year of a province's site
/// does not score the other years, and an error in this year's results does not
/// stop last year's archive.
struct EvaluationScope {
    let archived: Set<String>

    /// Keeps the evaluations in scope, and the sources and warnings of their folders and of files outside any evaluation.
    func narrow(_ content: inout SiteContent, warnings: inout [Diagnostic]) {
        let years = Set(content.evaluations.filter { archived.contains($0.slug) }.compactMap(Self.declaredYear))
        content.evaluations.removeAll { evaluation in
            !archived.contains(evaluation.slug) && !(Self.declaredYear(evaluation).map { years.contains($0 + 1) } ?? false)
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
