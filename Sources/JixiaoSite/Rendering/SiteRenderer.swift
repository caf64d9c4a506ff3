import Foundation
import JixiaoCore
import JixiaoTemplate

/// The render step: turns the evaluated site into files, through the theme's
/// templates. Templates receive plain dictionaries (documented in
/// docs/themes.md); all numbers arrive already formatted, so a template never
/// computes anything.
struct SiteRenderer: Sendable {
    let site: EvaluatedSite
    var theme: Theme
    /// The site root, where content paths (attachments) are read from.
    let root: URL
    /// Downloads beyond CSV and JSON that the caller asked for (see DownloadFormat).
    var extraDownloads: [DownloadFormat] = []
    /// The previous build's pages, for an incremental build; nil renders everything.
    var cache: BuildCache?
    /// What the job being run has made so far; handed to the sink after each job.
    var files = SiteFiles()
    /// The fingerprints of what the job made (see BuildCache), for the next build.
    var fingerprints: [String: String] = [:]
    /// The ranking pages' own contexts, encoded (see RankingPageRecord), by slug, for the next build.
    var rankingRecords: [String: [UInt8]] = [:]
    /// The parts of the downloads made unit by unit, by path, for the next build (see DownloadPart).
    var downloadParts: [String: [DownloadPart]] = [:]
    var diagnostics: [Diagnostic] = []

    init(site: EvaluatedSite, theme: Theme, root: URL) {
        self.site = site
        self.theme = theme
        self.root = root
    }

    /// One piece of the site that renders independently of the others: the
    /// site-wide pages, one evaluation's own pages, one download, one score card.
    typealias Job = @Sendable (inout SiteRenderer) -> Void

    /// Renders the whole site into `sink`, on every core. Throws the diagnostics
    /// of every page that failed; returns how many files and pages were made.
    static func render(_ site: EvaluatedSite, theme: Theme, root: URL, extraDownloads: [DownloadFormat] = [],
                       cache: BuildCache? = nil, into sink: any SiteSink) throws(DiagnosticsError) -> RenderCount {
        var renderer = SiteRenderer(site: site, theme: theme, root: root)
        renderer.extraDownloads = extraDownloads
        renderer.cache = cache
        let (count, diagnostics) = ParallelJobs.run(renderer.jobs(), worker: renderer, sink: sink)
        if !diagnostics.isEmpty { throw DiagnosticsError(diagnostics) }
        return count
    }

    /// With a cache: records what `path` is made from, and says whether the
    /// previous build's file can stand in for it (then it is already added).
    mutating func reusesPrevious(_ path: String, madeFrom fingerprint: () -> StableHash) -> Bool {
        guard cache != nil else { return false }
        let hex = fingerprint().hex
        fingerprints[path] = hex
        return reusesPrevious(path, recordedAs: { $0 == hex })
    }

    /// With a cache: whether the previous build's file for `path` was recorded
    /// with a fingerprint that `matches` accepts (then it is added, and recorded
    /// again as `recording`, or as it was).
    mutating func reusesPrevious(_ path: String, recordedAs matches: (String) -> Bool, recording: String? = nil) -> Bool {
        guard let (previous, recorded) = cache?.reusable(path, matching: matches) else { return false }
        files.put(path, previous)
        fingerprints[path] = recording ?? recorded
        return true
    }

