import ArgumentParser
import Foundation
import JixiaoCore
import JixiaoSite

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the content, compute all scores and write the site.",
        discussion: "On any error nothing is written and the previous site stays as it was.")

    @OptionGroup var site: SiteOptions
    @OptionGroup var build: BuildOptions

    @Flag(name: .long, help: "Score every evaluation and render every page again instead of keeping what did not change since the previous build (the cache in <root>/.jixiao-cache/).")
    var noCache = false

    func run() throws {
        let options = build.builder(root: site.rootURL, cached: !noCache)
        do throws(DiagnosticsError) {
            let report = try SiteBuilder.build(options)
            DiagnosticPrinter.printWarnings(report.warnings)
            print("已生成 \(report.pages) 个页面（\(report.filesSummary)），用时 \(String(format: "%.2f", report.seconds)) 秒 → \(options.output.path)")
        } catch {
            DiagnosticPrinter.print(error.diagnostics)
            FileHandle.standardError.write(Data("构建失败：\(DiagnosticPrinter.summary(error.diagnostics))；原有网站未改动。\n".utf8))
            throw ExitCode.failure
        }
    }
}
