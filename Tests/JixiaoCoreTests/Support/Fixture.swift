import Foundation
import JixiaoCore

/// An exact decimal from its text (never a floating-point literal).
func d(_ text: String) -> Decimal {
    guard let value = DecimalText.decimal(text) else { fatalError("not a decimal: \(text)") }
    return value
}

/// One evaluation assembled from YAML texts, decoded and evaluated.
struct Fixture {
    var settings: EvaluationSettings?
    var system: IndicatorSystem?
    var result: EvaluationResult?
    var diagnostics: [Diagnostic] = []

    var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }

    /// `results` maps a unit slug to the front matter of `results/<slug>.md`.
    init(evaluation: String, indicators: String?, results: [String: String] = [:], csv: String? = nil) {
        settings = EvaluationSettings.decode(MiniYAML.parse(evaluation, file: "evaluation.yaml"), diagnostics: &diagnostics)
        if let indicators {
            system = IndicatorSystem.decode(MiniYAML.parse(indicators, file: "indicators.yaml"), diagnostics: &diagnostics)
        }
        var parts: [String: [UnitResults]] = [:]
        if let csv {
            let (columns, rows) = csvTable(csv)
            for (slug, unitResults) in ResultsReader.tableResults(columns: columns, rows: rows, file: "results.csv",
                                                                  diagnostics: &diagnostics) {
                parts[slug, default: []].append(unitResults)
            }
        }
        for (slug, text) in results {
            let frontMatter = MiniYAML.parse(text, file: "results/\(slug).md")
            parts[slug, default: []].append(ResultsReader.unitResults(frontMatter: frontMatter, unitSlug: slug,
                                                                      diagnostics: &diagnostics))
        }
        var merged: [String: UnitResults] = [:]
        for slug in parts.keys.sorted() {
            merged[slug] = ResultsReader.merge(parts[slug]!, diagnostics: &diagnostics)
        }
        if let settings {
            result = Evaluator.evaluate(settings: settings, system: system, results: merged, diagnostics: &diagnostics)
        }
    }

    func unit(_ slug: String) -> UnitScore? { result?.units.first { $0.unit.slug == slug } }

    func score(_ slug: String, _ indicator: String) -> IndicatorScore? { unit(slug)?.score(indicator) }

    /// True when some diagnostic of `severity` contains `text`.
    func has(_ severity: Diagnostic.Severity, _ text: String) -> Bool {
        diagnostics.contains { $0.severity == severity && $0.message.contains(text) }
    }

    func first(_ severity: Diagnostic.Severity, containing text: String) -> Diagnostic? {
        diagnostics.first { $0.severity == severity && $0.message.contains(text) }
    }
}

/// A one-unit evaluation with a single leaf indicator worth `points` and `rule`,
/// scored from `inputs` (the flow mapping of the unit's result).
struct SingleRule {
    let fixture: Fixture

    init(points: String, rule: String, inputs: String, precision: Int = 2) {
        fixture = Fixture(
            evaluation: """
            title: 单项测试
            year: 2019
            precision: \(precision)
            units:
              - { slug: u, name: 测试单位 }
            """,
            indicators: """
            indicators:
              - id: X
                name: 测试指标
                points: \(points)
                rule: \(rule)
            """,
            results: ["u": "scores:\n  X: \(inputs)\n"])
    }

    var score: Decimal? { fixture.score("u", "X")?.score }
    var computation: String { fixture.score("u", "X")?.computation ?? "" }
    var errors: [Diagnostic] { fixture.errors }
}

/// Twelve-unit style settings with the given extra YAML appended.
func settingsYAML(units: [String], extra: String = "") -> String {
    "title: 测试考核\nyear: 2019\nunits:\n" + units.map { "  - { slug: \($0), name: \($0)单位 }" }.joined(separator: "\n")
        + "\n" + extra
}
