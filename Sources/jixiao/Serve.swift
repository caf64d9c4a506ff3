import ArgumentParser
import Foundation
import JixiaoCore
import JixiaoInterchange
import JixiaoServe
import JixiaoSite

struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Preview the site on 127.0.0.1, rebuilding and reloading pages on every change.",
        discussion: """
        Builds into <root>/.jixiao-cache/serve/site, with its own build cache in \
        <root>/.jixiao-cache/serve/cache (site/ is never touched), and serves the pages from \
        there. Watches content/ and themes/; each change rebuilds only what it affects, like \
        jixiao build, and reloads open pages. While the content has errors, pages show them \
        and the last good build's files stay in place. A second serve of the same site, \
        while the first runs, builds in .jixiao-cache/serve/2/ (and so on).
        """)

    @OptionGroup var site: SiteOptions

    @Option(name: .long, help: "Port on 127.0.0.1 (0 picks a free one).")
    var port: UInt16 = 1313

    @Option(name: .long, help: "Theme folder under themes/ (overrides site.yaml).")
    var theme: String?

    func run() throws {
        let options = SiteBuilder.Options(root: site.rootURL, theme: theme, extraDownloads: SpreadsheetDownloads.formats)
        let server: PreviewServer
        do {
            server = try PreviewServer(options: options, port: port, report: Self.print)
        } catch {
            FileHandle.standardError.write(Data("无法在 \(site.rootURL.path)/.jixiao-cache/serve/ 中建立预览文件夹：\(error)\n".utf8))
            FileHandle.standardError.write(Data("  提示: 检查该文件夹是否可写；可以删除 .jixiao-cache/ 后重试（其中只有可重新生成的文件）。\n".utf8))
            throw ExitCode.failure
        }
        if server.folder.slot > 1 {
            let relative = server.folder.site.path.dropFirst(site.rootURL.path.count).drop { $0 == "/" }
            Self.say("另一个 jixiao serve 正在预览本站点，本次预览生成到 \(relative)。")
        }
        let requested = port
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        Task {
            do {
                let port = try await server.start()
                Self.say("正在预览：http://127.0.0.1:\(port)/")
                Self.say("监视 content/ 和 themes/ 的改动；按 Ctrl+C 停止。")
                await server.wait()
            } catch {
                FileHandle.standardError.write(Data("无法在 127.0.0.1:\(requested) 上启动预览：\(error)\n".utf8))
                FileHandle.standardError.write(Data("  提示: 端口可能已被占用，用 --port 换一个，例如 --port 1314。\n".utf8))
                outcome.failed = true
            }
            done.signal()
        }
        done.wait()
        if outcome.failed { throw ExitCode.failure }
    }

    /// Whether the server could not start, set from the server task.
    final class Outcome: @unchecked Sendable {
        var failed = false
    }

    @Sendable static func print(_ event: PreviewServer.Event) {
        let time = Self.clock()
        switch event {
        case let .built(version, report, changed):
            let what = changed.isEmpty ? "" : "（\(Self.describe(changed))）"
            say("[\(time)] 第 \(version) 次生成：\(report.pages) 个页面（\(report.filesSummary)），用时 \(String(format: "%.2f", report.seconds)) 秒\(what)")
            DiagnosticPrinter.printWarnings(report.warnings, limit: 5)
        case let .failed(version, errors, changed):
            let what = changed.isEmpty ? "" : "（\(Self.describe(changed))）"
            say("[\(time)] 第 \(version) 次生成失败\(what)：\(errors.count) 个错误，浏览器中显示错误详情")
            DiagnosticPrinter.print(errors)
        }
    }

    /// One line on standard output, written at once (also when piped to a log).
    static func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    static func describe(_ paths: [String]) -> String {
        paths.count <= 3 ? paths.joined(separator: "、") : paths.prefix(3).joined(separator: "、") + " 等 \(paths.count) 个文件"
    }

    static func clock() -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "HH:mm:ss"
        return formatter.string(from: Date())
    }
}
