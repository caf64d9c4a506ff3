import Foundation
import JixiaoCore

/// Reads `content/` into `SiteContent`: the first step of load → validate →
/// evaluate → render → write. Every problem is collected, not just the first, so
/// one `jixiao build` shows the author all there is to fix.
public struct ContentLoader {
    public let root: URL
    private(set) var diagnostics: [Diagnostic] = []
    private(set) var sources: [(path: String, text: String)] = []

    /// The root as a path: file paths are joined as text, since building a URL
    /// for each of tens of thousands of files was a tenth of reading them.
    private let rootPath: String
    /// For a build with a cache: what the previous build stored of evaluations'
    /// results files, by slug; results files with the same stamp are not read
    /// (see ResultsStamp). nil takes no stamps.
    var storedResults: [String: ResultsStamp.Stored]?
    /// For a command about some evaluations only (see EvaluationScope): no results
    /// files are read here. Scoring reads those of the evaluations it scores
    /// (`completeResults`); the others' (megabytes each) are never read.
    var defersResults = false

    public init(root: URL) {
        self.root = root
        rootPath = root.path
    }

    /// Where a file named relative to the root is.
    private func fullPath(_ path: String) -> String {
        rootPath.hasSuffix("/") ? rootPath + path : rootPath + "/" + path
    }

    /// Loads the site, or throws every problem found. `storedResults`: see the property.
    public static func load(root: URL) throws(DiagnosticsError) -> (SiteContent, warnings: [Diagnostic]) {
        try load(root: root, storedResults: nil)
    }

    static func load(root: URL, storedResults: [String: ResultsStamp.Stored]?, defersResults: Bool = false) throws(DiagnosticsError)
        -> (SiteContent, warnings: [Diagnostic]) {
        var loader = ContentLoader(root: root)
        loader.storedResults = storedResults
        loader.defersResults = defersResults
        var content = loader.loadSite()
        content.sources = loader.sources
        let errors = loader.diagnostics.filter { $0.severity == .error }
        if !errors.isEmpty { throw DiagnosticsError(loader.diagnostics.sortedForReport()) }
        return (content, loader.diagnostics)
    }

    mutating func loadSite() -> SiteContent {
        let contentDir = root.appendingPathComponent("content")
        guard isDirectory(contentDir) else {
            diagnostics.append(.error(at: SourceLocation(file: "content"), "找不到 content/ 文件夹",
                                      hint: "在站点根目录运行，或用 --root 指定含有 content/ 的文件夹。"))
            return SiteContent(config: .default, pages: [], evaluations: [])
        }
        var config = SiteConfig.default
        if let value = dataFile("content/site", required: false) {
            config = SiteConfig.read(value, diagnostics: &diagnostics)
        } else {
            diagnostics.append(.warning(at: SourceLocation(file: "content/site.yaml"), "没有站点配置 site.yaml，使用默认值",
                                        hint: "新建 content/site.yaml，写明网站名称、主办单位和备案号。"))
        }
        let pages = markdownFiles(in: "content/pages")
        var digest = StableHash()
        for (path, text) in sources {
            digest.add(path)
            digest.add(text)
        }
        let names = listing("content").filter { isDirectory(contentDir.appendingPathComponent($0)) && $0 != "pages" }
        // Evaluations are independent folders: each is read on its own core by its own loader.
        let loaded = names.concurrentMap { [root, storedResults, defersResults] name in
            var loader = ContentLoader(root: root)
            loader.storedResults = storedResults
            loader.defersResults = defersResults
            var evaluation = loader.loadEvaluation(slug: name)
            for (path, text) in loader.sources where !EvaluationContent.isResultsFile(path, of: name) {
                evaluation?.definitionsDigest.add(path)
                evaluation?.definitionsDigest.add(text)
            }
            for attachment in evaluation?.attachments ?? [] {
                evaluation?.definitionsDigest.add(attachment)
                evaluation?.definitionsDigest.add(loader.fileStamp("content/\(name)/\(attachment)"))
            }
            evaluation?.updateDigest()
            return (evaluation, loader.diagnostics, loader.sources)
        }
        var evaluations: [EvaluationContent] = []
        for (evaluation, found, read) in loaded {
            evaluations += evaluation.map { [$0] } ?? []
            diagnostics += found
            sources += read
        }
        return SiteContent(config: config, pages: pages, evaluations: evaluations, digest: digest)
    }

