/// Every path the site will have, known before rendering, so that links can be
/// checked while the author still looks at the content. Of an audience's view
/// (see AudienceFilter), the paths of that audience's build.
struct SitePageIndex: Sendable {
    private(set) var paths: Set<String> = []
    /// Folders whose files are not known here (theme assets) or that may gain
    /// extra downloads; links into them are not checked.
    private(set) var openPrefixes: [String] = ["assets/"]

    init(_ site: EvaluatedSite) {
        paths = [SitePaths.home, SitePaths.archive]
        for page in site.pages { paths.insert(SitePaths.page(page.document.stem)) }
        for evaluation in site.evaluations {
            let slug = evaluation.slug
            paths.insert(SitePaths.overview(slug))
            if evaluation.plan != nil { paths.insert(SitePaths.plan(slug)) }
            if evaluation.publishesIndicators { paths.insert(SitePaths.indicators(slug)) }
            if evaluation.publishesRanking {
                paths.insert(SitePaths.ranking(slug))
                for name in ["ranking.csv", "ranking.json", "scores.csv"] { paths.insert(SitePaths.download(slug, name)) }
                openPrefixes.append(SitePaths.download(slug, "ranking."))
            }
            if evaluation.publishesUnits {
                for unit in evaluation.scoredUnits { paths.insert(SitePaths.unit(slug, unit)) }
            }
            for notice in evaluation.notices { paths.insert(SitePaths.notice(slug, notice.document.stem)) }
            if evaluation.report != nil { paths.insert(SitePaths.report(slug)) }
            for attachment in evaluation.content.attachments { paths.insert("\(slug)/\(attachment)") }
        }
    }

    /// Stops checking links into `prefix`.
    mutating func allow(prefix: String) {
        openPrefixes.append(prefix)
    }

    func contains(_ path: String) -> Bool {
        paths.contains(path) || openPrefixes.contains { path.hasPrefix($0) }
    }

    /// The known page most like `path`, for a "did you mean" hint.
    func closest(to path: String) -> String? {
        Similarity.closest(path, among: Array(paths))
    }
}
