import JixiaoCore

/// The validate → evaluate step: turns read content into typed, scored
/// evaluations, collecting every diagnostic of every file.
enum SiteEvaluator {
    /// Scores every evaluation, or with `carryOver` only those it says must be
    /// scored; the others are read from their records.
    static func evaluate(_ content: SiteContent, carryOver: CarryOver? = nil,
                         diagnostics: inout [Diagnostic]) -> EvaluatedSite {
        let pages = content.pages.map { publication($0, what: "页面", diagnostics: &diagnostics) }
        var plan = carryOver
        var scored: [String: (EvaluatedEvaluation?, [Diagnostic])] = [:]
        // Scoring a changed evaluation tells its year and whether what the next year
        // compares with changed, which may call for scoring its neighbours too.
        while true {
            let due = content.evaluations.filter { scored[$0.slug] == nil && plan?.scores($0.slug) != false }
            if due.isEmpty { break }
            // Each evaluation is scored on its own core.
            for (slug, outcome) in zip(due.map(\.slug), due.concurrentMap(evaluateFound)) {
                scored[slug] = outcome
                if let evaluated = outcome.0, plan?.changed.contains(slug) == true {
                    plan?.learn(slug, year: evaluated.settings.year, comparison: EvaluationRecord.comparison(of: evaluated))
                }
            }
        }
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
                var ignored: [Diagnostic] = [] // the record has what scoring it reported
                guard var carried = self.evaluate(evaluation, scoring: false, diagnostics: &ignored) else { continue }
                carried.carried = record
                carried.rendersPages = false
                diagnostics += record.diagnostics
                evaluations.append(carried)
            }
        }
        var ordered = evaluations.sorted {
            ($0.settings.year, $1.slug) > ($1.settings.year, $0.slug)
        }
        for index in ordered.indices where ordered[index].carried == nil {
            ordered[index].previous = previous(of: ordered[index], among: ordered)
        }
        return EvaluatedSite(config: content.config, pages: pages, evaluations: ordered)
    }

    static func evaluateFound(_ content: EvaluationContent) -> (EvaluatedEvaluation?, [Diagnostic]) {
        var found: [Diagnostic] = []
        return (evaluate(content, diagnostics: &found), found)
    }

    /// Validates and scores one evaluation. Without `scoring`, its results are not
    /// read: what a carried-over evaluation needs (settings, indicators, documents).
    static func evaluate(_ content: EvaluationContent, scoring: Bool = true,
                         diagnostics: inout [Diagnostic]) -> EvaluatedEvaluation? {
        guard let settings = EvaluationSettings.decode(content.settings, diagnostics: &diagnostics) else { return nil }
        var system: IndicatorSystem?
        if let indicators = content.indicators {
            system = IndicatorSystem.decode(indicators, diagnostics: &diagnostics)
        } else if !content.indicatorFiles.isEmpty {
            system = IndicatorSystem.decode(
                files: content.indicatorFiles.map { (frontMatter: $0.metadata, body: $0.body) },
                diagnostics: &diagnostics)
        }
        var parts: [String: [UnitResults]] = [:]
        if scoring, let source = content.resultsTable {
            // Each row is read into the results, checked for placeholders and dropped:
            // the rows of a large table (a located value per cell) never all exist at once.
            var table = ResultsReader.TableResults()
            var found: [Diagnostic] = []
            var placeholders: [Diagnostic] = []
            do throws(DiagnosticsError) {
                try CSVSource.forEachRow(text: source.text, file: source.path) { row in
                    table.add(row, diagnostics: &found)
                    PlaceholderCheck.checkValue(row, diagnostics: &placeholders)
                }
            } catch {
                diagnostics += error.diagnostics // what the rows read so far gave is moot
                return nil
            }
            for (slug, results) in table.byUnit {
                parts[slug, default: []].append(results)
            }
            // A cell that already has an error is not also reported as a placeholder.
            let errorPlaces = Set(found.filter { $0.severity == .error }.map(\.location))
            diagnostics += found
            diagnostics += placeholders.filter { !errorPlaces.contains($0.location) }
        }
        var selfReports: [String: ContentDocument] = [:]
        for document in content.unitDocuments {
            selfReports[document.stem] = document
            guard scoring else { continue }
            let results = ResultsReader.unitResults(frontMatter: document.metadata, unitSlug: document.stem,
                                                    diagnostics: &diagnostics)
            parts[document.stem, default: []].append(results)
        }
        var results: [String: UnitResults] = [:]
        for slug in parts.keys.sorted() {
            results[slug] = ResultsReader.merge(parts[slug]!, diagnostics: &diagnostics)
        }
        if system == nil && !results.isEmpty {
            diagnostics.append(.error(at: SourceLocation(file: content.folder), "有考核结果但没有指标体系",
                                      hint: "添加 indicators.yaml（或 indicators/ 文件夹），结果中的指标编号须在其中。"))
        }
        let result = Evaluator.evaluate(settings: settings, system: system, results: results, diagnostics: &diagnostics)
        var scored = content
        scored.resultsTable = nil // read and scored; rendering needs only the results
        var evaluated = EvaluatedEvaluation(
            content: scored,
            result: result,
            plan: content.plan.map { publication($0, what: "工作方案", diagnostics: &diagnostics) },
            notices: content.notices.map { publication($0, what: "通知公告", diagnostics: &diagnostics) },
            report: content.report.map { publication($0, what: "年度绩效报告", diagnostics: &diagnostics) },
            selfReports: selfReports)
        evaluated.audiencePolicy = AudiencePolicy.read(content.settings["audience"], diagnostics: &diagnostics)
        return evaluated
    }

    /// The previous year's evaluation with results that `evaluation` is compared with:
    /// the one whose folder name differs only by the year (2018-guangxi-grain for
    /// 2019-guangxi-grain), or else the one that assesses exactly the same units.
    static func previous(of evaluation: EvaluatedEvaluation, among all: [EvaluatedEvaluation]) -> PreviousEvaluation? {
        guard evaluation.hasResults else { return nil }
        let year = evaluation.settings.year
        // A carried-over evaluation is never a candidate here: CarryOver scores the
        // year before every evaluation it renders again.
        let candidates = all.filter { $0.settings.year == year - 1 && $0.hasResults && $0.carried == nil }
            .sorted { $0.slug < $1.slug }
        func stem(_ slug: String) -> String {
            let prefix = slug.prefix { $0.isNumber }
            return prefix.count == 4 ? String(slug.dropFirst(4)) : slug
        }
        let match = candidates.first { stem($0.slug) == stem(evaluation.slug) && stem($0.slug) != $0.slug }
            ?? candidates.first { YearChange.sameUnits($0.result, evaluation.result) }
        return match.map { PreviousEvaluation(slug: $0.slug, title: $0.settings.title, result: $0.result) }
    }

    static func publication(_ document: ContentDocument, what: String, diagnostics: inout [Diagnostic]) -> Publication {
        Publication(document: document, meta: DocumentMetadata.read(document, what: what, diagnostics: &diagnostics))
    }
}
