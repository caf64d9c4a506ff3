import ArgumentParser
import Foundation
import JixiaoCore
import JixiaoSite

/// Finds one evaluation with results for commands that work on a single one
/// (`score`, `export`), telling the user what is wrong otherwise.
enum EvaluationLookup {
    /// `purpose` completes "…没有结果数据，无法…", e.g. "排名".
    static func withResults(_ slug: String, root: URL, purpose: String, showWarnings: Bool) throws -> EvaluatedEvaluation {
        let evaluated: EvaluatedSite
        do throws(DiagnosticsError) {
            // That evaluation alone is scored (its warnings alone shown): neither command shows rank changes.
            let (site, warnings) = try SiteBuilder.evaluate(root: root, scope: EvaluationScope([slug], withYearBefore: false))
            if showWarnings { DiagnosticPrinter.print(warnings) }
            evaluated = site
        } catch {
            DiagnosticPrinter.print(error.diagnostics)
            throw ExitCode.failure
        }
        guard let match = evaluated.evaluations.first(where: { $0.slug == slug }) else {
            let known = evaluated.evaluations.map(\.slug).joined(separator: ", ")
            FileHandle.standardError.write(Data("错误: 没有名为“\(slug)”的考核。可用：\(known)\n".utf8))
            throw ExitCode.failure
        }
        guard match.hasResults else {
            FileHandle.standardError.write(Data("错误: 考核“\(slug)”没有结果数据，无法\(purpose)。\n".utf8))
            throw ExitCode.failure
        }
        return match
    }
}
