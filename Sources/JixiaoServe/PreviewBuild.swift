import Foundation
import JixiaoCore
import JixiaoSite

/// The result of the latest build in serve mode, kept in memory (serve never
/// writes site/). After a failed build the last good files are kept for
/// assets, but pages show the errors.
struct PreviewBuild: Sendable {
    /// Increases with every build, good or bad; pages carry it for live reload.
    var version: Int
    var files: SiteFiles
    /// The errors of the latest build, empty when it succeeded.
    var errors: [Diagnostic]
    var warnings: [Diagnostic]
    var seconds: Double

    var failed: Bool { !errors.isEmpty }

    /// Builds the site in memory.
    static func make(_ options: SiteBuilder.Options, version: Int, previous: PreviewBuild?) -> PreviewBuild {
        let start = Date()
        do throws(DiagnosticsError) {
            let (files, warnings) = try SiteBuilder.make(options)
            return PreviewBuild(version: version, files: files, errors: [], warnings: warnings,
                                seconds: Date().timeIntervalSince(start))
        } catch {
            let errors = error.diagnostics.filter { $0.severity == .error }
            return PreviewBuild(version: version, files: previous?.files ?? SiteFiles(),
                                errors: errors.isEmpty ? error.diagnostics : errors,
                                warnings: error.diagnostics.filter { $0.severity == .warning },
                                seconds: Date().timeIntervalSince(start))
        }
    }
}
