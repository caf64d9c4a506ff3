import Foundation
import JixiaoCore
import JixiaoTemplate

/// The validate → evaluate step: turns read content into typed, scored
/// evaluations, collecting every diagnostic of every file.
enum SiteEvaluator {
    /// Scores every evaluation, or with `carryOver` only those it says must be
    /// scored; the others are read from their records, which keep their warnings
    /// (see `EvaluatedSite.carriedWarnings`). `root`: where the results
    /// files that loading skipped are read from when such an evaluation is scored
    /// after all (their texts are then in the site's `sources`).
    static func evaluate(_ content: SiteContent, root: URL? = nil, carryOver: CarryOver? = nil,
                         diagnostics: inout [Diagnostic]) -> EvaluatedSite {
        let pages = content.pages.map { publication($0, what: "页面", diagnostics: &diagnostics) }
        var plan = carryOver
        var scored: [String: (EvaluatedEvaluation?, [Diagnostic])] = [:]
        // Carried over but for the ranking page, made again from its record.
        var reranked: [String: [String: TemplateValue]] = [:]
        var completed: [(path: String, text: String)] = []
        // Those not to be scored at first are carried over unless a change ripples to
        // them: their settings and indicators (each assessing thousands of units at a
        // large site) are read on other threads while the changed ones are scored.
        let likelyCarried = content.evaluations.filter { plan?.scores($0.slug) == false && plan?.records[$0.slug] != nil }
        let readEarly = likelyCarried.isEmpty ? nil : Background { readUnscored(likelyCarried) }
        // Scoring a changed evaluation tells its year and whether what the next year
        // compares with changed, which may call for scoring its neighbours too.
        while true {
            var due: [EvaluationContent] = []
            for evaluation in content.evaluations
            where scored[evaluation.slug] == nil && reranked[evaluation.slug] == nil && plan?.scores(evaluation.slug) != false {
                if let base = plan?.keptRanking(of: evaluation.slug) {
                    reranked[evaluation.slug] = base
                } else {
                    due.append(evaluation)
                }
            }
            if due.isEmpty { break }
            var ready = due
            if let root {
                let read = ContentLoader.completeResults(of: &ready, root: root)
                diagnostics += read.diagnostics // what loading reports: not the evaluation's scoring
                completed += read.sources
            }
            for (slug, outcome) in zip(due.map(\.slug), evaluateInTurn(ready, unitScores: plan?.unitScores)) {
                scored[slug] = outcome
                if let evaluated = outcome.0, plan?.changed.contains(slug) == true {
                    plan?.learn(slug, year: evaluated.settings.year, comparison: EvaluationRecord.comparison(of: evaluated))
                }
            }
        }
        let carriedOver = content.evaluations.filter { scored[$0.slug] == nil && plan?.records[$0.slug] != nil }
        var carriedRead = readEarly?.wait() ?? [:]
        carriedRead.merge(readUnscored(carriedOver.filter { carriedRead[$0.slug] == nil })) { first, _ in first }
        var evaluations: [EvaluatedEvaluation] = []
        // Diagnostics are merged in folder order.
        for evaluation in content.evaluations {
            if let (evaluated, found) = scored[evaluation.slug] {
                diagnostics += found
                guard var evaluated else { continue }
                evaluated.scoringDiagnostics = found
                evaluated.rendersPages = plan?.renders(evaluation.slug, year: evaluated.settings.year) ?? true
                evaluations.append(evaluated)
            } else if let record = plan?.records[evaluation.slug] {
                guard var carried = carriedRead[evaluation.slug] ?? nil else { continue }
                carried.carried = record
                carried.rendersPages = false
                carried.rankingBase = reranked[evaluation.slug]
                evaluations.append(carried)
            }
        }
        var ordered = evaluations.sorted {
            ($0.settings.year, $1.slug) > ($1.settings.year, $0.slug)
        }
        for index in ordered.indices where ordered[index].carried == nil || ordered[index].rankingBase != nil {
            ordered[index].previous = previous(of: ordered[index], among: ordered)
        }
        var site = EvaluatedSite(config: content.config, pages: pages, evaluations: ordered)
        site.sources = completed
        return site
    }

    /// What a carried-over evaluation needs (settings, indicators, documents), by slug, read on every core.
    static func readUnscored(_ evaluations: [EvaluationContent]) -> [String: EvaluatedEvaluation?] {
        Dictionary(zip(evaluations.map(\.slug), evaluations.concurrentMap { evaluation in
            var ignored: [Diagnostic] = [] // the record has what scoring it reported
            return self.evaluate(evaluation, scoring: false, diagnostics: &ignored)
        })) { first, _ in first }
    }

