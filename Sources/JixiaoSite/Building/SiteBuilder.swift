import Foundation
import CJixiaoSystem
import JixiaoCore

/// The whole pipeline, load → validate → evaluate → render → write, as one call.
public struct SiteBuilder {
    public struct Options: Sendable {
        public var root: URL
        public var output: URL
        /// Overrides the theme named in site.yaml.
        public var theme: String?
        /// Downloads beyond CSV and JSON written beside each ranking (e.g. XLSX).
        public var extraDownloads: [DownloadFormat]
        /// Who the build is for; nil for site.yaml's default_audience (public unless set).
        public var audience: Audience? = nil
        /// Only these evaluations (folder names), for a self-contained archive of one; nil for all.
        public var onlyEvaluations: Set<String>? = nil
        /// Where the build cache lives (see BuildCache), for an incremental build;
        /// nil renders every page. `jixiao build` uses `.jixiao-cache/` at the root,
        /// `jixiao serve` `.jixiao-cache/serve/cache` (see PreviewFolder).
        public var cache: URL? = nil

        public init(root: URL, output: URL? = nil, theme: String? = nil, extraDownloads: [DownloadFormat] = []) {
            self.root = root
            self.output = output ?? root.appendingPathComponent("site")
            self.theme = theme
            self.extraDownloads = extraDownloads
        }
    }

    public struct Report: Sendable {
        public var pages: Int
        public var files: Int
        /// Files kept from the previous build (incremental builds).
        public var reused: Int
        /// Evaluations whose files did not change, carried over unscored (see CarryOver).
        public var carriedEvaluations: Int
        /// Units of the evaluations scored whose results did not change, not scored again (see UnitReuse).
        public var reusedUnits: Int
        public var warnings: BuildWarnings
        public var seconds: Double
    }

    /// Reads, checks and evaluates everything (load → validate → evaluate), or
    /// what `scope` names. Throws every error found; warnings come back with the site.
    public static func evaluate(root: URL, scope: EvaluationScope? = nil) throws(DiagnosticsError) -> (EvaluatedSite, warnings: [Diagnostic]) {
        var timer = PhaseTimer()
        let (content, loadWarnings) = try load(root: root, storedResults: nil, scope: scope)
        timer.mark("load")
        return try evaluate(content, loadWarnings: loadWarnings, root: root, timer: &timer)
    }

    static func evaluate(_ content: SiteContent, loadWarnings: [Diagnostic], root: URL, carryOver: CarryOver? = nil,
                         timer: inout PhaseTimer) throws(DiagnosticsError) -> (EvaluatedSite, warnings: [Diagnostic]) {
        var diagnostics = loadWarnings
        var site = SiteEvaluator.evaluate(content, root: root, carryOver: carryOver, diagnostics: &diagnostics)
        // The rows read while scoring are freed by now, but glibc's allocator keeps
        // freed memory for reuse by the threads that scored: handed back, it is not
        // added to the peak of what follows (tcmalloc, the command's, needs no help).
        jixiao_release_free_memory()
        timer.mark("evaluate")
        ContentChecks.run(site, root: root, diagnostics: &diagnostics)
        timer.mark("checks")
        site.sources = content.sources + site.sources // and the results files read while scoring
        diagnostics.sortForReport()
        if diagnostics.contains(where: { $0.severity == .error }) {
            throw DiagnosticsError(BuildWarnings(found: diagnostics, carried: site.carriedWarnings).all)
        }
        return (site, diagnostics)
    }

    /// The content, or what `scope` names of it: the others' results files are not
    /// even read (see ContentLoader.defersResults), and the rest is dropped.
    static func load(root: URL, storedResults: [String: ResultsStamp.Stored]?, scope: EvaluationScope?)
        throws(DiagnosticsError) -> (SiteContent, warnings: [Diagnostic]) {
        var (content, warnings) = try ContentLoader.load(root: root, storedResults: storedResults, defersResults: scope != nil)
        scope?.narrow(&content, warnings: &warnings)
        return (content, warnings)
    }

