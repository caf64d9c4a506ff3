import Foundation
import JixiaoCore
import JixiaoTemplate

/// What the previous build made, so the next one renders only what changed.
///
/// For every page it keeps a fingerprint of everything the page is made from
/// (the theme's templates and the page's whole template context; for a score
/// card, what the context is made from, see ScoreCardFingerprint; for a
/// download, its inputs and its content, see `SiteRenderer.downloadJobs`). A
/// page whose fingerprint is unchanged, and whose
/// file is still in the output as it was written, is not rendered again: the new
/// staging folder links to the old file. Anything else (a new template, a changed
/// unit, a deleted notice, another jixiao binary, other build options) simply
/// misses the cache, so an incremental build gives the same bytes as a clean one.
///
/// Kept in `.jixiao-cache/build.tsv` at the site root (not committed): a header
/// line with the key of the build options, then `fingerprint size path` per file.
/// Beside it, `evaluations/<slug>.tsv` keeps what scoring each evaluation found
/// (see EvaluationRecord), so that an unchanged evaluation is not scored again
/// either (see CarryOver), and `results.tsv` the stamps of results files that
/// need not be read (see ResultsStamp). A record is a file of its own because a
/// large evaluation's warnings are megabytes: an evaluation carried over keeps
/// its file as it is, and the files are read at once. Beside a record,
/// `evaluations/<slug>.ranking` may keep its ranking page's own context (see
/// RankingPageRecord), read only when that page is made again without scoring,
/// and `evaluations/<slug>.units` its units' own scores, so that scoring it again
/// scores only the units whose results changed (see UnitReuse);
/// `downloads/` the parts of the downloads made unit by unit (see DownloadPart).
public struct BuildCache: Sendable {
    public struct Entry: Sendable, Equatable {
        public var fingerprint: String
        public var size: Int
    }

    /// The folder `jixiao build` keeps its cache in, and `jixiao check` reads it from; `jixiao serve` keeps its own inside.
    public static func defaultFolder(root: URL) -> URL {
        root.appendingPathComponent(".jixiao-cache", isDirectory: true)
    }

    static let format = "jixiao-build-cache 1"
    static let recordsFormat = "jixiao-evaluation 5"

    /// The folder the cache lives in.
    let folder: URL
    /// The output folder the entries describe, as a path (see `intact`).
    let output: String
    /// Options, theme and jixiao binary, hashed: a cache made under other ones is not used.
    let key: String
    /// What every page shows (site.yaml, free pages, theme), hashed: records made
    /// under another one are not used.
    let site: String
    /// The previous build's files; empty for the first build.
    private(set) var previous: [String: Entry]
    /// Whether there is no previous build to start from (the first build, or one made for something else).
    var isEmpty: Bool { previous.isEmpty }
    /// The previous build's evaluations, by slug; empty when they cannot be trusted.
    private(set) var records: [String: EvaluationRecord]
    /// What `checkPages` found, by slug.
    private var checkedPages: [String: [Page]?] = [:]

