import JixiaoCore

/// Warns about placeholders (`202*`, `××市`, `某某`, TODO) left in the text that
/// would be published: front matter, data files and Markdown bodies.
enum PlaceholderCheck {
    static let hint = "这是模板或草稿中的占位内容，发布前换成真实内容。"

    /// Every front matter and data file of the site, as read (results.csv rows are
    /// checked as they are scored, see SiteEvaluator).
    static func dataValues(in site: EvaluatedSite) -> [SourceValue] {
        var values = site.pages.compactMap(\.document.frontMatter)
        for evaluation in site.evaluations {
            let content = evaluation.content
            values.append(content.settings)
            if let indicators = content.indicators { values.append(indicators) }
            values += content.indicatorDocuments.compactMap(\.frontMatter)
            values += content.unitDocuments.compactMap(\.frontMatter)
            for document in [content.plan, content.report].compactMap({ $0 }) + content.notices {
                if let frontMatter = document.frontMatter { values.append(frontMatter) }
            }
        }
        return values
    }

    static func checkValue(_ value: SourceValue, diagnostics: inout [Diagnostic]) {
        switch value.node {
        case .null:
            return
        case .scalar(let text, let quoted):
            checkScalar(text, quoted: quoted, at: value.location, diagnostics: &diagnostics)
        // By index: `for … in` copied every value (this runs on every front matter).
        case .sequence(let items):
            for index in items.indices { checkValue(items[index], diagnostics: &diagnostics) }
        case .mapping(let entries):
            for index in entries.indices { checkValue(entries[index].value, diagnostics: &diagnostics) }
        }
    }

    /// A CSV row's cells, as `checkValue` checks the row's mapping (`CSVHeader.mapping`).
    static func checkCells(of row: CSVRow, in header: CSVHeader, diagnostics: inout [Diagnostic]) {
        for column in header.names.indices where !row.cells[column].isEmpty {
            checkScalar(row.cells[column], quoted: false, at: SourceLocation(file: header.file, line: row.line, column: column + 1),
                        diagnostics: &diagnostics)
        }
    }

    private static func checkScalar(_ text: String, quoted: Bool, at location: @autoclosure () -> SourceLocation,
                                    diagnostics: inout [Diagnostic]) {
        guard let found = PlaceholderPattern.first(in: text) else { return }
        var location = location()
        // A plain one-line scalar starts where it is written: point at the placeholder itself.
        if !quoted, !text.contains("\n"), location.column > 0 { location.column += found.offset }
        diagnostics.append(.warning(at: location, "“\(text)”中有占位内容“\(found.match)”", hint: hint))
    }

    /// Markdown bodies line by line; fenced code is skipped.
    static func checkBody(_ document: ContentDocument, diagnostics: inout [Diagnostic]) {
        guard PlaceholderPattern.mayContainInSomeLine(document.body) else { return }
        var inFence = false
        for (offset, line) in document.body.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.drop { $0 == " " }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                inFence.toggle()
                continue
            }
            guard !inFence, let found = PlaceholderPattern.first(in: String(line)) else { continue }
            diagnostics.append(.warning(
                at: SourceLocation(file: document.path, line: document.bodyLine + offset, column: found.offset + 1),
                "正文中有占位内容“\(found.match)”", hint: hint))
        }
    }
}