    /// Everything before rendering: the evaluated view for the build's audience,
    /// its theme, the warnings so far and the previous build's cache.
    struct Prepared {
        var site: EvaluatedSite
        var theme: Theme
        var audience: Audience
        var warnings: BuildWarnings
        var cache: BuildCache?
        /// In a build of some evaluations only, the links of its pages to pages it leaves out.
        var linksLeaving: [Diagnostic] = []
    }

    /// `incremental`: open the cache of `options.cache` and carry over what it
    /// says did not change. `readOnly`: change nothing in the cache (`jixiao check`).
    static func prepare(_ options: Options, incremental: Bool = false, readOnly: Bool = false) throws(DiagnosticsError) -> Prepared {
        var timer = PhaseTimer()
        // The previous build's cache is read while the content is loaded.
        let stored = incremental ? options.cache.map { folder in Background { BuildCache.read(folder: folder) } } : nil
        let results = incremental ? options.cache.flatMap(ResultsStamp.read) : nil
        var (content, loadWarnings) = try load(
            root: options.root, storedResults: stored == nil ? nil : results?.stamps ?? [:],
            scope: options.onlyEvaluations.map { EvaluationScope($0, withYearBefore: true) })
        timer.mark("load")
        let audience = options.audience ?? content.config.defaultAudience
        // The theme is part of what the cache compares; its errors are reported
        // after the content's, as an author fixes them in that order.
        let theme: Result<Theme, DiagnosticsError>
        do throws(DiagnosticsError) {
            theme = .success(try Theme.load(root: options.root, name: options.theme ?? content.config.theme))
        } catch {
            theme = .failure(error)
        }
        var cache: BuildCache?
        var carryOver: CarryOver?
        if let stored, let folder = options.cache, case .success(let theme) = theme {
            var shared = content.digest
            shared.add(theme.fingerprint)
            let key = cacheKey(options, audience: audience, theme: theme, config: content.config)
            if results?.key != key.hex {
                // Stamps stored by a build with other options, whose checks may have
                // differed (the privacy guard is for public builds): read everything.
                try complete(&content, loadWarnings: &loadWarnings, root: options.root)
            }
            var opened = BuildCache.open(stored.wait(), folder: folder, output: options.output, key: key, site: shared)
            let digests = Dictionary(content.evaluations.map { ($0.slug, $0.digest.hex) }) { first, _ in first }
            // Those whose files did not change are carried over if their pages are intact.
            opened.checkPages(of: digests.filter { opened.records[$0.key]?.digest == $0.value }.keys.sorted())
            let kept = opened // the ranking contexts are read later, from this cache as opened
            var unitScores = opened.unitScoreStore
            unitScores.readOnly = readOnly
            carryOver = CarryOver(digests: digests, records: opened.records, pagesIntact: { opened.checkPages(of: $0) },
                                  rankingBase: { kept.rankingBase(of: $0) }, unitScores: unitScores)
            cache = opened
            timer.mark("cache") // what reading the cache took beyond loading the content
        }
        // The privacy guard protects what reaches the public; internal builds may carry
        // contacts. Starting from a previous build, it reads the files loaded so far
        // while they are scored, and after scoring only those read since. A first
        // build checks them after scoring, which is when its memory is at its lowest.
        let sourcesChecked = cache?.isEmpty == false ? content.sources.count : 0
        let privacyFound = audience == .public && sourcesChecked > 0
            ? Background { [sources = content.sources, policy = content.config.privacy] in PrivacyGuard.check(sources, policy: policy) }
            : nil
        var (evaluated, diagnostics) = try evaluate(content, loadWarnings: loadWarnings, root: options.root,
                                                    carryOver: carryOver, timer: &timer)
        jixiao_release_free_memory()   // what the checks freed, as after scoring
        let carried = evaluated.carriedWarnings
        if audience == .public {
            let found = (privacyFound?.wait() ?? [])
                + PrivacyGuard.check(Array(evaluated.sources.dropFirst(sourcesChecked)), policy: evaluated.config.privacy)
            if !found.isEmpty {
                // `evaluate` sorted the rest: tens of thousands at a large site, not sorted again for nothing.
                diagnostics += found
                diagnostics.sortForReport()
            }
            if found.contains(where: { $0.severity == .error }) {
                throw DiagnosticsError(BuildWarnings(found: diagnostics, carried: carried).all)
            }
        }
        evaluated.sources = []
        var site = AudienceFilter.view(evaluated, for: audience)
        if audience == .public {
            let withheld = ContentChecks.withheldLinks(in: site, of: evaluated)
            if !withheld.isEmpty {
                throw DiagnosticsError(BuildWarnings(found: (diagnostics + withheld).sortedForReport(), carried: carried).all)
            }
        }
        var linksLeaving: [Diagnostic] = []
        if let only = options.onlyEvaluations {
            site.evaluations.removeAll { !only.contains($0.slug) }
            linksLeaving = ContentChecks.linksLeaving(site, of: evaluated, root: options.root)
        }
        timer.mark("privacy")
        return Prepared(site: site, theme: try theme.get(), audience: audience,
                        warnings: BuildWarnings(found: diagnostics, carried: carried), cache: cache,
                        linksLeaving: linksLeaving)
    }

