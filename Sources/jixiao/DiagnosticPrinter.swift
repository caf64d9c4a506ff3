import Foundation
import JixiaoCore
import JixiaoSite

/// Prints diagnostics the way compilers do, on standard error, so editors and CI
/// can jump to `path:line:col`.
enum DiagnosticPrinter {
    static func print(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics {
            FileHandle.standardError.write(Data((diagnostic.description + "\n").utf8))
        }
    }

    /// Warnings of a successful build: the first `limit`, then how many more and
    /// where to see them all, so a long list does not bury the result line.
    static func printWarnings(_ warnings: BuildWarnings, limit: Int = 10) {
        print(warnings.prefix(limit))
        if warnings.count > limit {
            FileHandle.standardError.write(Data("……另有 \(warnings.count - limit) 个警告，运行 jixiao check 查看全部。\n".utf8))
        }
    }

    static func summary(_ diagnostics: [Diagnostic]) -> String {
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.count - errors
        return "\(errors) 个错误，\(warnings) 个警告"
    }
}

extension DiagnosticPrinter {
    /// An array of {file, line, column, severity, message, hint}, for editors and CI.
    static func json(_ diagnostics: [Diagnostic]) -> String {
        let items = diagnostics.map { diagnostic -> [String: Any] in
            var item: [String: Any] = [
                "file": diagnostic.location.file, "line": diagnostic.location.line,
                "column": diagnostic.location.column, "severity": diagnostic.severity.rawValue,
                "message": diagnostic.message,
            ]
            item["hint"] = diagnostic.hint
            return item
        }
        let data = (try? JSONSerialization.data(withJSONObject: items, options: [.prettyPrinted, .sortedKeys])) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
