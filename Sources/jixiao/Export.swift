import ArgumentParser
import Foundation
import JixiaoCore
import JixiaoInterchange
import JixiaoSite

/// `jixiao export`: an evaluation's ranking or scores as XLSX, CSV or JSON.
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export an evaluation's ranking or score table to .xlsx, .csv or .json.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case xlsx, csv, json
    }

    enum Table: String, ExpressibleByArgument, CaseIterable {
        case ranking, scores
    }

    @OptionGroup var site: SiteOptions

    @Argument(help: "The evaluation's folder name under content/, e.g. 2019-guangxi-grain.")
    var evaluation: String

    @Option(name: .long, help: "Which table: ranking or scores.")
    var table: Table = .ranking

    @Option(name: .long, help: "Output format: xlsx, csv or json (default: from the output file's extension, else xlsx).")
    var format: Format?

    @Option(name: .long, help: "The file to write.")
    var output: String

    @Option(name: .long, help: "CSV encoding: utf-8 (with BOM, the default) or gb18030.")
    var encoding: String = "utf-8"

    func run() throws {
        let match = try EvaluationLookup.withResults(evaluation, root: site.rootURL, purpose: "导出", showWarnings: false)
        guard let csvEncoding = CSVGrid.Encoding(rawValue: encoding.lowercased()) else {
            FileHandle.standardError.write(Data("错误: 不认识的编码“\(encoding)”，写 utf-8 或 gb18030。\n".utf8))
            throw ExitCode.failure
        }
        let url = URL(fileURLWithPath: output)
        let chosen = format ?? Format(rawValue: url.pathExtension.lowercased()) ?? .xlsx
        let which: ExportTables.Table = table == .ranking ? .ranking : .scores
        do {
            let data: Data
            switch chosen {
            case .xlsx: data = try ExportTables.workbook(match.result, table: which).data()
            case .csv: data = try TextExport.csv(match.result, table: which, encoding: csvEncoding)
            case .json: data = TextExport.json(match.result, table: which)
            }
            try data.write(to: url, options: .atomic)
        } catch {
            FileHandle.standardError.write(Data("错误: 无法写入 \(output)：\(error)\n".utf8))
            throw ExitCode.failure
        }
        print("已导出 \(output)")
    }
}