    /// Reads the results files that loading skipped (see ResultsStamp), as a build without cache would have.
    static func complete(_ content: inout SiteContent, loadWarnings: inout [Diagnostic], root: URL) throws(DiagnosticsError) {
        let read = ContentLoader.completeResults(of: &content.evaluations, root: root)
        loadWarnings += read.diagnostics
        content.sources += read.sources
        if loadWarnings.contains(where: { $0.severity == .error }) {
            throw DiagnosticsError(loadWarnings.sortedForReport())
        }
    }

    /// Renders a prepared build into `sink`; public builds pass through the privacy mask.
    static func render(_ prepared: Prepared, _ options: Options, cache: BuildCache? = nil,
                       into sink: any SiteSink) throws(DiagnosticsError) -> RenderCount {
        let target: any SiteSink = prepared.audience == .public && prepared.site.config.privacy.masksAnything
            ? MaskingSink(next: sink, policy: prepared.site.config.privacy) : sink
        do throws(DiagnosticsError) {
            return try SiteRenderer.render(prepared.site, theme: prepared.theme, root: options.root,
                                           extraDownloads: options.extraDownloads, cache: cache, into: target)
        } catch {
            throw DiagnosticsError((prepared.warnings.all + error.diagnostics).sortedForReport())
        }
    }

    /// Evaluates and renders the site in memory, without writing anything.
    public static func make(_ options: Options) throws(DiagnosticsError) -> (SiteFiles, warnings: [Diagnostic]) {
        let sink = CollectingSink()
        let made = try make(options, into: sink)
        return (sink.collected, made.warnings.all)
    }

    /// Evaluates and renders the site into `sink` (called from several threads at
    /// once), without writing anything; for a build of some evaluations only
    /// (`options.onlyEvaluations`, an archive), also the links of its pages to
    /// pages it leaves out: warnings `jixiao check` cannot give, as it checks the whole site.
    public static func make(_ options: Options, into sink: any SiteSink) throws(DiagnosticsError)
        -> (warnings: BuildWarnings, linksLeaving: [Diagnostic]) {
        let prepared = try prepare(options)
        _ = try render(prepared, options, into: sink)
        return (prepared.warnings, prepared.linksLeaving)
    }

    /// Everything a build does except writing: every page is rendered (so template
    /// errors are found) and dropped at once. What `jixiao check` runs. With
    /// `options.cache`, what the build of `options.output` kept is not scored or
    /// rendered again, as in that build, which found no error in it; the cache is
    /// read, never written. The diagnostics are the same either way.
    public static func check(_ options: Options) throws(DiagnosticsError) -> [Diagnostic] {
        let prepared = try prepare(options, incremental: true, readOnly: true)
        // With nothing of that build to take, the extra downloads (XLSX) are left out:
        // making them reports nothing but a failure to make them, and took a seventh
        // of a 10,000-page check. (They are part of the cache's key, so not before.)
        var rendering = options
        if prepared.cache?.isEmpty != false { rendering.extraDownloads = [] }
        _ = try render(prepared, rendering, cache: prepared.cache, into: DiscardingSink())
        let warnings = prepared.warnings.all
        dropInBackground(consume prepared)
        return warnings
    }

