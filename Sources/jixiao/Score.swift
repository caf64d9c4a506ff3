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
        let evaluated: EvaluatedSite
        do throws(DiagnosticsError) {
            let (site, warnings) = try SiteBuilder.evaluate(root: site.rootURL)
            DiagnosticPrinter.print(warnings)
            evaluated = site
        } catch {
            DiagnosticPrinter.print(error.diagnostics)
            throw ExitCode.failure
        }
            guard let match = evaluated.evaluations.first(where: { $0.slug == evaluation }) else {
                let known = evaluated.evaluations.map(\.slug).joined(separator: ", ")
                FileHandle.standardError.write(Data("错误: 没有名为“\(evaluation)”的考核。可用：\(known)\n".utf8))
                throw ExitCode.failure
            }
            guard match.hasResults else {
                FileHandle.standardError.write(Data("错误: 考核“\(evaluation)”没有结果数据，无法排名。\n".utf8))
                throw ExitCode.failure
            }
            switch format {
            case .table:
                print(match.settings.title + (match.settings.sampleData ? "（示例数据）" : ""))
                print(TerminalTable.ranking(match.result), terminator: "")
            case .csv: print(ResultTables.rankingCSV(match.result, byteOrderMark: false), terminator: "")
            case .json: print(ResultTables.rankingJSON(match.result), terminator: "")
            }
    }
}
