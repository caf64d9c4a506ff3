import Foundation
import JixiaoCore

/// The whole pipeline, load → validate → evaluate → render → write, as one call.
public struct SiteBuilder {
    public struct Options: Sendable {
        public var root: URL
        public var output: URL
        /// Overrides the theme named in site.yaml.
        public var theme: String?
        /// Downloads beyond CSV and JSON written beside each ranking (e.g. XLSX).
        public var extraDownloads: [DownloadFormat]
        /// Who the build is for; nil for site.yaml's default_audience (public unless set).
        public var audience: Audience? = nil
        /// Only these evaluations (folder names), for a self-contained archive of one; nil for all.
        public var onlyEvaluations: Set<String>? = nil

        public init(root: URL, output: URL? = nil, theme: String? = nil, extraDownloads: [DownloadFormat] = []) {
            self.root = root
            self.output = output ?? root.appendingPathComponent("site")
            self.theme = theme
            self.extraDownloads = extraDownloads
        }
    }

    public struct Report: Sendable {
        public var pages: Int
        public var files: Int
        public var warnings: [Diagnostic]
        public var seconds: Double
    }

    /// Reads, checks and evaluates everything (load → validate → evaluate).
    /// Throws every error found; warnings come back with the site.
    public static func evaluate(root: URL) throws(DiagnosticsError) -> (EvaluatedSite, warnings: [Diagnostic]) {
        let (content, loadWarnings) = try ContentLoader.load(root: root)
        var diagnostics = loadWarnings
        var site = SiteEvaluator.evaluate(content, diagnostics: &diagnostics)
        ContentChecks.run(site, root: root, diagnostics: &diagnostics)
        site.sources = content.sources
        diagnostics.sort(by: Diagnostic.reportOrder)
        if diagnostics.contains(where: { $0.severity == .error }) { throw DiagnosticsError(diagnostics) }
        return (site, diagnostics)
    }

    /// Evaluates and renders the site in memory, without writing anything.
    public static func make(_ options: Options) throws(DiagnosticsError) -> (SiteFiles, warnings: [Diagnostic]) {
        var (evaluated, diagnostics) = try evaluate(root: options.root)
        let audience = options.audience ?? evaluated.config.defaultAudience
        if audience == .public {
            // The privacy guard protects what reaches the public; internal builds may carry contacts.
            diagnostics += PrivacyGuard.check(evaluated.sources, policy: evaluated.config.privacy)
            if diagnostics.contains(where: { $0.severity == .error }) {
                throw DiagnosticsError(diagnostics.sorted(by: Diagnostic.reportOrder))
            }
        }
        evaluated.sources = []
        var site = AudienceFilter.view(evaluated, for: audience)
        if let only = options.onlyEvaluations {
            site.evaluations.removeAll { !only.contains($0.slug) }
        }
        let theme = try Theme.load(root: options.root, name: options.theme ?? site.config.theme)
        do throws(DiagnosticsError) {
            var files = try SiteRenderer.render(site, theme: theme, root: options.root, extraDownloads: options.extraDownloads)
            if audience == .public { PrivacyGuard.mask(&files, policy: site.config.privacy) }
            return (files, diagnostics.sorted(by: Diagnostic.reportOrder))
        } catch {
            throw DiagnosticsError((diagnostics + error.diagnostics).sorted(by: Diagnostic.reportOrder))
        }
    }

    /// Builds and writes the site; the previous output stays untouched unless
    /// everything succeeded.
    public static func build(_ options: Options) throws(DiagnosticsError) -> Report {
        let start = Date()
        let (files, warnings) = try make(options)
        try SiteWriter.write(files, to: options.output)
        return Report(pages: files.pageCount, files: files.files.count, warnings: warnings,
                      seconds: Date().timeIntervalSince(start))
    }
}