    /// Scores the evaluations one after another, each on every core, while the
    /// next one's results are read on another thread. Reading a results table is
    /// one long sequential pass; scoring one evaluation per core instead left a
    /// core idle for the last one (scoring inside an evaluation cannot spread to
    /// it then), and reading one ahead holds no more in memory than two at once.
    /// The outcomes are in the order of `due`, each with its own diagnostics.
    /// `unitScores`: the previous build's units, in a build with a cache (see UnitReuse).
    static func evaluateInTurn(_ due: [EvaluationContent], unitScores: UnitScoreStore? = nil) -> [(EvaluatedEvaluation?, [Diagnostic])] {
        // One evaluation's `read`, started on another thread at once.
        func readAhead(_ content: EvaluationContent) -> Background<(results: ReadEvaluation?, diagnostics: [Diagnostic])> {
            Background {
                var diagnostics: [Diagnostic] = []
                let results = read(content, scoring: true, unitScores: unitScores, diagnostics: &diagnostics)
                return (results, diagnostics)
            }
        }
        var outcomes: [(EvaluatedEvaluation?, [Diagnostic])] = []
        var next = due.first.map(readAhead)
        for index in due.indices {
            var read = Optional(next!.wait())
            next = index + 1 < due.count ? readAhead(due[index + 1]) : nil
            var found = read!.diagnostics
            let evaluated = read!.results.flatMap { score($0, content: due[index], unitScores: unitScores, diagnostics: &found) }
            outcomes.append((evaluated, found))
            // Tens of thousands of results, freed while the build goes on.
            dropInBackground(read.take())
        }
        return outcomes
    }

    /// Validates and scores one evaluation. Without `scoring`, its results are not
    /// read: what a carried-over evaluation needs (settings, indicators, documents).
    static func evaluate(_ content: EvaluationContent, scoring: Bool = true,
                         diagnostics: inout [Diagnostic]) -> EvaluatedEvaluation? {
        guard let read = read(content, scoring: scoring, diagnostics: &diagnostics) else { return nil }
        return score(read, content: content, diagnostics: &diagnostics)
    }

    /// What an evaluation is scored from, once its files are interpreted.
    struct ReadEvaluation: Sendable {
        var settings: EvaluationSettings
        var system: IndicatorSystem?
        /// Without the units that `units` reuses.
        var results: [String: UnitResults]
        var selfReports: [String: ContentDocument]
        /// In a build with a cache, the units scored by the previous build and reused (see UnitReuse).
        var units: UnitReuse?
    }

    /// Settings, indicator system and results of one evaluation, checked as they
    /// are read; nil when the settings cannot be read or the results table is broken.
    /// With `unitScores`, the results of units that the previous build scored as
    /// they are now are not read (see UnitReuse).
    static func read(_ content: EvaluationContent, scoring: Bool, unitScores: UnitScoreStore? = nil,
                     diagnostics: inout [Diagnostic]) -> ReadEvaluation? {
        // The previous build's unit scores (megabytes), read while the settings are.
        let previous = scoring ? unitScores.map { store in
            Background { store.previous(content.slug, definitions: content.definitionsDigest.hex) }
        } : nil
        guard let settings = EvaluationSettings.decode(content.settings, diagnostics: &diagnostics) else { return nil }
        var system: IndicatorSystem?
        if let indicators = content.indicators {
            system = IndicatorSystem.decode(indicators, diagnostics: &diagnostics)
        } else if !content.indicatorDocuments.isEmpty {
            system = IndicatorSystem.decode(
                files: content.indicatorFiles.map { (frontMatter: $0.metadata, body: $0.body) },
                index: content.indicatorIndex?.metadata, diagnostics: &diagnostics)
        }
        var units: UnitReuse?
        if let previous {
            units = UnitReuse(content: content, settings: settings, system: system, previous: previous.wait)
        }
        var parts: [String: [UnitResults]] = [:]
        if scoring, let source = content.resultsTable {
            // Each row is read into the results, checked for placeholders and dropped:
            // the rows of a large table never all exist at once. A large table is read
            // in pieces on every core, taken in turn after.
            struct Piece: Sendable {
                var header: CSVHeader
                var table: ResultsReader.TableResults
                var found: [Diagnostic] = []
                var placeholders: [Diagnostic] = []
            }
            let pieces: [Piece]
            do throws(DiagnosticsError) {
                pieces = try CSVSource.forEachRow(text: units?.tableText(source.text) ?? source.text, file: source.path,
                                                  into: { Piece(header: $0, table: .init(columns: $0.names, file: $0.file)) }) { piece, row in
                    piece.table.add(row.cells, line: row.line, diagnostics: &piece.found)
                    PlaceholderCheck.checkCells(of: row, in: piece.header, diagnostics: &piece.placeholders)
                }
            } catch {
                diagnostics += error.diagnostics // what the rows read so far gave is moot
                return nil
            }
            var table = pieces[0].table
            var found: [Diagnostic] = []
            var placeholders: [Diagnostic] = []
            for (index, piece) in pieces.enumerated() {
                found += piece.found
                if index > 0 { table.append(piece.table, diagnostics: &found) }
                placeholders += piece.placeholders
            }
            for (slug, results) in table.byUnit {
                parts[slug, default: []].append(results)
            }
            // A cell that already has an error is not also reported as a placeholder.
            let errorPlaces = Set(found.filter { $0.severity == .error }.map(\.location))
            placeholders.removeAll { errorPlaces.contains($0.location) }
            units?.attribute(found)
            units?.attribute(placeholders)
            diagnostics += found
            diagnostics += placeholders
        }
        var selfReports: [String: ContentDocument] = [:]
        for document in content.unitDocuments {
            selfReports[document.stem] = document
            guard scoring, units?.reused[document.stem] == nil else { continue }
            var found: [Diagnostic] = []
            let results = ResultsReader.unitResults(frontMatter: document.metadata, unitSlug: document.stem,
                                                    diagnostics: &found)
            parts[document.stem, default: []].append(results)
            units?.note(found, of: document.stem)
            diagnostics += found
        }
        var results: [String: UnitResults] = [:]
        for slug in parts.keys.sorted() {
            var found: [Diagnostic] = []
            let merged = ResultsReader.merge(parts[slug]!, diagnostics: &found)
            results[slug] = merged
            units?.note(found, of: slug)
            if merged.gradeDecision != nil { units?.keepOut(slug) }
            diagnostics += found
        }
        units?.doneReading()
        if system == nil && !results.isEmpty {
            diagnostics.append(.error(at: SourceLocation(file: content.folder), "有考核结果但没有指标体系",
                                      hint: "添加 indicators.yaml（或 indicators/ 文件夹），结果中的指标编号须在其中。"))
        }
        return ReadEvaluation(settings: settings, system: system, results: results, selfReports: selfReports, units: units)
    }

