import Foundation
import JixiaoCore

/// Where rendered files go the moment they are made. Pages render on every core
/// and are handed over one by one, so a large site never has to sit in memory:
/// a build streams them into its staging folder (StagingFolder), a preview or an
/// archive collects them (SiteFiles).
public protocol SiteSink: Sendable {
    /// Takes one finished file and says how many bytes it holds. Called from several threads at once.
    /// Throws what went wrong; once a file has failed, a sink may refuse the others
    /// with no diagnostics of their own (the build has failed already).
    @discardableResult
    func put(_ path: String, _ contents: SiteFiles.Contents) throws(DiagnosticsError) -> Int
}

/// Collects files in memory, for archives and tests.
final class CollectingSink: SiteSink, @unchecked Sendable {
    private let lock = NSLock()
    private var files = SiteFiles()

    func put(_ path: String, _ contents: SiteFiles.Contents) -> Int {
        var contents = contents
        if case .previous = contents {
            contents = .data((try? contents.bytes()) ?? Data())
        }
        lock.withLock { files.put(path, contents) }
        return contents.byteCount
    }

    var collected: SiteFiles { lock.withLock { files } }
}

/// Keeps nothing: for checking that every page renders.
struct DiscardingSink: SiteSink {
    func put(_ path: String, _ contents: SiteFiles.Contents) -> Int { contents.byteCount }
}

/// Masks personal data (as the site's privacy policy asks) in the text files of a
/// public build before they reach the next sink.
struct MaskingSink: SiteSink {
    let next: any SiteSink
    let policy: PrivacyPolicy

    func put(_ path: String, _ contents: SiteFiles.Contents) throws(DiagnosticsError) -> Int {
        // A file kept from the previous build was masked when it was written.
        try next.put(path, PrivacyGuard.mask(path, contents, policy: policy))
    }
}

extension SiteFiles.Contents {
    /// The file's size in bytes (0 when a copied file cannot be read).
    var byteCount: Int {
        switch self {
        case .data(let data): data.count
        case .copy(let url):
            ((try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? NSNumber)?.intValue ?? 0
        case .previous(_, let size, _): size
        }
    }
}