    static let fileName = "build.tsv", recordsFolderName = "evaluations"
    /// Where records were kept before they had a file each; removed when found.
    static let formerRecordsFileName = "evaluations.tsv"
    var file: URL { folder.appendingPathComponent(Self.fileName) }
    var recordsFolder: URL { folder.appendingPathComponent(Self.recordsFolderName) }
    func recordFile(_ slug: String) -> URL { recordsFolder.appendingPathComponent("\(slug).tsv") }
    func rankingFile(_ slug: String) -> URL { recordsFolder.appendingPathComponent("\(slug).ranking") }
    /// The units' own scores of the evaluations, beside their records (see UnitScoreFile).
    var unitScoreStore: UnitScoreStore { UnitScoreStore(folder: recordsFolder, header: recordsHeader) }
    static let downloadsFolderName = "downloads"
    var downloadsFolder: URL { folder.appendingPathComponent(Self.downloadsFolderName) }
    /// Where the parts of the download at `path` are kept: one file per download,
    /// named by its path (`/` written as `%2F`).
    func partsFile(_ path: String) -> URL {
        downloadsFolder.appendingPathComponent(path.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "/", with: "%2F"))
    }
    /// The download whose parts the file `name` in `downloads/` keeps.
    static func downloadPath(partsFileName name: String) -> String {
        name.replacingOccurrences(of: "%2F", with: "/").replacingOccurrences(of: "%25", with: "%")
    }

    /// What the cache folder holds, read before the build's key is known (see
    /// `open`): each file's first line and what follows it.
    struct Stored: Sendable {
        // Strings, not substrings, so that the files' text is not kept alive.
        var header: String?
        var entries: [String: Entry]?
        /// Each record with the first line of its file, by slug.
        var records: [String: (header: String, record: EvaluationRecord)] = [:]
    }

    /// Reads the cache folder. A file that is missing or broken gives nil parts.
    static func read(folder: URL) -> Stored {
        var stored = Stored()
        if let text = TextFile.cacheText(folder.appendingPathComponent(fileName)) {
            var lines = text.nonEmptyLines[...]
            stored.header = lines.popFirst().map(String.init)
            stored.entries = entries(lines)
        }
        let names = (try? FileManager.default.contentsOfDirectory(
            atPath: folder.appendingPathComponent(recordsFolderName).path)) ?? []
        let files = names.filter { $0.hasSuffix(".tsv") }.sorted()
        // A broken or foreign file gives no record; its evaluation is scored again.
        // Mapped, not read: megabytes of warnings each, most of them left as they are
        // (see RecordedWarnings); the cache replaces a file by renaming a new one over it.
        let read = files.concurrentMap { name -> (header: String, record: EvaluationRecord)? in
            let path = folder.appendingPathComponent(recordsFolderName).appendingPathComponent(name)
            guard let file = try? Data(contentsOf: path, options: .alwaysMapped),
                  let (header, record) = EvaluationRecord.parse(file: file),
                  "\(record.slug).tsv" == name else { return nil }
            return (header, record)
        }
        for case let (header, record)? in read { stored.records[record.slug] = (header, record) }
        return stored
    }

    /// `fingerprint size path` lines; nil when one of them is broken.
    private static func entries(_ lines: some Collection<Substring>) -> [String: Entry]? {
        var entries: [String: Entry] = [:]
        entries.reserveCapacity(lines.count)
        for line in lines {
            let fields = line.tabSeparatedFields
            guard fields.count == 3, let size = Int(fields[1]) else { return nil }
            entries[String(fields[2])] = Entry(fingerprint: String(fields[0]), size: size)
        }
        return entries
    }

    /// The cache for a build of `output` with `key` and site-wide inputs `site`,
    /// from what `read` found; empty when there is none or it was made for something else.
    static func open(_ stored: Stored, folder: URL, output: URL, key: StableHash, site: StableHash) -> BuildCache {
        var cache = BuildCache(folder: folder, output: output.path, key: key.hex, site: site.hex, previous: [:], records: [:])
        guard stored.header == "\(format)\t\(cache.key)", let entries = stored.entries else { return cache }
        cache.previous = entries
        let header = cache.recordsHeader
        for (slug, stored) in stored.records where stored.header == header {
            cache.records[slug] = stored.record
        }
        return cache
    }

    /// The previous build's file for `path` and the fingerprint it was made from,
    /// when `matches` accepts that fingerprint (the same one, or a part of it) and
    /// the file is still there with the size it was written with.
    func reusable(_ path: String, matching matches: (String) -> Bool) -> (SiteFiles.Contents, fingerprint: String)? {
        guard let entry = previous[path], matches(entry.fingerprint), let file = intact(path, entry) else { return nil }
        return (file, entry.fingerprint)
    }

    /// The previous build's file for `path`, if it is still a regular file of the
    /// size it was written with. Named by joining text: a URL for each of
    /// thousands of files was a large part of an incremental build.
    private func intact(_ path: String, _ entry: Entry) -> SiteFiles.Contents? {
        intact(path, entry) { lstat("\(output)/\(path)", &$0) }
    }

    /// The same, with `examine` filling in the file's status (0: it did).
    private func intact(_ path: String, _ entry: Entry, examine: (inout stat) -> Int32) -> SiteFiles.Contents? {
        var status = stat()
        guard examine(&status) == 0, status.st_mode & S_IFMT == S_IFREG, Int(status.st_size) == entry.size
        else { return nil }
        return .previous(path: "\(output)/\(path)", size: entry.size, file: FileIdentity(status))
    }

    typealias Page = (path: String, file: SiteFiles.Contents, entry: Entry)

    /// The previous build's pages and downloads of an evaluation (everything under
    /// its folder that the cache knows), if every one of them is still intact; as
    /// `checkPages` found them, if it was asked.
    func pages(of slug: String) -> [Page]? {
        if let checked = checkedPages[slug] { return checked }
        let prefix = "\(slug)/"
        var pages: [Page] = []
        // Each looked at by its name in its open folder, which costs a third less than by the whole path.
        var folders: [Substring: Int32] = [:]
        defer { for descriptor in folders.values where descriptor >= 0 { close(descriptor) } }
        for (path, entry) in previous where path.hasPrefix(prefix) {
            let slash = path.lastIndex(of: "/")!, parent = path[..<slash]
            let folder = folders[parent] ?? openFolder("\(output)/\(parent)")
            folders[parent] = folder
            guard folder >= 0, let file = intact(path, entry, examine: {
                fstatat(folder, String(path[path.index(after: slash)...]), &$0, AT_SYMLINK_NOFOLLOW)
            }) else { return nil }
            pages.append((path, file, entry))
        }
        return pages.isEmpty ? nil : pages
    }

    /// Whether an evaluation's pages are intact (see `pages(of:)`), remembered for
    /// the render, which keeps them: a file looked at once, not twice, when
    /// thousands of them are carried over.
    mutating func checkPages(of slug: String) -> Bool {
        checkPages(of: [slug])
        return checkedPages[slug]! != nil
    }

    /// Checks the pages of several evaluations, each on its own core (thousands of
    /// files each), and remembers what it found.
    mutating func checkPages(of slugs: [String]) {
        let cache = self
        let found = slugs.filter { checkedPages[$0] == nil }.concurrentMap { ($0, cache.pages(of: $0)) }
        for (slug, pages) in found { checkedPages[slug] = .some(pages) } // remembered when not intact too
    }

    /// The first line of a record's file: records made under another key or site are not used.
    var recordsHeader: String { "\(Self.recordsFormat)\t\(key)\t\(site)" }

    /// The ranking page's own context kept for the evaluation `slug` (see
    /// RankingPageRecord), if there is one that belongs to its record.
    func rankingBase(of slug: String) -> [String: TemplateValue]? {
        guard let record = records[slug], let file = try? Data(contentsOf: rankingFile(slug)) else { return nil }
        return RankingPageRecord.read([UInt8](file), header: recordsHeader, digest: record.digest)
    }

    /// The previous build's file of a download made unit by unit, with its parts,
    /// if both are still as that build wrote them (see DownloadPart).
    func previousDownload(_ path: String) -> PreviousDownload? {
        // The file is mapped: only the kept parts' pages are read, and a build replaces
        // the file by a new one (never rewrites it in place) while the old one is mapped.
        guard let entry = previous[path], intact(path, entry) != nil,
              let index = try? Data(contentsOf: partsFile(path)),
              let parts = DownloadPartIndex.parts([UInt8](index), fingerprint: entry.fingerprint),
              let file = try? Data(contentsOf: URL(fileURLWithPath: "\(output)/\(path)"), options: .alwaysMapped), file.count == entry.size
        else { return nil }
        return PreviousDownload(file: file, parts: parts)
    }

    /// Writes the entries and records of the build just finished (temporary files
    /// renamed over the old ones, so a killed build never leaves half a cache).
    /// `results`: the stamps of the results files the next build need not read (see
    /// ResultsStamp). A record this cache read and the build carried over unchanged
    /// keeps its file, and its ranking's; `rankings`: the ranking pages' own
    /// contexts of the evaluations scored (see RankingPageRecord); `downloadParts`:
    /// the parts of the downloads made unit by unit (a download kept keeps its file).
    /// The units' own scores beside each record (see UnitScoreFile) are written
    /// while scoring; those of evaluations that are gone are deleted here.
    func save(_ entries: [String: Entry], records: [EvaluationRecord], rankings: [String: [UInt8]] = [:],
              downloadParts: [String: [DownloadPart]] = [:], results: [String: ResultsStamp.Stored] = [:]) {
        let fm = FileManager.default
        // Half-written copies left by builds that were killed while saving.
        for entry in (try? fm.contentsOfDirectory(atPath: folder.path)) ?? []
        where [Self.fileName, ResultsStamp.fileName].contains(where: { entry.hasPrefix("\($0).") }) {
            try? fm.removeItem(at: folder.appendingPathComponent(entry))
        }
        try? fm.removeItem(at: folder.appendingPathComponent(Self.formerRecordsFileName))
        try? fm.createDirectory(at: recordsFolder, withIntermediateDirectories: true)
        // Written in this order (see `FileText.replace`); made and synced together.
        var files: [FileText.Replacement] = []
        let key = key, recordsHeader = recordsHeader
        // The stamps carry the key too: stamps whose key is not the build's are not trusted.
        files.append((folder.appendingPathComponent(ResultsStamp.fileName), { output in
            output.write(ResultsStamp.lines(key: key, results))
        }))
        // The records first: they are only read together with a build.tsv of the same key.
        let kept = Set(records.flatMap { ["\($0.slug).tsv", "\($0.slug).ranking", "\($0.slug).units"] })
        for name in (try? fm.contentsOfDirectory(atPath: recordsFolder.path)) ?? [] where !kept.contains(name) {
            try? fm.removeItem(at: recordsFolder.appendingPathComponent(name)) // gone, or half-written
        }
        for record in records where self.records[record.slug] != record {
            // Before the record: a ranking file is only used with the record it names.
            if let ranking = rankings[record.slug] {
                files.append((rankingFile(record.slug), { output in
                    output.write(bytes: RankingPageRecord.file(header: recordsHeader, digest: record.digest, context: ranking))
                }))
            } else {
                try? fm.removeItem(at: rankingFile(record.slug))
            }
            files.append((recordFile(record.slug), { output in
                output.write(bytes: EvaluationRecord.file(record, header: recordsHeader))
            }))
        }
        // Also before build.tsv; each names the fingerprint of the file it describes,
        // so an index is only used with the file it was written for.
        try? fm.createDirectory(at: downloadsFolder, withIntermediateDirectories: true)
        for name in (try? fm.contentsOfDirectory(atPath: downloadsFolder.path)) ?? []
        where entries[Self.downloadPath(partsFileName: name)] == nil {
            try? fm.removeItem(at: downloadsFolder.appendingPathComponent(name)) // gone, or half-written
        }
        for (path, parts) in downloadParts.sorted(by: { $0.key < $1.key }) {
            guard let entry = entries[path] else { continue }
            files.append((partsFile(path), { output in
                output.write(bytes: DownloadPartIndex.bytes(parts, fingerprint: entry.fingerprint))
            }))
        }
        files.append((file, { output in
            output.write("\(Self.format)\t\(key)\n")
            for path in entries.keys.sorted() {
                let entry = entries[path]!
                output.write("\(entry.fingerprint)\t\(entry.size)\t\(path)\n")
            }
        }))
        FileText.replace(files)
    }

    /// Forgets the previous build's pages and stamps (before the output changes):
    /// without a build.tsv of the same key nothing of the cache is trusted.
    func remove() {
        try? FileManager.default.removeItem(at: file)
        // The records stay: they are only used together with a build.tsv of the same key.
        try? FileManager.default.removeItem(at: folder.appendingPathComponent(ResultsStamp.fileName))
    }

    /// The jixiao binary itself: a rebuilt binary may render the same context differently.
    static var executableIdentity: String {
        let path = Bundle.main.executableURL?.path ?? CommandLine.arguments[0]
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return path }
        let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        return "\(path) \(size) \(modified)"
    }
}

extension StableHash {
    /// Adds a template value: its kind, then its content (an object's members in
    /// any order; a record as the object of the same members).
    mutating func add(_ value: TemplateValue) {
        switch value {
        case .string(let text):
            add(1)
            add(text)
        case .bool(let flag):
            add(flag ? 2 : 3)
        case .int(let number):
            add(4)
            add(number)
        case .list(let items):
            add(5)
            add(items.count)
            for item in items { add(item) }
        case .object(let members):
            addMembers(members.lazy.map { ($0.key, $0.value) })
        case .record(let shape, let values):
            addMembers(zip(shape.names, values))
        case .null:
            add(7)
        }
    }

    /// An object's or a record's members, named, in any order.
    private mutating func addMembers(_ members: some Sequence<(String, TemplateValue)>) {
        add(6)
        addUnordered(members) { hash, member in
            hash.add(member.0)
            hash.add(member.1)
        }
    }
}

/// A folder opened to look at the files in it by name (-1 when it cannot be).
private func openFolder(_ path: String) -> Int32 {
    open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
}
