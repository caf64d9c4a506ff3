import Foundation
import JixiaoTemplate

/// What the previous build made, so the next one renders only what changed.
///
/// For every page it keeps a fingerprint of everything the page is made from
/// (the theme's templates and the page's whole template context; for a download,
/// every file of its evaluation). A page whose fingerprint is unchanged, and whose
/// file is still in the output as it was written, is not rendered again: the new
/// staging folder links to the old file. Anything else (a new template, a changed
/// unit, a deleted notice, another jixiao binary, other build options) simply
/// misses the cache, so an incremental build gives the same bytes as a clean one.
///
/// Kept in `.jixiao-cache/build.tsv` at the site root (not committed): a header
/// line with the key of the build options, then `fingerprint size path` per file.
public struct BuildCache: Sendable {
    public struct Entry: Sendable, Equatable {
        public var fingerprint: String
        public var size: Int
    }

    static let format = "jixiao-build-cache 1"

    /// The folder the cache lives in.
    let folder: URL
    /// The output folder the entries describe.
    let output: URL
    /// Options, theme and jixiao binary, hashed: a cache made under other ones is not used.
    let key: String
    /// The previous build's files; empty for the first build.
    let previous: [String: Entry]

    var file: URL { folder.appendingPathComponent("build.tsv") }

    /// The cache for a build of `output` with `key`; empty when there is none or it
    /// was made for something else.
    static func open(folder: URL, output: URL, key: StableHash) -> BuildCache {
        let empty = BuildCache(folder: folder, output: output, key: key.hex, previous: [:])
        guard let text = try? String(contentsOf: empty.file, encoding: .utf8) else { return empty }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true)[...]
        guard lines.popFirst() == Substring("\(format)\t\(empty.key)") else { return empty }
        var entries: [String: Entry] = [:]
        for line in lines {
            let fields = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count == 3, let size = Int(fields[1]) else { return empty }
            entries[String(fields[2])] = Entry(fingerprint: String(fields[0]), size: size)
        }
        return BuildCache(folder: folder, output: output, key: key.hex, previous: entries)
    }

    /// The previous build's file for `path`, when it was made from the same
    /// fingerprint and is still there with the size it was written with.
    func reusable(_ path: String, fingerprint: String) -> URL? {
        guard let entry = previous[path], entry.fingerprint == fingerprint else { return nil }
        let url = output.appendingPathComponent(path)
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: url.path),
              (attributes[.size] as? NSNumber)?.intValue == entry.size,
              attributes[.type] as? FileAttributeType == .typeRegular else { return nil }
        return url
    }

    /// Writes the entries of the build just finished (a temporary file renamed over
    /// the old one, so a killed build never leaves half a cache).
    func save(_ entries: [String: Entry]) {
        var text = "\(Self.format)\t\(key)\n"
        for path in entries.keys.sorted() {
            let entry = entries[path]!
            text += "\(entry.fingerprint)\t\(entry.size)\t\(path)\n"
        }
        let temporary = folder.appendingPathComponent("build.tsv.\(getpid())")
        // Half-written copies left by builds that were killed while saving.
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] where entry.hasPrefix("build.tsv.") {
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(entry))
        }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: temporary)
            _ = rename(temporary.path, file.path)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
        }
    }

    /// Forgets everything (a build that failed after the output may have changed).
    func remove() {
        try? FileManager.default.removeItem(at: file)
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
    /// any order).
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
            add(6)
            addUnordered(members) { hash, member in
                hash.add(member.key)
                hash.add(member.value)
            }
        case .null:
            add(7)
        }
    }
}
