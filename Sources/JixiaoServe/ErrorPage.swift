import Foundation
import JixiaoMarkdown
import JixiaoCore

/// The page shown instead of any page of the site while the content does not
/// build: every error with its file, line, message, hint and the line itself.
enum ErrorPage {
    static func html(_ diagnostics: [Diagnostic], root: URL) -> String {
        let errors = diagnostics.filter { $0.severity == .error }
        let shown = errors.isEmpty ? diagnostics : errors
        var items = ""
        for diagnostic in shown {
            items += "<li><p class=\"where\"><code>\(escape(diagnostic.location.description))</code> \(diagnostic.severity.label)</p>"
            items += "<p class=\"message\">\(escape(diagnostic.message))</p>"
            if let line = sourceLine(diagnostic.location, root: root) {
                items += "<pre>\(diagnostic.location.line) | \(escape(line))</pre>"
            }
            if let hint = diagnostic.hint { items += "<p class=\"hint\">提示：\(escape(hint))</p>" }
            items += "</li>\n"
        }
        return """
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head><meta charset="utf-8"><title>构建失败 · jixiao serve</title>
        <style>
        body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;margin:2em auto;max-width:60em;padding:0 1em;color:#222}
        h1{color:#b00020;font-size:1.4em} ol{padding-left:1.2em} li{margin:1em 0;border-left:4px solid #b00020;padding-left:.8em}
        .where code{font-size:1.05em;font-weight:bold} .message{font-size:1.1em;margin:.3em 0}
        pre{background:#f6f6f6;padding:.4em .6em;overflow-x:auto} .hint{color:#555}
        </style></head>
        <body>
        <h1>构建失败：\(shown.count) 个错误</h1>
        <p>改正下面的问题并保存文件后，本页会自动刷新。</p>
        <ol class="jixiao-errors">
        \(items)</ol>
        </body>
        </html>
        """
    }

    /// The text of the line a diagnostic points at, if it can be read.
    static func sourceLine(_ location: SourceLocation, root: URL) -> String? {
        guard location.line > 0, !location.file.hasPrefix("/"), !location.file.contains(".."),
              let data = try? Data(contentsOf: root.appendingPathComponent(location.file)),
              let text = String(data: data, encoding: .utf8) else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard location.line <= lines.count else { return nil }
        return String(lines[location.line - 1]).trimmingCharacters(in: CharacterSet(charactersIn: "\r"))
    }

    /// Text into HTML: the one escaping function of the Markdown wrapper.
    static func escape(_ text: String) -> String {
        Markdown.escapeHTML(text)
    }
}
