import Foundation
import JixiaoSite

/// Where `jixiao serve` builds: a site folder and a build cache of its own under
/// the root's `.jixiao-cache/serve/`, never the user's `site/` nor the cache of
/// `jixiao build` (whose key names another output, so the two would only evict
/// each other). Both persist, so restarting serve on an unchanged site is fast.
public struct PreviewFolder: Sendable {
    /// The built site, answered from on disk.
    public let site: URL
    /// The build cache (see BuildCache) describing `site`.
    public let cache: URL

    public init(root: URL) {
        let base = root.appendingPathComponent(".jixiao-cache", isDirectory: true)
            .appendingPathComponent("serve", isDirectory: true)
        site = base.appendingPathComponent("site", isDirectory: true)
        cache = base.appendingPathComponent("cache", isDirectory: true)
    }

    /// `options` pointed at this folder: whatever output it named, serve writes here.
    public func pointing(_ options: SiteBuilder.Options) -> SiteBuilder.Options {
        var options = options
        options.output = site
        options.cache = cache
        return options
    }
}
