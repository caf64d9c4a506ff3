import JixiaoCore

/// The validate → evaluate step: turns read content into typed, scored
/// evaluations, collecting every diagnostic of every file.
enum SiteEvaluator {
    static func evaluate(_ content: SiteContent, diagnostics: inout [Diagnostic]) -> EvaluatedSite {
        let pages = content.pages.map { publication($0, what: "页面", diagnostics: &diagnostics) }
        // Each evaluation is scored on its own core; diagnostics are merged in folder order.
        let scored = content.evaluations.concurrentMap { evaluation in
            var found: [Diagnostic] = []
            return (evaluate(evaluation, diagnostics: &found), found)
        }
        let evaluations = scored.compactMap(\.0)
        diagnostics += scored.flatMap(\.1)
        var ordered = evaluations.sorted {
            ($0.settings.year, $1.slug) > ($1.settings.year, $0.slug)
        }
        for index in ordered.indices {
            ordered[index].previous = previous(of: ordered[index], among: ordered)
        }
        return EvaluatedSite(config: content.config, pages: pages, evaluations: ordered)
    }

    static func evaluate(_ content: EvaluationContent, diagnostics: inout [Diagnostic]) -> EvaluatedEvaluation? {
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
        if let table = content.resultsTable {
            // The rows live only here: scored, checked for placeholders, then dropped.
            let rows: [SourceValue]
            do throws(DiagnosticsError) {
                rows = try CSVSource.parse(text: table.text, file: table.path)
            } catch {
                diagnostics += error.diagnostics
                return nil
            }
            let errorsBefore = diagnostics.count
            for (slug, results) in ResultsReader.tableResults(rows: rows, diagnostics: &diagnostics) {
                parts[slug, default: []].append(results)
            }
            // A cell that already has an error is not also reported as a placeholder.
            let errorPlaces = Set(diagnostics[errorsBefore...].filter { $0.severity == .error }.map(\.location))
            var placeholders: [Diagnostic] = []
            for row in rows { PlaceholderCheck.checkValue(row, diagnostics: &placeholders) }
            diagnostics += placeholders.filter { !errorPlaces.contains($0.location) }
        }
        var selfReports: [String: ContentDocument] = [:]
        for document in content.unitDocuments {
            let results = ResultsReader.unitResults(frontMatter: document.metadata, unitSlug: document.stem,
                                                    diagnostics: &diagnostics)
            parts[document.stem, default: []].append(results)
            selfReports[document.stem] = document
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
        let candidates = all.filter { $0.settings.year == year - 1 && $0.hasResults }.sorted { $0.slug < $1.slug }
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
