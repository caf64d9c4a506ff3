import ArgumentParser
import Foundation
import JixiaoCore
import JixiaoSite

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the content and theme without writing the site.",
        discussion: "Checks the build that jixiao build with the same --output, --theme and --audience makes, and reads that build's cache (never writing it): what did not change since is not scored or rendered again. Exit status: 0 when clean (warnings allowed unless --strict), 1 on errors.")

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @OptionGroup var site: SiteOptions
    @OptionGroup var build: BuildOptions

    @Option(name: .long, help: "Output format: text or json (for editors and CI).")
    var format: OutputFormat = .text

    @Flag(name: .long, help: "Treat warnings as errors.")
    var strict = false

    @Flag(name: .long, help: "Score and render everything instead of taking what did not change since the previous jixiao build with the same options (its cache in <root>/.jixiao-cache/, read and never written).")
    var noCache = false

    func run() throws {
        var diagnostics: [Diagnostic]
        do throws(DiagnosticsError) {
            // The options of the build with the same arguments, whose cache this can then read.
            diagnostics = try SiteBuilder.check(build.builder(root: site.rootURL, cached: !noCache))
        } catch {
            diagnostics = error.diagnostics
        }
        if strict {
            diagnostics = diagnostics.map { var d = $0; d.severity = .error; return d }
        }
        switch format {
        case .text:
            DiagnosticPrinter.print(diagnostics)
            FileHandle.standardError.write(Data("检查完成：\(DiagnosticPrinter.summary(diagnostics))\n".utf8))
        case .json:
            print(DiagnosticPrinter.json(diagnostics))
        }
        if diagnostics.contains(where: { $0.severity == .error }) { throw ExitCode.failure }
    }
}