    func jobs() -> [Job] {
        // Starting from a previous build, most cards are kept at the cost of a look
        // each, and what is made again is a few large jobs: those go first, so that
        // no core is left alone with one of them after the cards. A first build
        // spreads the downloads among the cards instead (see `spread`).
        let largeFirst = cache?.isEmpty == false
        var jobs: [Job] = [{ $0.renderSiteWide() }]
        var cardsLast: [Job] = []
        for evaluation in site.evaluations {
            guard evaluation.rendersPages else {
                cardsLast.append { $0.keepPages(of: evaluation) }
                continue
            }
            jobs.append { $0.renderEvaluation(evaluation) }
            // With a cache, each unit's score is hashed once, for its card and the downloads.
            let scores = cache.map { _ in evaluation.result.units.concurrentMap(ScoreCardFingerprint.scores) }
            var cards: [Job] = []
            if evaluation.publishesUnits, let first = evaluation.result.units.first {
                let frame = frame(for: SitePaths.unit(evaluation.slug, first.unit.slug), evaluation: evaluation, tab: "ranking")
                // Every card shows it, on both cores.
                TemplateValue.object(frame).makeImmortal()
                let fingerprint = cache.map { _ in ScoreCardFingerprint(evaluation: evaluation, frame: frame, theme: theme, site: site) }
                cards = evaluation.result.units.indices.map { index in
                    let inputs = fingerprint.map { ($0, scores![index].whole) }
                    return { $0.renderUnit(evaluation.result.units[index], evaluation: evaluation, frame: frame, inputs: inputs) }
                }
            }
            let downloads = evaluation.publishesRanking ? downloadJobs(evaluation, scores: scores) : []
            if largeFirst {
                jobs += downloads
                cardsLast += cards
            } else {
                jobs += Self.spread(downloads, among: cards)
            }
        }
        return jobs + cardsLast
    }

    /// `few` placed evenly among `many`, the first before all of them. The
    /// downloads go among the score cards so that the two large ones (scores.csv
    /// and scores.xlsx hold tens of megabytes each while made) are seldom made on
    /// two cores at once, adding both to the build's memory.
    static func spread<Element>(_ few: [Element], among many: [Element]) -> [Element] {
        var result: [Element] = []
        result.reserveCapacity(few.count + many.count)
        var next = 0
        for (index, job) in many.enumerated() {
            while next < few.count && next * many.count / few.count <= index {
                result.append(few[next])
                next += 1
            }
            result.append(job)
        }
        return result + few[next...]
    }

    mutating func renderSiteWide() {
        for asset in theme.assets {
            copy("assets/\(asset.path)", from: asset.source)
        }
        page(SitePaths.home, template: "home", title: site.config.title, context: homeContext())
        page(SitePaths.archive, template: "archive", title: "考核归档", context: archiveContext())
        for publication in site.pages {
            let path = SitePaths.page(publication.document.stem)
            page(path, template: "page", title: publication.meta.title,
                 context: ["doc": documentContext(publication, page: path),
                           "body_html": markdown(publication.document, page: path, evaluation: nil)])
        }
    }

    /// An evaluation's own pages; its downloads and score cards are jobs of their own.
    mutating func renderEvaluation(_ evaluation: EvaluatedEvaluation) {
        let slug = evaluation.slug
        page(SitePaths.overview(slug), template: "overview", title: evaluation.settings.title,
             evaluation: evaluation, tab: "overview", context: overviewContext(evaluation))
        if let plan = evaluation.plan {
            let path = SitePaths.plan(slug)
            page(path, template: "plan", title: plan.meta.title, evaluation: evaluation, tab: "plan",
                 context: ["doc": documentContext(plan, page: path),
                           "body_html": markdown(plan.document, page: path, evaluation: evaluation)])
        }
        if evaluation.publishesIndicators {
            page(SitePaths.indicators(slug), template: "indicators", title: "\(evaluation.settings.title)指标体系",
                 evaluation: evaluation, tab: "indicators", context: indicatorsContext(evaluation))
        }
        if evaluation.publishesRanking {
            let base = rankingBase(evaluation, page: SitePaths.ranking(slug))
            // Kept unless another page shows the year before too: then that page would need scoring.
            if cache != nil && !Self.showsYearChange(evaluation) { rankingRecords[slug] = RankingPageRecord.encode(base) }
            renderRanking(evaluation, base: base)
        }
        for notice in evaluation.notices {
            let path = SitePaths.notice(slug, notice.document.stem)
            page(path, template: "notice", title: notice.meta.title, evaluation: evaluation, tab: "notices",
                 context: ["doc": documentContext(notice, page: path),
                           "body_html": markdown(notice.document, page: path, evaluation: evaluation)])
        }
        if let report = evaluation.report {
            let path = SitePaths.report(slug)
            page(path, template: "report", title: report.meta.title, evaluation: evaluation, tab: "report",
                 context: ["doc": documentContext(report, page: path),
                           "body_html": markdown(report.document, page: path, evaluation: evaluation)])
        }
        copyAttachments(of: evaluation)
    }

