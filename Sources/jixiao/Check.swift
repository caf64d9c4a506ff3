import ArgumentParser
import Foundation
import JixiaoCore
import JixiaoSite

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the content and theme without writing the site.",
        discussion: "Exit status: 0 when clean (warnings allowed unless --strict), 1 on errors.")

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @OptionGroup var site: SiteOptions

    @Option(name: .long, help: "Output format: text or json (for editors and CI).")
    var format: OutputFormat = .text

    @Flag(name: .long, help: "Treat warnings as errors.")
    var strict = false

    func run() throws {
        var diagnostics: [Diagnostic]
        do throws(DiagnosticsError) {
            diagnostics = try SiteBuilder.check(SiteBuilder.Options(root: site.rootURL))
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
