import Foundation
import JixiaoCore
import JixiaoTemplate

/// A tag on a line of its own in a notice or report, such as
/// `{{< units grade="优秀" >}}`, that the build replaces with lists computed from
/// the results, so that no unit list is ever retyped by hand.
struct Shortcode: Sendable {
    var name: String
    var arguments: [String: String]
    var location: SourceLocation

    /// The shortcode on `line`, if the whole (trimmed) line is one.
    static func parse(_ line: Substring, at location: SourceLocation) -> Result<Shortcode, DiagnosticsError>? {
        let trimmed = line.trimmedSpaces()
        guard trimmed.hasPrefix("{{<"), trimmed.hasSuffix(">}}") else { return nil }
        let inner = trimmed.dropFirst(3).dropLast(3).trimmedSpaces()
        var scanner = inner[...]
        let name = String(scanner.prefix { !$0.isWhitespace })
        scanner = scanner.dropFirst(name.count)
        var arguments: [String: String] = [:]
        while true {
            scanner = scanner.drop { $0.isWhitespace }
            if scanner.isEmpty { break }
            let key = String(scanner.prefix { $0 != "=" && !$0.isWhitespace })
            scanner = scanner.dropFirst(key.count)
            guard !key.isEmpty, scanner.first == "=", scanner.dropFirst().first == "\"",
                  let close = scanner.dropFirst(2).firstIndex(of: "\"") else {
                return .failure(DiagnosticsError([.error(at: location, "标签“\(trimmed)”的参数格式不对",
                                       hint: "参数写成 名称=\"值\"，例如 {{< units grade=\"优秀\" >}}。")]))
            }
            arguments[key] = String(scanner[scanner.index(scanner.startIndex, offsetBy: 2)..<close])
            scanner = scanner[scanner.index(after: close)...]
        }
        return .success(Shortcode(name: name, arguments: arguments, location: location))
    }
}

extension SiteRenderer {
    static let shortcodeNames = ["units", "ranking", "grades", "grade-distribution", "lost-points", "self-gaps", "year-change"]

    /// Whether a page of the evaluation other than its ranking may show the year
    /// before: a document (as this build shows it) with the year-change tag, or
    /// what looks like it.
    static func showsYearChange(_ evaluation: EvaluatedEvaluation) -> Bool {
        let documents = [evaluation.plan, evaluation.report].compactMap { $0?.document }
            + evaluation.notices.map(\.document) + evaluation.selfReports.values
        return documents.contains { $0.body.containsBytes("year-change") }
    }