    mutating func renderRanking(_ evaluation: EvaluatedEvaluation, base: [String: TemplateValue]) {
        let path = SitePaths.ranking(evaluation.slug)
        page(path, template: "ranking", title: "\(evaluation.settings.title)结果排名", evaluation: evaluation, tab: "ranking",
             context: rankingContext(evaluation, base: base, page: path))
    }

    mutating func copyAttachments(of evaluation: EvaluatedEvaluation) {
        for attachment in evaluation.content.attachments {
            copy("\(evaluation.slug)/\(attachment)", from: root.appendingPathComponent("\(evaluation.content.folder)/\(attachment)"))
        }
    }

    /// `source` copied to `path`, or the previous build's copy while the source is
    /// as it was then (its size and modification time): an attachment of megabytes
    /// is not copied again by every build.
    mutating func copy(_ path: String, from source: URL) {
        let stamp = ContentLoader.stamp(ofFile: source.path)
        if stamp != "-", reusesPrevious(path, madeFrom: {
            var hash = StableHash()
            hash.add("copy")
            hash.add(stamp)
            return hash
        }) { return }
        files.copy(path, from: source)
    }

    /// An evaluation carried over from the previous build (see CarryOver): its
    /// pages and downloads are the previous build's files, linked, but for a
    /// ranking page made again from its record (`rankingBase`); its attachments
    /// are taken as in every build (see `copy`).
    mutating func keepPages(of evaluation: EvaluatedEvaluation) {
        guard let pages = cache?.pages(of: evaluation.slug) else {
            // CarryOver found them intact before carrying the evaluation over, so this is
            // not expected (a file removed since then fails to link, or is still the spare's).
            diagnostics.append(.error(at: SourceLocation(file: evaluation.content.folder),
                                      "上次生成的“\(evaluation.settings.title)”页面在生成过程中被改动",
                                      hint: "重新运行 jixiao build；仍不行时加 --no-cache。"))
            return
        }
        let remade = evaluation.rankingBase.map { _ in SitePaths.ranking(evaluation.slug) }
        for (path, file, entry) in pages where path != remade {
            files.put(path, file)
            fingerprints[path] = entry.fingerprint
        }
        if let base = evaluation.rankingBase, evaluation.publishesRanking { renderRanking(evaluation, base: base) }
        copyAttachments(of: evaluation)
    }

    /// `inputs`: with a cache, the evaluation's card fingerprint and the unit's
    /// score hashed, which tell whether the previous build's card can stand in
    /// without making this one's context.
    mutating func renderUnit(_ unit: UnitScore, evaluation: EvaluatedEvaluation, frame: [String: TemplateValue],
                             inputs: (cards: ScoreCardFingerprint, score: StableHash)? = nil) {
        let path = SitePaths.unit(evaluation.slug, unit.unit.slug)
        let fingerprint = inputs.flatMap { $0.cards.card(score: $0.score, selfReport: evaluation.selfReports[unit.unit.slug]) }
        if let fingerprint, reusesPrevious(path, madeFrom: { fingerprint }) { return }
        page(path, template: "unit", title: "\(unit.unit.name)考核得分", frame: frame, reuseChecked: fingerprint != nil,
             context: unitContext(unit, evaluation: evaluation, page: path))
    }

    /// Renders one page through its template and the base layout. `frame` is what
    /// the page shares with its siblings (see `frame(for:evaluation:tab:)`), when the
    /// caller made it once for many pages. `reuseChecked`: the caller already
    /// fingerprinted the page from its inputs and found it changed.
    mutating func page(_ path: String, template: String, title: String,
                       evaluation: EvaluatedEvaluation? = nil, tab: String? = nil,
                       frame: [String: TemplateValue]? = nil, reuseChecked: Bool = false, context: [String: Any]) {
        var full = frame ?? self.frame(for: path, evaluation: evaluation, tab: tab)
        full["page"] = ["title": .string(title), "path": .string(path)]
        for (key, value) in context { full[key] = TemplateValue(any: value) }
        let value = TemplateValue.object(full)
        let theme = theme
        if !reuseChecked, reusesPrevious(path, madeFrom: {
            var hash = theme.fingerprint
            hash.add(template)
            hash.add(value)
            return hash
        }) { return }
        do throws(DiagnosticsError) {
            files.add(path, data: try theme.renderData(template, value))
        } catch {
            diagnostics += error.diagnostics
        }
    }