    /// Scores what `read` gave (every unit on every core) and puts the evaluation together.
    static func score(_ read: ReadEvaluation, content: EvaluationContent, unitScores: UnitScoreStore? = nil,
                      diagnostics: inout [Diagnostic]) -> EvaluatedEvaluation? {
        let result: EvaluationResult
        var saved: Background<Void>?
        if let units = read.units, let unitScores {
            var scoring: [String: [Diagnostic]]? = [:]
            result = Evaluator.evaluate(settings: read.settings, system: read.system, results: read.results,
                                        reusing: units.reused, shared: units.shared, diagnostics: &diagnostics,
                                        unitDiagnostics: &scoring)
            // Written now, beside the rest of the build, rather than held until it is done (megabytes each).
            let (slug, definitions, found) = (content.slug, content.definitionsDigest.hex, scoring ?? [:])
            saved = Background {
                unitScores.save(slug, units.entries(for: result, scoring: found), definitions: definitions)
            }
        } else {
            result = Evaluator.evaluate(settings: read.settings, system: read.system, results: read.results,
                                        diagnostics: &diagnostics)
            unitScores?.remove(content.slug) // one that could not be scored unit by unit has none
        }
        var scored = content
        scored.resultsTable = nil // read and scored; rendering needs only the results
        var evaluated = EvaluatedEvaluation(
            content: scored,
            result: result,
            plan: content.plan.map { publication($0, what: "工作方案", diagnostics: &diagnostics) },
            notices: content.notices.map { publication($0, what: "通知公告", diagnostics: &diagnostics) },
            report: content.report.map { publication($0, what: "年度绩效报告", diagnostics: &diagnostics) },
            selfReports: read.selfReports)
        evaluated.audiencePolicy = AudiencePolicy.read(content.settings["audience"], diagnostics: &diagnostics)
        evaluated.reusedUnits = read.units?.reused.count ?? 0
        evaluated.unitScoresSaved = saved
        return evaluated
    }

    /// The previous year's evaluation with results that `evaluation` is compared with:
    /// the one whose folder name differs only by the year (2018-guangxi-grain for
    /// 2019-guangxi-grain), or else the one that assesses exactly the same units.
    static func previous(of evaluation: EvaluatedEvaluation, among all: [EvaluatedEvaluation]) -> PreviousEvaluation? {
        guard evaluation.hasResults else { return nil }
        let year = evaluation.settings.year
        // A carried-over evaluation is a candidate too: its record keeps its ranking,
        // and its settings (the units it assesses) are read in every build.
        let candidates = all.filter { $0.settings.year == year - 1 && $0.hasResults }
            .sorted { $0.slug < $1.slug }
        func stem(_ slug: String) -> String {
            let prefix = slug.prefix { $0.isNumber }
            return prefix.count == 4 ? String(slug.dropFirst(4)) : slug
        }
        let match = candidates.first { stem($0.slug) == stem(evaluation.slug) && stem($0.slug) != $0.slug }
            ?? candidates.first { YearChange.sameUnits($0.result, evaluation.result) }
        return match.map { PreviousEvaluation(slug: $0.slug, title: $0.settings.title, year: $0.settings.year,
                                              ranking: $0.rankingEntries) }
    }

    static func publication(_ document: ContentDocument, what: String, diagnostics: inout [Diagnostic]) -> Publication {
        Publication(document: document, meta: DocumentMetadata.read(document, what: what, diagnostics: &diagnostics))
    }
}