    /// Renders a document body: shortcodes become placeholders, the Markdown goes
    /// through cmark, then each placeholder paragraph is replaced by its partial.
    mutating func markdown(_ document: ContentDocument, page path: String, evaluation: EvaluatedEvaluation?) -> String {
        // Most bodies (every self-report of a large site) hold no tag: then the lines
        // need not be parsed one by one (trimming a line indented with full-width
        // spaces goes through NSString) nor joined again.
        guard document.body.containsBytes("{{<") else {
            return MarkdownHTML.render(document.body, allowRawHTML: site.config.allowRawHTML)
        }
        var lines: [Substring] = []
        var shortcodes: [Shortcode] = []
        // `{{< internal >}} … {{< /internal >}}`: a section only internal builds carry.
        var internalSection: Shortcode?
        for (offset, line) in document.body.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let location = SourceLocation(file: document.path, line: document.bodyLine + offset, column: 1)
            let parsed = Shortcode.parse(line, at: location)
            if case .success(let shortcode) = parsed, shortcode.name == "internal" || shortcode.name == "/internal" {
                if (shortcode.name == "internal") == (internalSection != nil) {
                    diagnostics.append(.error(at: location, shortcode.name == "internal" ? "内部内容块嵌套了" : "多出的 {{< /internal >}}",
                                              hint: "每个 {{< internal >}} 配一个 {{< /internal >}}，不能嵌套。"))
                    continue
                }
                internalSection = shortcode.name == "internal" ? shortcode : nil
                if site.audience == .internal {
                    lines.append(contentsOf: ["", "JIXIAOSHORTCODE\(shortcodes.count)END", ""])
                    shortcodes.append(shortcode)
                }
                continue
            }
            if internalSection != nil && site.audience != .internal { continue }
            switch parsed {
            case nil:
                lines.append(line)
            case .failure(let error):
                diagnostics += error.diagnostics
                lines.append("")
            case .success(let shortcode):
                // Blank lines around the marker make it a paragraph of its own.
                lines.append(contentsOf: ["", "JIXIAOSHORTCODE\(shortcodes.count)END", ""])
                shortcodes.append(shortcode)
            }
        }
        if let open = internalSection {
            diagnostics.append(.error(at: open.location, "{{< internal >}} 没有对应的 {{< /internal >}}",
                                      hint: "在内部内容的末尾单独一行写 {{< /internal >}}。"))
        }
        var html = MarkdownHTML.render(lines.joined(separator: "\n"), allowRawHTML: site.config.allowRawHTML)
        for (index, shortcode) in shortcodes.enumerated() {
            let output = render(shortcode, page: path, evaluation: evaluation)
            html = html.replacingOccurrences(of: "<p>JIXIAOSHORTCODE\(index)END</p>", with: output)
        }
        return html
    }

    mutating func render(_ shortcode: Shortcode, page path: String, evaluation: EvaluatedEvaluation?) -> String {
        // Internal sections reach here only in internal builds: a marked box around them.
        if shortcode.name == "internal" {
            return #"<div class="internal-section" role="note"><p class="internal-label">内部内容（公开版本中不出现）</p>"#
        }
        if shortcode.name == "/internal" { return "</div>" }
        guard Self.shortcodeNames.contains(shortcode.name) else {
            diagnostics.append(.error(at: shortcode.location, "未知的标签“\(shortcode.name)”",
                                      hint: "可用的标签：\(Self.shortcodeNames.joined(separator: "、"))。"))
            return ""
        }
        guard let evaluation, evaluation.hasResults else {
            diagnostics.append(.error(at: shortcode.location, "标签“\(shortcode.name)”需要考核结果，但这里没有",
                                      hint: "这类标签只能用在有 results 的考核文件夹的通知或报告中。"))
            return ""
        }
        let context: [String: Any]
        switch shortcode.name {
        case "grade-distribution":
            context = gradeDistributionContext(evaluation)
        case "lost-points":
            context = lostPointsContext(evaluation, top: top(shortcode), page: path)
        case "self-gaps":
            context = selfGapsContext(evaluation, top: top(shortcode), page: path)
        case "year-change":
            context = yearChangeContext(evaluation, page: path)
        default:
            context = unitListContext(shortcode, evaluation: evaluation, page: path)
        }
        do throws(DiagnosticsError) {
            return try theme.render("shortcodes/\(shortcode.name)", TemplateValue(any: context))
        } catch {
            diagnostics += error.diagnostics
            return ""
        }
    }

    /// `top="5"`: how many rows a list shows; nil (all) when absent.
    mutating func top(_ shortcode: Shortcode) -> Int? {
        guard let text = shortcode.arguments["top"] else { return nil }
        guard let value = Int(text), value > 0 else {
            diagnostics.append(.error(at: shortcode.location, "标签“\(shortcode.name)”的 top=\"\(text)\" 不是正整数",
                                      hint: "写成 top=\"5\"，表示列出前5项；省略则列出全部。"))
            return nil
        }
        return value
    }

    /// units, ranking, grades: the ranked units, optionally of one grade.
    mutating func unitListContext(_ shortcode: Shortcode, evaluation: EvaluatedEvaluation, page path: String) -> [String: Any] {
        var units = evaluation.result.ranking
        if let grade = shortcode.arguments["grade"] {
            let known = Set(evaluation.result.ranking.map(\.gradeName)).union(evaluation.result.gradeCounts.map(\.grade))
            if !known.contains(grade) {
                diagnostics.append(.error(at: shortcode.location, "等次“\(grade)”不存在",
                                          hint: "可用的等次：\(evaluation.result.gradeCounts.map(\.grade).joined(separator: "、"))。"))
            }
            units = units.filter { $0.gradeName == grade }
        }
        let rows = units.map { unitSummary($0, evaluation: evaluation, page: path) }
        return [
            "rows": TemplateValue.list(rows), "count": rows.count, "is_empty": rows.isEmpty,
            "grade": shortcode.arguments["grade"] ?? "",
            "grade_counts": evaluation.result.gradeCounts.map { ["grade": $0.grade, "count": $0.count] },
            "unit_kind": evaluation.settings.unitKind,
            "sample_data": evaluation.settings.sampleData,
        ]
    }
}