    mutating func loadEvaluation(slug: String) -> EvaluationContent? {
        let folder = "content/\(slug)"
        guard Slug.isValid(slug) else {
            diagnostics.append(.error(at: SourceLocation(file: folder), "文件夹名“\(slug)”不能用作网址",
                                      hint: "考核文件夹名只用小写字母、数字和连字符，例如 2019-guangxi-grain。"))
            return nil
        }
        guard let settings = dataFile("\(folder)/evaluation", required: true) else { return nil }
        var evaluation = EvaluationContent(slug: slug, folder: folder, settings: settings)
        evaluation.plan = markdownFile("\(folder)/plan.md")
        evaluation.report = markdownFile("\(folder)/report.md")
        evaluation.indicators = dataFile("\(folder)/indicators", required: false)
        evaluation.indicatorFiles = markdownFiles(in: "\(folder)/indicators")
        if let index = evaluation.indicatorFiles.firstIndex(where: { $0.stem == "_index" }) {
            evaluation.indicatorIndex = evaluation.indicatorFiles.remove(at: index)
        }
        if evaluation.indicators != nil, !evaluation.indicatorDocuments.isEmpty {
            diagnostics.append(.error(at: SourceLocation(file: "\(folder)/indicators"),
                                      "指标体系同时写在 indicators.yaml 和 indicators/ 文件夹中",
                                      hint: "只保留一种写法。"))
        }
        // Taken before the files are read: a file changed meanwhile has another stamp next time.
        let stamp = storedResults == nil ? nil : ResultsStamp.take(folder: fullPath(folder))
        if defersResults {
            evaluation.resultsSkipped = true
        } else if let stored = storedResults?[slug], let stamp, stamp.hex == stored.stamp {
            evaluation.resultsDigest = stored.digest
            evaluation.resultsSkipped = true
            evaluation.resultsStamp = stamp.hex
        } else {
            evaluation.resultsStamp = stamp?.recent == false ? stamp?.hex : nil
            readResults(into: &evaluation)
        }
        evaluation.notices = markdownFiles(in: "\(folder)/notices")
        evaluation.attachments = files(under: "\(folder)/attachments").map { String($0.dropFirst(folder.count + 1)) }
        return evaluation
    }

    /// results.csv and results/*.md of an evaluation, and their digest.
    mutating func readResults(into evaluation: inout EvaluationContent) {
        let folder = evaluation.folder
        let first = sources.count
        let path = "\(folder)/results.csv"
        let csv = fullPath(path)
        // The table is read while the self-reports are.
        let table = FileManager.default.fileExists(atPath: csv) ? Background { () -> Result<String, DiagnosticsError> in
            do throws(DiagnosticsError) {
                return .success(try CSVSource.decode(try TextFile.bytes(atPath: csv, path: path), file: path))
            } catch {
                return .failure(error)
            }
        } : nil
        let selfReports = markdownFiles(in: "\(folder)/results")
        switch table?.wait() {
        case .success(let text)?:
            evaluation.resultsTable = (path, text)
            sources.insert((path, text), at: first)
        case .failure(let error)?:
            diagnostics += error.diagnostics
        case nil:
            break
        }
        evaluation.unitDocuments = selfReports
        evaluation.resultsSkipped = false
        var digest = StableHash()
        for (path, text) in sources[first...] {
            digest.add(path)
            digest.add(text)
        }
        evaluation.resultsDigest = digest.hex
        evaluation.resultsMayHaveLinks = evaluation.unitDocuments.contains { LinkCheck.mayHaveLinks($0.body) }
    }

    /// Reads the results files that loading skipped (see ResultsStamp), for
    /// evaluations that are to be scored after all, each on its own core. Gives
    /// what reading them reported and their texts, for the privacy guard.
    static func completeResults(of evaluations: inout [EvaluationContent], root: URL)
        -> (diagnostics: [Diagnostic], sources: [(path: String, text: String)]) {
        guard evaluations.contains(where: \.resultsSkipped) else { return ([], []) }
        let completions = evaluations.concurrentMap { evaluation in
            var evaluation = evaluation
            var loader = ContentLoader(root: root)
            if evaluation.resultsSkipped {
                loader.readResults(into: &evaluation)
                evaluation.updateDigest()
            }
            return (evaluation, loader.diagnostics, loader.sources)
        }
        var read: (diagnostics: [Diagnostic], sources: [(path: String, text: String)]) = ([], [])
        for (index, (evaluation, diagnostics, sources)) in completions.enumerated() {
            evaluations[index] = evaluation
            read.diagnostics += diagnostics
            read.sources += sources
        }
        return read
    }

    // MARK: Files