    /// What every page in the same folder of the same evaluation (and tab) shares:
    /// the site, its navigation, the evaluation's tabs and the breadcrumbs. All score
    /// cards of an evaluation share one, made once rather than for each card.
    func frame(for path: String, evaluation: EvaluatedEvaluation?, tab: String?) -> [String: TemplateValue] {
        var frame = baseContext(page: path)
        if let evaluation {
            frame["evaluation"] = evaluationContext(evaluation, page: path, tab: tab)
            frame["sample_data"] = evaluation.settings.sampleData
            frame["has_breadcrumbs"] = true
            frame["breadcrumbs"] = [["title": "首页", "href": SitePaths.link(SitePaths.home, from: path)],
                                    ["title": evaluation.settings.title, "href": SitePaths.link(SitePaths.overview(evaluation.slug), from: path)]]
        }
        return frame.mapValues(TemplateValue.init(any:))
    }

    /// The link to a unit's score card for a template context, or `false` (so
    /// `{{#href}}` is skipped) when this build does not publish the cards.
    func unitHref(_ evaluation: EvaluatedEvaluation, _ unit: String, from path: String) -> TemplateValue {
        evaluation.publishesUnits ? .string(SitePaths.link(SitePaths.unit(evaluation.slug, unit), from: path)) : .bool(false)
    }

    func baseContext(page path: String) -> [String: Any] {
        let config = site.config
        var siteInfo: [String: Any] = ["title": config.title]
        siteInfo["description"] = config.description
        siteInfo["host"] = config.host
        siteInfo["organizer"] = config.organizer
        siteInfo["site_code"] = config.siteCode
        siteInfo["icp"] = config.icp
        siteInfo["police_record"] = config.policeRecord
        var nav: [[String: Any]] = [
            ["title": "首页", "href": SitePaths.link(SitePaths.home, from: path), "current": path == SitePaths.home],
            ["title": "考核归档", "href": SitePaths.link(SitePaths.archive, from: path), "current": path == SitePaths.archive],
        ]
        for publication in site.pages {
            let target = SitePaths.page(publication.document.stem)
            nav.append(["title": publication.meta.title, "href": SitePaths.link(target, from: path), "current": path == target])
        }
        return [
            "root": SitePaths.root(from: path),
            "site": siteInfo,
            "nav": nav,
            "generator": "jixiao",
            "internal_build": site.audience == .internal,
        ]
    }

    /// The evaluation's own navigation: overview, plan, indicators, ranking, notices, report.
    func evaluationContext(_ evaluation: EvaluatedEvaluation, page path: String, tab: String?) -> [String: Any] {
        let slug = evaluation.slug
        var tabs: [[String: Any]] = []
        func add(_ id: String, _ title: String, _ target: String) {
            tabs.append(["id": id, "title": title, "href": SitePaths.link(target, from: path), "current": id == tab])
        }
        add("overview", "概况", SitePaths.overview(slug))
        if evaluation.plan != nil { add("plan", "工作方案", SitePaths.plan(slug)) }
        if evaluation.publishesIndicators { add("indicators", "指标体系", SitePaths.indicators(slug)) }
        if evaluation.publishesRanking { add("ranking", "结果排名", SitePaths.ranking(slug)) }
        if let first = evaluation.notices.first { add("notices", "通知公告", SitePaths.notice(slug, first.document.stem)) }
        if evaluation.report != nil { add("report", "年度报告", SitePaths.report(slug)) }
        let settings = evaluation.settings
        var context: [String: Any] = [
            "slug": slug, "title": settings.title, "year": settings.year,
            "short_title": settings.shortTitle ?? settings.title,
            "unit_kind": settings.unitKind, "unit_count": settings.units.count,
            "href": SitePaths.link(SitePaths.overview(slug), from: path),
            "tabs": tabs, "sample_data": settings.sampleData,
        ]
        context["issuer"] = settings.issuer
        context["summary"] = settings.summary
        return context
    }
}
