import Foundation
import JixiaoCore

/// How much a render made.
public struct RenderCount: Sendable {
    public var files = 0
    /// Pages are the HTML files, what a reader opens.
    public var pages = 0
    /// Files kept from the previous build instead of being made again.
    public var reused = 0
    /// What the next incremental build compares with (see BuildCache).
    var cacheEntries: [String: BuildCache.Entry] = [:]
    /// The ranking pages' own contexts, encoded, by slug (see RankingPageRecord).
    var rankingRecords: [String: [UInt8]] = [:]
    /// The parts of the downloads made unit by unit, by path (see DownloadPart).
    var downloadParts: [String: [DownloadPart]] = [:]

    mutating func add(_ other: RenderCount) {
        files += other.files
        pages += other.pages
        reused += other.reused
        cacheEntries.merge(other.cacheEntries) { _, new in new }
        rankingRecords.merge(other.rankingRecords) { _, new in new }
        downloadParts.merge(other.downloadParts) { _, new in new }
    }
}

/// Runs the render jobs on every core. Each job works on its own copy of the
/// renderer (contexts and output never shared) and hands its files to the sink
/// the moment it ends, so memory holds a few pages per core rather than the
/// whole site. The files are the same in any order, so the site stays
/// byte-identical whatever the scheduling. Each core renders with its own copy of
/// the parsed templates (see `TemplateLibrary.privateCopy`).
enum ParallelJobs {
    static func run(_ jobs: [SiteRenderer.Job], worker template: SiteRenderer,
                    sink: any SiteSink) -> (RenderCount, [Diagnostic]) {
        let outcomes = jobs.concurrentMap(workerState: {
            var own = template
            own.theme = template.theme.workerCopy()
            return own
        }) { worker, job -> (RenderCount, [Diagnostic]) in
            var renderer = worker
            job(&renderer)
            var count = RenderCount()
            count.rankingRecords = renderer.rankingRecords
            count.downloadParts = renderer.downloadParts
            for (path, contents) in renderer.files.files {
                do throws(DiagnosticsError) {
                    let size = try sink.put(path, contents)
                    count.files += 1
                    if path.hasSuffix(".html") { count.pages += 1 }
                    if case .previous = contents { count.reused += 1 }
                    if let fingerprint = renderer.fingerprints[path] {
                        count.cacheEntries[path] = BuildCache.Entry(fingerprint: fingerprint, size: size)
                    }
                } catch {
                    renderer.diagnostics += error.diagnostics
                }
            }
            return (count, renderer.diagnostics)
        }
        var total = RenderCount()
        // Sized at once for the whole site rather than grown job by job.
        total.cacheEntries.reserveCapacity(outcomes.reduce(0) { $0 + $1.0.cacheEntries.count })
        var diagnostics: [Diagnostic] = []
        for (count, found) in outcomes {
            total.add(count)
            diagnostics += found
        }
        return (total, diagnostics.sortedForReport())
    }
}
