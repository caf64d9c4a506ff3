import ArgumentParser
import Foundation
import JixiaoCore
import JixiaoSite

struct Score: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compute and print one evaluation's ranking (without writing the site).")

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case table, csv, json
    }

    @OptionGroup var site: SiteOptions

    @Argument(help: "The evaluation's folder name under content/, e.g. 2019-guangxi-grain.")
    var evaluation: String

    @Option(name: .long, help: "Output format: table, csv or json.")
    var format: OutputFormat = .table

    func run() throws {
        let match = try EvaluationLookup.withResults(evaluation, root: site.rootURL, purpose: "排名", showWarnings: true)
        switch format {
        case .table:
            print(match.settings.title + (match.settings.sampleData ? "（示例数据）" : ""))
            print(TerminalTable.ranking(match.result), terminator: "")
        case .csv: print(ResultTables.rankingCSV(match.result, byteOrderMark: false), terminator: "")
        case .json: print(ResultTables.rankingJSON(match.result), terminator: "")
        }
    }
}
