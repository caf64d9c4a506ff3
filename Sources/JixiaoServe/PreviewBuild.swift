import Foundation
import JixiaoCore
import JixiaoSite

/// The outcome of the latest build in serve mode. The files themselves are on
/// disk, in the preview folder (see PreviewFolder); a failed build leaves the
/// last good ones there, which keep serving assets while pages show the errors.
struct PreviewBuild: Sendable {
    /// Increases with every build, good or bad; pages carry it for live reload.
    var version: Int
    /// What the build made, nil when it failed (or before the first build).
    var report: SiteBuilder.Report?
    /// The errors of the latest build, empty when it succeeded.
    var errors: [Diagnostic]

    var failed: Bool { report == nil }

    /// Builds the site incrementally into `options.output` (the preview folder),
    /// on a thread of its own: a build blocks its thread for as long as it takes,
    /// and Swift's cooperative pool (2 threads on 2 cores) must keep answering requests.
    static func make(_ options: SiteBuilder.Options, version: Int) async -> PreviewBuild {
        await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: makeBlocking(options, version: version)) }
            thread.name = "jixiao serve build"
            thread.stackSize = 8 << 20   // as the main thread of `jixiao build`
            thread.start()
        }
    }

    static func makeBlocking(_ options: SiteBuilder.Options, version: Int) -> PreviewBuild {
        do throws(DiagnosticsError) {
            return PreviewBuild(version: version, report: try SiteBuilder.build(options), errors: [])
        } catch {
            let errors = error.diagnostics.filter { $0.severity == .error }
            return PreviewBuild(version: version, report: nil, errors: errors.isEmpty ? error.diagnostics : errors)
        }
    }
}
