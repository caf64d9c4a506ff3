import ArgumentParser
import Foundation
import JixiaoCore
import JixiaoInterchange
import JixiaoSite

/// `jixiao import indicators|results`: spreadsheets into content files.
struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import an indicator system or scores from an Excel (.xlsx) or CSV sheet.",
        subcommands: [ImportIndicators.self, ImportResults.self])
}

/// The options both imports share.
struct ImportOptions: ParsableArguments {
    @Argument(help: "The sheet to import: a .xlsx or .csv file.")
    var file: String

    @Option(name: .long, help: "The evaluation's folder name under content/, e.g. 2021-jinjiang-ecology.")
    var evaluation: String

    @Option(name: .long, help: "The worksheet of an .xlsx file, by name or 1-based position (default: the first).")
    var sheet: String?

    @Option(name: .long, help: "Encoding of a CSV file: utf-8 or gb18030 (default: UTF-8 if valid, else GB18030).")
    var encoding: String?

    @Option(name: .long, help: "Name an unusual header: HEADER=ROLE, e.g. 考核事项=level or 分数=points; ROLE ignore drops a column. Repeatable.")
    var map: [String] = []

    @Flag(name: .long, help: "Replace an existing file.")
    var force = false

    @Flag(name: .long, help: "Write what could be read even when some cells could not be understood.")
    var partial = false

    func grid() throws(DiagnosticsError) -> SheetGrid {
        var forced: CSVGrid.Encoding?
        if let encoding {
            guard let value = CSVGrid.Encoding(rawValue: encoding.lowercased()) else {
                throw DiagnosticsError([.error(at: SourceLocation(file: "--encoding"), "不认识的编码“\(encoding)”",
                                               hint: "写 utf-8 或 gb18030。")])
            }
            forced = value
        }
        let url = URL(fileURLWithPath: file)
        return try SpreadsheetInput.read(url: url, displayName: file, sheet: sheet, encoding: forced)
    }

    /// Prints why an import stopped; nothing was written.
    func failure(_ diagnostics: [Diagnostic]) -> ExitCode {
        DiagnosticPrinter.print(diagnostics)
        FileHandle.standardError.write(Data("导入失败，没有写入任何文件。\n".utf8))
        return .failure
    }

    func finish(_ problems: [Diagnostic]) throws {
        DiagnosticPrinter.print(problems)
        if problems.contains(where: { $0.severity == .error }) {
            FileHandle.standardError.write(Data("已按 --partial 写入能读懂的部分；请修正以上错误后重新导入。\n".utf8))
        }
    }
}

struct ImportIndicators: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "indicators",
        abstract: "Import a 考核表 (indicator system) into content/<evaluation>/indicators.yaml.")

    @OptionGroup var site: SiteOptions
    @OptionGroup var options: ImportOptions

    func run() throws {
        let relative = "content/\(options.evaluation)/indicators.yaml"
        let system: ImportedSystem
        let problems: [Diagnostic]
        do throws(DiagnosticsError) {
            let map = try HeaderMap.parse(options.map)
            (system, problems) = try IndicatorSheetReader(grid: try options.grid(), map: map).read(partial: options.partial)
            try ImportWriting.write(IndicatorYAMLWriter.yaml(system), to: site.rootURL.appendingPathComponent(relative),
                                    displayPath: relative, force: options.force)
        } catch {
            throw options.failure(error.diagnostics)
        }
        try options.finish(problems)
        let leaves = system.all.filter(\.isLeaf)
        let recognised = leaves.filter { $0.rule == .binary }.count
        print("已写入 \(relative)：\(system.all.count) 个指标（\(leaves.count) 个末级指标），合计 \(formatPlain(system.total)) 分；"
              + "\(recognised) 个末级指标识别为 binary，其余为 manual。")
    }
}

struct ImportResults: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "results",
        abstract: "Import a score sheet (wide or long) into content/<evaluation>/results.csv.")

    @OptionGroup var site: SiteOptions
    @OptionGroup var options: ImportOptions

    func run() throws {
        let relative = "content/\(options.evaluation)/results.csv"
        let rows: [ResultsSheetReader.Row]
        let problems: [Diagnostic]
        do throws(DiagnosticsError) {
            let (evaluated, _) = try SiteBuilder.evaluate(root: site.rootURL,
                                                          scope: EvaluationScope([options.evaluation], withYearBefore: false))
            guard let evaluation = evaluated.evaluations.first(where: { $0.slug == options.evaluation }) else {
                throw DiagnosticsError([.error(at: SourceLocation(file: "content/\(options.evaluation)"),
                                               "没有名为“\(options.evaluation)”的考核",
                                               hint: "可用：" + evaluated.evaluations.map(\.slug).joined(separator: "、"))])
            }
            let map = try HeaderMap.parse(options.map)
            let reader = ResultsSheetReader(grid: try options.grid(), settings: evaluation.settings,
                                            system: evaluation.result.system, map: map)
            (rows, problems) = try reader.read(partial: options.partial)
            try ImportWriting.write(ResultsSheetReader.csv(rows), to: site.rootURL.appendingPathComponent(relative),
                                    displayPath: relative, force: options.force)
        } catch {
            throw options.failure(error.diagnostics)
        }
        try options.finish(problems)
        print("已写入 \(relative)：\(Set(rows.map(\.unit)).count) 个单位，\(rows.count) 行得分。")
    }
}
