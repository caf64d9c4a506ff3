import ArgumentParser
import Foundation
import JixiaoArchive
import JixiaoCore
import JixiaoInterchange

struct ArchiveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "archive",
        abstract: "Write one evaluation as a self-contained, verifiable zip.",
        discussion: "The zip holds the evaluation's pages, downloads and assets, and manifest.json with the SHA-256 of every file. The same content gives a byte-identical zip. Only this evaluation and those of the year before (for the rank changes) are scored and checked; links of its pages to pages the zip does not hold are reported as warnings.")

    @OptionGroup var site: SiteOptions

    @Argument(help: "The evaluation's folder name under content/.")
    var evaluation: String

    @Option(name: .long, help: "The zip file to write.")
    var output: String

    @Flag(name: .long, help: "Replace an existing file.")
    var force = false

    func run() throws {
        let url = URL(fileURLWithPath: output).standardizedFileURL
        if FileManager.default.fileExists(atPath: url.path) && !force {
            FileHandle.standardError.write(Data("错误: \(url.path) 已存在；加 --force 覆盖。\n".utf8))
            throw ExitCode.failure
        }
        let made: EvaluationArchive.Made
        do throws(DiagnosticsError) {
            made = try EvaluationArchive.make(root: site.rootURL, evaluation: evaluation,
                                              extraDownloads: SpreadsheetDownloads.formats)
        } catch {
            DiagnosticPrinter.print(error.diagnostics)
            throw ExitCode.failure
        }
        // The links that will not open in the archive only this command can report: all of them.
        DiagnosticPrinter.print(made.linksLeaving)
        DiagnosticPrinter.printWarnings(made.warnings)
        try made.data.write(to: url, options: .atomic)
        print("已写入 \(url.path)（\(made.data.count / 1024) KB）")
    }
}

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check an archive against its manifest: missing, extra or altered files.")

    @Argument(help: "The zip file written by jixiao archive.")
    var archive: String

    func run() throws {
        let report = ArchiveVerifier.verify(URL(fileURLWithPath: archive))
        for line in report.lines { print(line) }
        if report.isIntact {
            print("完好：\(report.checked) 个文件与清单一致（考核 \(report.evaluation ?? "")）。")
        } else {
            print("不完好：缺少 \(report.missing.count) 个，多出 \(report.extra.count) 个，改动 \(report.altered.count) 个。")
            throw ExitCode.failure
        }
    }
}