    /// `base.yaml`, `base.yml` or `base.json`; exactly one may exist.
    mutating func dataFile(_ base: String, required: Bool) -> SourceValue? {
        let candidates = ["yaml", "yml", "json"].map { "\(base).\($0)" }
            .filter { FileManager.default.fileExists(atPath: fullPath($0)) }
        guard let path = candidates.first else {
            if required {
                diagnostics.append(.error(at: SourceLocation(file: "\(base).yaml"), "缺少文件 \(base).yaml",
                                          hint: "每个考核文件夹都需要 evaluation.yaml（或 .json），写明年度、考核对象等。"))
            }
            return nil
        }
        if candidates.count > 1 {
            diagnostics.append(.error(at: SourceLocation(file: candidates[1]), "\(candidates.joined(separator: " 与 ")) 重复",
                                      hint: "同一份数据只保留一个文件。"))
        }
        do throws(DiagnosticsError) {
            let text = try TextFile.read(atPath: fullPath(path), path: path)
            sources.append((path, text))
            return try YAMLSource.parse(text, file: path)
        } catch {
            diagnostics += error.diagnostics
            return nil
        }
    }

    /// `listed`: the name came from the folder's listing, so the file is known to exist.
    mutating func markdownFile(_ path: String, listed: Bool = false) -> ContentDocument? {
        let file = fullPath(path)
        guard listed || FileManager.default.fileExists(atPath: file) else { return nil }
        do throws(DiagnosticsError) {
            let text = try TextFile.read(atPath: file, path: path)
            sources.append((path, text))
            let split = try FrontMatter.split(text: text, file: path)
            return ContentDocument(path: path, frontMatter: split.frontMatter, body: split.body, bodyLine: split.bodyLine)
        } catch {
            diagnostics += error.diagnostics
            return nil
        }
    }

    mutating func markdownFiles(in folder: String) -> [ContentDocument] {
        let names = Self.markdownNames(in: listing(folder))
        // A folder of thousands of self-reports is read in pieces on every core, taken in order after.
        let pieceSize = 250
        guard names.count > 2 * pieceSize else { return names.compactMap { markdownFile("\(folder)/\($0)", listed: true) } }
        let read = names.concurrentMap(piecesOf: pieceSize) { [root] piece in
            var loader = ContentLoader(root: root)
            let documents = piece.compactMap { loader.markdownFile("\(folder)/\($0)", listed: true) }
            return (documents, loader.diagnostics, loader.sources)
        }
        var documents: [ContentDocument] = []
        for (piece, found, texts) in read {
            documents += piece
            diagnostics += found
            sources += texts
        }
        return documents
    }

    /// The names of a folder's Markdown documents, in the order they are read:
    /// what `markdownFiles` reads and `ResultsStamp` stamps.
    static func markdownNames(in names: [String]) -> [String] {
        names.filter { !$0.hasPrefix(".") && $0.hasSuffix(".md") }.sorted()
    }

    /// Names in a folder, sorted so that builds do not depend on the file system's
    /// order. A link that leads outside content/ is refused: a site must never
    /// publish a file from elsewhere on the machine.
    mutating func listing(_ folder: String) -> [String] {
        // Only entries that may be links are looked at: a folder of thousands of self-reports has none.
        let entries = (try? FolderNames.entries(fullPath(folder))) ?? []
        let mayBeLinks = Set(entries.lazy.filter(\.mayBeLink).map(\.name))
        let content = root.appendingPathComponent("content").resolvingSymlinksInPath().path + "/"
        return entries.map(\.name).filter { !$0.hasPrefix(".") }.sorted().filter { name in
            guard mayBeLinks.contains(name) else { return true }
            let file = fullPath("\(folder)/\(name)")
            var status = stat()
            guard lstat(file, &status) == 0, status.st_mode & S_IFMT == S_IFLNK else { return true }
            if URL(fileURLWithPath: file).resolvingSymlinksInPath().path.hasPrefix(content) { return true }
            diagnostics.append(.error(at: SourceLocation(file: "\(folder)/\(name)"), "符号链接指向 content/ 之外，已拒绝",
                                      hint: "把文件复制到 content/ 内，不要链接到站点以外的位置。"))
            return false
        }
    }

    /// Every regular file below `folder`, as paths relative to the root, sorted.
    mutating func files(under folder: String) -> [String] {
        var result: [String] = []
        for name in listing(folder) {
            let path = "\(folder)/\(name)"
            if isDirectory(root.appendingPathComponent(path)) {
                result += files(under: path)
            } else {
                result.append(path)
            }
        }
        return result
    }

    /// `stamp(ofFile:)` of `path`, relative to the root.
    func fileStamp(_ path: String) -> String {
        Self.stamp(ofFile: fullPath(path))
    }

    /// A file's size and modification time, which change when it is written: what
    /// tells an attachment (or a theme asset) changed without reading it; "-" when
    /// there is no such file.
    static func stamp(ofFile path: String) -> String {
        var status = stat()
        guard stat(path, &status) == 0 else { return "-" }
        return "\(status.st_size) \(status.st_mtim.tv_sec).\(status.st_mtim.tv_nsec)"
    }

    func isDirectory(_ url: URL) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) && isDir.boolValue
    }
}
