import Foundation
import ZIPFoundation

/// `jixiao verify`: checks an archive against its manifest and names every
/// missing, extra or altered file.
public enum ArchiveVerifier {
    public struct Report: Sendable, Equatable {
        public var evaluation: String?
        public var checked = 0
        public var missing: [String] = []
        public var extra: [String] = []
        public var altered: [String] = []
        /// Problems with the archive itself (not a zip, no manifest).
        public var problems: [String] = []

        public var isIntact: Bool { missing.isEmpty && extra.isEmpty && altered.isEmpty && problems.isEmpty }

        /// Lines in Chinese for the terminal.
        public var lines: [String] {
            problems.map { "错误: \($0)" }
                + missing.map { "缺少: \($0)" } + extra.map { "多出: \($0)" } + altered.map { "已改动: \($0)" }
        }
    }

    public static func verify(_ url: URL) -> Report {
        var report = Report()
        guard let archive = try? Archive(url: url, accessMode: .read, pathEncoding: nil) else {
            report.problems.append("无法打开压缩包（文件不存在、已损坏或不是 zip 文件）")
            return report
        }
        var contents: [String: Data] = [:]
        for entry in archive where entry.type == .file {
            var data = Data()
            do {
                _ = try archive.extract(entry, skipCRC32: false) { data.append($0) }
            } catch {
                report.altered.append(entry.path)
                continue
            }
            contents[entry.path] = data
        }
        guard let manifestPath = contents.keys.first(where: { $0.hasSuffix("/" + ArchiveManifest.fileName) || $0 == ArchiveManifest.fileName }),
              let manifest = ArchiveManifest.parse(contents[manifestPath]!) else {
            report.problems.append("压缩包中没有有效的 manifest.json")
            return report
        }
        report.evaluation = manifest.evaluation
        let prefix = String(manifestPath.dropLast(ArchiveManifest.fileName.count))
        var listed = Set<String>()
        for file in manifest.files {
            listed.insert(prefix + file.path)
            guard let data = contents[prefix + file.path] else {
                report.missing.append(file.path)
                continue
            }
            report.checked += 1
            if data.count != file.size || SHA256.hex(data) != file.sha256 { report.altered.append(file.path) }
        }
        report.extra = contents.keys.filter { $0 != manifestPath && !listed.contains($0) }.map {
            $0.hasPrefix(prefix) ? String($0.dropFirst(prefix.count)) : $0
        }.sorted()
        report.altered.sort()
        report.missing.sort()
        return report
    }
}