    /// Builds and writes the site, streaming pages into a staging folder as they
    /// are rendered; the previous output stays untouched unless everything succeeded.
    public static func build(_ options: Options) throws(DiagnosticsError) -> Report {
        let start = Date()
        let prepared = try prepare(options, incremental: true)
        let cache = prepared.cache
        var timer = PhaseTimer()
        // With a cache, the site this build replaces is kept in it to start the next build from.
        let staging = try StagingFolder(for: options.output, spare: options.cache?.appendingPathComponent(StagingFolder.spareName))
        let count: RenderCount
        do throws(DiagnosticsError) {
            count = try render(prepared, options, cache: cache, into: staging)
            timer.mark("render")
            // Forget the old cache before the swap: if the process dies between the
            // swap and the save, the next build starts clean rather than trusting
            // entries that describe the previous site.
            cache?.remove()
            for evaluation in prepared.site.evaluations { evaluation.unitScoresSaved?.wait() }
            let records = prepared.site.evaluations.map(EvaluationRecord.init)
            let results = resultsStamps(prepared)
            try staging.commit(keepingSpare: count.reused * 2 >= count.files) {
                cache?.save(count.cacheEntries, records: records, rankings: count.rankingRecords,
                            downloadParts: count.downloadParts, results: results)
            }
        } catch {
            staging.discard()
            throw error
        }
        timer.mark("commit")
        let report = Report(pages: count.pages, files: count.files, reused: count.reused,
                            carriedEvaluations: prepared.site.evaluations.count { $0.carried != nil },
                            reusedUnits: prepared.site.evaluations.reduce(0) { $0 + $1.reusedUnits },
                            warnings: prepared.warnings, seconds: Date().timeIntervalSince(start))
        dropInBackground((consume prepared, consume cache, consume count))
        return report
    }

    /// The stamps of the results files that the next build need not read (see
    /// ResultsStamp): of evaluations whose results files gave no diagnostic but
    /// their scoring's (which the records repeat) and whose self-reports have no link.
    static func resultsStamps(_ prepared: Prepared) -> [String: ResultsStamp.Stored] {
        // By file first: a large site has tens of thousands of warnings in a few files.
        func byOwner(_ byFile: [String: Int]) -> [String: Int] {
            var counts: [String: Int] = [:]
            for (file, count) in byFile {
                if let slug = EvaluationContent.resultsOwner(of: file) { counts[slug, default: 0] += count }
            }
            return counts
        }
        let all = byOwner(prepared.warnings.countsByFile)
        var stamps: [String: ResultsStamp.Stored] = [:]
        for evaluation in prepared.site.evaluations {
            let content = evaluation.content
            guard let stamp = content.resultsStamp, !content.resultsMayHaveLinks else { continue }
            let scoring = byOwner(evaluation.carried?.warnings.countsByFile ?? evaluation.scoringDiagnostics.countsByFile())
            guard all[evaluation.slug] == scoring[evaluation.slug] else { continue }
            stamps[evaluation.slug] = ResultsStamp.Stored(stamp: stamp, digest: content.resultsDigest)
        }
        return stamps
    }

    /// Everything about a build that the pages' fingerprints do not cover: where it
    /// goes, for whom, with which downloads and masking, by which jixiao binary.
    static func cacheKey(_ options: Options, audience: Audience, theme: Theme, config: SiteConfig) -> StableHash {
        var key = StableHash()
        key.add(options.output.standardizedFileURL.path)
        key.add(audience.rawValue)
        key.add(theme.name)
        key.add(options.extraDownloads.map(\.fileName).joined(separator: ","))
        key.add(options.onlyEvaluations?.sorted().joined(separator: ",") ?? "*")
        key.add(String(describing: config.privacy))
        key.add(BuildCache.executableIdentity)
        return key
    }
}
