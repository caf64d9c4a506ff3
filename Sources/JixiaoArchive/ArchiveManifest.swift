import Foundation
import JixiaoSite

/// `manifest.json` inside an archive: every other file with its size and
/// SHA-256, the jixiao version that wrote it, and a hash of the content it was
/// built from, so a year's archive can be checked a decade later.
public struct ArchiveManifest: Sendable, Equatable {
    public struct File: Sendable, Equatable {
        public var path: String
        public var size: Int
        public var sha256: String
    }

    public static let fileName = "manifest.json"

    public var evaluation: String
    public var generator: String
    public var sourceHash: String
    public var files: [File]

    /// Deterministic JSON: fixed key order, files sorted by path.
    public func json() -> Data {
        let string = JSONText.quoted
        var out = "{\n"
        out += "  \"evaluation\": \(string(evaluation)),\n"
        out += "  \"generator\": \(string(generator)),\n"
        out += "  \"source_sha256\": \(string(sourceHash)),\n"
        out += "  \"files\": [\n"
        out += files.sorted { $0.path < $1.path }.map {
            "    {\"path\": \(string($0.path)), \"size\": \($0.size), \"sha256\": \(string($0.sha256))}"
        }.joined(separator: ",\n")
        out += "\n  ]\n}\n"
        return Data(out.utf8)
    }

    public static func parse(_ data: Data) -> ArchiveManifest? {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let evaluation = object["evaluation"] as? String, let generator = object["generator"] as? String,
              let sourceHash = object["source_sha256"] as? String, let files = object["files"] as? [[String: Any]] else { return nil }
        var parsed: [File] = []
        for file in files {
            guard let path = file["path"] as? String, let size = file["size"] as? Int, let sha = file["sha256"] as? String else { return nil }
            parsed.append(File(path: path, size: size, sha256: sha))
        }
        return ArchiveManifest(evaluation: evaluation, generator: generator, sourceHash: sourceHash, files: parsed)
    }
}
