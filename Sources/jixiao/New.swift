import ArgumentParser
import Foundation
import JixiaoCore
import JixiaoSite

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create a new site or a new evaluation (never overwrites anything).",
        subcommands: [NewSite.self, NewEvaluation.self])
}

struct NewSite: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "site",
        abstract: "Create a new site folder with a sample evaluation and the default theme.",
        discussion: "The folder must not exist or be empty. `jixiao build` in it works at once.")

    @Argument(help: "The folder to create, e.g. my-site.")
    var directory: String

    @Option(name: .long, help: "Year of the sample evaluation. Default: last year.")
    var year: Int?

    func run() throws {
        let folder = URL(fileURLWithPath: directory, isDirectory: true).standardizedFileURL
        let year = year ?? Calendar(identifier: .gregorian).component(.year, from: Date()) - 1
        do throws(DiagnosticsError) {
            let files = try SiteScaffold.create(at: folder, year: year)
            let content = files.filter { !$0.hasPrefix("themes/") }
            print("已创建站点 \(folder.path)（\(files.count) 个文件）：")
            for path in content { print("  \(path)") }
            print("  themes/default/…（默认主题，可直接修改）")
            print("")
            print("下一步：")
            print("  cd \(directory)")
            print("  jixiao serve      # 边改边预览：http://127.0.0.1:1313/")
            print("  jixiao build      # 生成网站到 site/")
        } catch {
            DiagnosticPrinter.print(error.diagnostics)
            throw ExitCode.failure
        }
    }
}

struct NewEvaluation: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluation",
        abstract: "Create content/<slug>/ for a new evaluation.",
        discussion: """
        With --from, the previous evaluation's settings (units, formula, grading) and its \
        indicator system are carried over and the year is moved on; results, notices and \
        the plan start empty.
        """)

    @OptionGroup var site: SiteOptions

    @Argument(help: "The new evaluation's folder name, e.g. 2020-guangxi-grain.")
    var slug: String

    @Option(name: .long, help: "The previous evaluation to carry the indicator system, units and formula from.")
    var from: String?

    @Option(name: .long, help: "The evaluation year. Default: the year the slug starts with, or the previous year + 1.")
    var year: Int?

    func run() throws {
        do throws(DiagnosticsError) {
            let files = try EvaluationScaffold.create(root: site.rootURL, slug: slug, from: from, year: year)
            if let from {
                print("已从 \(from) 沿用指标体系、考核对象和计分公式，新建考核 content/\(slug)/：")
            } else {
                print("已新建考核 content/\(slug)/：")
            }
            for path in files { print("  \(path)") }
            print("结果（results.csv 或 results/<单位>.md）、工作方案和通知公告需要另行添加；运行 jixiao check 检查。")
        } catch {
            DiagnosticPrinter.print(error.diagnostics)
            throw ExitCode.failure
        }
    }
}
