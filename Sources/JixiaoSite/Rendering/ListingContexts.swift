import JixiaoCore

/// Home, archive and evaluation overview: the pages that list other pages.
extension SiteRenderer {
    func evaluationSummary(_ evaluation: EvaluatedEvaluation, page path: String) -> [String: Any] {
        let settings = evaluation.settings
        var item: [String: Any] = [
            "title": settings.title, "year": settings.year,
            "href": SitePaths.link(SitePaths.overview(evaluation.slug), from: path),
            "unit_count": settings.units.count, "unit_kind": settings.unitKind,
            "sample_data": settings.sampleData,
            "has_results": evaluation.hasResults,
        ]
        item["summary"] = settings.summary
        item["issuer"] = settings.issuer
        if let plan = evaluation.plan {
            item["plan"] = ["title": plan.meta.title, "href": SitePaths.link(SitePaths.plan(evaluation.slug), from: path)]
            item["doc_number"] = plan.meta.docNumber
        }
        return item
    }

    /// Every notice of every evaluation, newest first.
    func noticeSummaries(page path: String) -> [[String: Any]] {
        var all: [(date: CalendarDate?, title: String, item: [String: Any])] = []
        for evaluation in site.evaluations {
            for notice in evaluation.notices {
                var item: [String: Any] = [
                    "title": notice.meta.title,
                    "href": SitePaths.link(SitePaths.notice(evaluation.slug, notice.document.stem), from: path),
                    "evaluation": evaluation.settings.title,
                ]
                item["kind"] = notice.meta.kind
                if let published = notice.meta.published { item["published"] = dateContext(published) }
                all.append((notice.meta.published, notice.meta.title, item))
            }
        }
        all.sort { a, b in
            switch (a.date, b.date) {
            case let (x?, y?) where x != y: return x > y
            case (nil, _?): return false
            case (_?, nil): return true
            default: return a.title < b.title
            }
        }
        return all.map(\.item)
    }

    /// Evaluations grouped by year, newest year first.
    func years(page path: String) -> [[String: Any]] {
        var groups: [(year: Int, items: [[String: Any]])] = []
        for evaluation in site.evaluations {
            let item = evaluationSummary(evaluation, page: path)
            if groups.last?.year == evaluation.settings.year {
                groups[groups.count - 1].items.append(item)
            } else {
                groups.append((evaluation.settings.year, [item]))
            }
        }
        return groups.map { ["year": $0.year, "evaluations": $0.items] }
    }

    func homeContext() -> [String: Any] {
        let path = SitePaths.home
        let latest = site.evaluations.prefix(6).map { evaluationSummary($0, page: path) }
        let notices = noticeSummaries(page: path)
        return [
            "latest_evaluations": Array(latest),
            "latest_notices": Array(notices.prefix(10)),
            "has_notices": !notices.isEmpty,
            "years": years(page: path),
            "archive_href": SitePaths.link(SitePaths.archive, from: path),
        ]
    }

    func archiveContext() -> [String: Any] {
        ["years": years(page: SitePaths.archive)]
    }

    func overviewContext(_ evaluation: EvaluatedEvaluation) -> [String: Any] {
        let path = SitePaths.overview(evaluation.slug)
        let settings = evaluation.settings
        let precision = settings.precision
        var context: [String: Any] = ["summary_item": evaluationSummary(evaluation, page: path)]
        // Looked up by slug, not searched for each unit: quadratic on thousands of units.
        let scores = Dictionary(evaluation.result.units.map { ($0.unit.slug, $0) }) { first, _ in first }
        context["units"] = settings.units.map { unit -> [String: Any] in
            var item: [String: Any] = ["name": unit.name]
            if let unitScore = scores[unit.slug] {
                item["href"] = unitHref(evaluation, unit.slug, from: path)
                item["total"] = Format.score(unitScore.total, precision) as String
                item["grade"] = unitScore.gradeName
                item["rank"] = unitScore.rank
            }
            return item
        }
        context["has_units"] = !settings.units.isEmpty
        context["notices"] = evaluation.notices.map { notice -> [String: Any] in
            var item: [String: Any] = ["title": notice.meta.title,
                                       "href": SitePaths.link(SitePaths.notice(evaluation.slug, notice.document.stem), from: path)]
            item["kind"] = notice.meta.kind
            if let published = notice.meta.published { item["published"] = dateContext(published) }
            return item
        }
        context["has_notices"] = !evaluation.notices.isEmpty
        context["grade_counts"] = evaluation.result.gradeCounts.map { ["grade": $0.grade, "count": $0.count] }
        context["has_grade_counts"] = !evaluation.result.gradeCounts.isEmpty
        if let plan = evaluation.plan {
            context["plan"] = documentContext(plan, page: path)
            context["plan_href"] = SitePaths.link(SitePaths.plan(evaluation.slug), from: path)
        }
        if let system = evaluation.result.system {
            context["indicator_total"] = Format.points(system.total)
            context["indicator_count"] = system.indicators.count
        }
        if let formula = settings.formula {
            context["formula"] = formula.components.map { ["name": $0.name, "weight": Format.points($0.weight)] }
            context["has_formula"] = true
        }
        return context
    }
}
