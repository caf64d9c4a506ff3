import Foundation
import JixiaoCore
import JixiaoSite
import JixiaoZIP

/// `jixiao archive`: one evaluation as a self-contained zip — its pages,
/// downloads and the theme's assets, with a home page and archive that list only
/// it, so every relative link works wherever the zip is unpacked — plus a
/// manifest of every file's SHA-256. The same content gives the same bytes.
public enum EvaluationArchive {
    public static let generator = "jixiao \(JixiaoVersion.current)"

    /// A zip and what building it found.
    public struct Made: Sendable {
        public var data: Data
        /// The warnings of the evaluation's files, as `jixiao build` gives them.
        public var warnings: BuildWarnings
        /// Links of the archived pages to pages the archive does not hold (see ContentChecks.linksLeaving).
        public var linksLeaving: [Diagnostic]
    }

    /// Builds the evaluation (scoring only it and the year before it, see
    /// EvaluationScope) and returns the zip's bytes.
    public static func make(root: URL, evaluation slug: String,
                            extraDownloads: [DownloadFormat] = []) throws(DiagnosticsError) -> Made {
        var options = SiteBuilder.Options(root: root, extraDownloads: extraDownloads)
        options.onlyEvaluations = [slug]
        // Each file is hashed and compressed as it is rendered, on every core: the
        // archive holds its files compressed only (a 2,000-unit year: 93 MB as pages, 19 MB so).
        let sink = ArchiveSink()
        let (warnings, linksLeaving) = try SiteBuilder.make(options, into: sink)
        var archived = sink.files
        guard archived.contains(where: { $0.path.hasPrefix("\(slug)/") }) else {
            throw DiagnosticsError([.error(at: SourceLocation(file: "content/\(slug)"), "没有名为“\(slug)”的考核",
                                           hint: "参数写 content/ 下考核文件夹的名称。")])
        }
        archived.sort { $0.path < $1.path }
        let manifest = ArchiveManifest(
            evaluation: slug, generator: generator, sourceHash: sourceHash(root: root, evaluation: slug),
            files: archived.map { .init(path: $0.path, size: $0.segment.length, sha256: $0.sha256) })
        do {
            archived.append(try ArchivedFile(path: ArchiveManifest.fileName, data: manifest.json()))
            return Made(data: try zip(archived, folder: "jixiao-\(slug)"), warnings: warnings, linksLeaving: linksLeaving)
        } catch {
            throw DiagnosticsError([.error(at: SourceLocation(file: slug), "无法生成压缩包：\(error)")])
        }
    }

    /// One file of the archive, hashed and compressed.
    struct ArchivedFile: Sendable {
        var path: String
        var sha256: String
        var segment: DeflatedSegment

        init(path: String, data: Data) throws {
            self.path = path
            sha256 = SHA256.hex(data)
            segment = try DeflatedSegment(compressing: [UInt8](data), last: true)
        }
    }

    /// Takes the rendered files as archive entries.
    final class ArchiveSink: SiteSink, @unchecked Sendable {
        private let lock = NSLock()
        private var taken: [ArchivedFile] = []

        func put(_ path: String, _ contents: SiteFiles.Contents) throws(DiagnosticsError) -> Int {
            let file: ArchivedFile
            do {
                file = try ArchivedFile(path: path, data: contents.bytes())
            } catch {
                throw DiagnosticsError([.error(at: SourceLocation(file: path), "无法读取文件", hint: "检查文件是否存在。")])
            }
            lock.withLock { taken.append(file) }
            return file.segment.length
        }

        var files: [ArchivedFile] { lock.withLock { taken } }
    }

    /// Files in a top folder, sorted by path, each dated 2000-01-01 00:00 (so the
    /// zip does not depend on when it was made) with mode 644.
    static func zip(_ files: [ArchivedFile], folder: String) throws -> Data {
        var zip = ZIPWriter(year: 2000)
        for file in files.sorted(by: { $0.path < $1.path }) {
            try zip.add("\(folder)/\(file.path)", segments: [file.segment])
        }
        return try zip.data()
    }

    /// SHA-256 over the bytes of the content the archive was built from: the
    /// evaluation's folder, the site configuration and the free pages.
    static func sourceHash(root: URL, evaluation slug: String) -> String {
        var listing = ""
        for folder in ["content/\(slug)", "content/pages"] {
            for path in files(under: root.appendingPathComponent(folder)) {
                let data = (try? Data(contentsOf: root.appendingPathComponent("\(folder)/\(path)"))) ?? Data()
                listing += "\(folder)/\(path)\t\(SHA256.hex(data))\n"
            }
        }
        let site = (try? Data(contentsOf: root.appendingPathComponent("content/site.yaml"))) ?? Data()
        listing += "content/site.yaml\t\(SHA256.hex(site))\n"
        return SHA256.hex(Data(listing.utf8))
    }

    static func files(under folder: URL) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return [] }
        var paths: [String] = []
        for case let path as String in enumerator {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path, isDirectory: &isDir), !isDir.boolValue {
                paths.append(path)
            }
        }
        return paths.sorted()
    }
}
