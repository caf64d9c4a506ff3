import ArgumentParser
import Foundation
import JixiaoInterchange
import JixiaoSite

/// Which build: where it goes, with which theme, for whom. `jixiao build` takes
/// them to make it, `jixiao check` to check that same build and read its cache.
struct BuildOptions: ParsableArguments {
    @Option(name: .long, help: "The site's output folder. Default: <root>/site.")
    var output: String?

    @Option(name: .long, help: "Theme folder under themes/ (overrides site.yaml).")
    var theme: String?

    @Option(name: .long, help: "Who the site is for: public (default unless site.yaml sets default_audience) or internal (everything, marked 内部资料).")
    var audience: Audience?

    /// The builder's options for the site at `root`, with the spreadsheet downloads
    /// and the cache in `<root>/.jixiao-cache/` unless `cached` is false.
    func builder(root: URL, cached: Bool) -> SiteBuilder.Options {
        var options = SiteBuilder.Options(
            root: root,
            output: output.map { URL(fileURLWithPath: $0, isDirectory: true).standardizedFileURL },
            theme: theme,
            extraDownloads: SpreadsheetDownloads.formats)
        options.audience = audience
        options.cache = cached ? BuildCache.defaultFolder(root: root) : nil
        return options
    }
}
