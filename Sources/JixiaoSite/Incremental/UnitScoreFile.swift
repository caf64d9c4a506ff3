import Foundation
import JixiaoCore

/// Each unit's own scores as the previous build left them (see UnitScoreCoding),
/// kept in `evaluations/<slug>.units` beside the evaluation's record, so that a
/// changed evaluation scores only the units whose results changed (see UnitReuse).
///
/// The file: one text line, the format, the records header (the build's key and
/// site, see `BuildCache.recordsHeader`) and the evaluation's definitions digest
/// (its files other than the results: a changed indicator or setting changes
/// every unit's scores); then per unit its slug, the key of its results (see
/// UnitReuse) and its encoded scores, each as a LEB128 length and bytes; last,
/// a hash of those entries in hex (of each one's slug, key and length, then of
/// its scores). A file whose line or hash does not match is not used.
///
/// An entry depends on nothing but the unit's key, the definitions and the
/// binary, so the file is written as soon as the evaluation is scored, even by
/// a build that fails later: whatever it holds is right for its keys.
struct UnitScoreFile: Sendable {
    static let format = "jixiao-unit-scores 1"

    struct Entry: Sendable {
        var key: String
        var bytes: ArraySlice<UInt8>
    }

    /// By slug.
    var entries: [String: Entry] = [:]

    /// The entries in `file`, if it was written for `header` and `definitions` and is whole.
    static func read(_ file: [UInt8], header: String, definitions: String) -> UnitScoreFile? {
        let line = Array(firstLine(header: header, definitions: definitions).utf8)
        let trailer = StableHash().hex.utf8.count
        guard file.count >= line.count + trailer, file.starts(with: line) else { return nil }
        let body = file[line.count..<(file.count - trailer)]
        var hash = StableHash()
        let read = body.withUnsafeBytes { raw -> UnitScoreFile? in
            var reader = BinaryReader(raw)
            var read = UnitScoreFile()
            while !reader.isAtEnd {
                let start = reader.position
                guard let slug = reader.text(), let key = reader.text(), let length = reader.count(),
                      read.entries[slug] == nil else { return nil }
                let bytes = reader.position
                _ = reader.bytes(length)
                hash.add(UnsafeRawBufferPointer(rebasing: raw[start..<bytes]))
                hash.add(UnsafeRawBufferPointer(rebasing: raw[bytes..<reader.position]))
                read.entries[slug] = Entry(key: key, bytes: body[(body.startIndex + bytes)..<(body.startIndex + reader.position)])
            }
            return read
        }
        guard file[(file.count - trailer)...].elementsEqual(hash.hex.utf8) else { return nil }
        return read
    }

    /// Hands the file for `entries` (slug, key, encoded scores), in their order,
    /// to `emit` piece by piece: a large evaluation's file is never whole in memory.
    static func write(_ entries: [(slug: String, key: String, bytes: ArraySlice<UInt8>)], header: String,
                      definitions: String, _ emit: (ArraySlice<UInt8>) -> Void) {
        emit(Array(firstLine(header: header, definitions: definitions).utf8)[...])
        var hash = StableHash()
        for entry in entries {
            var prefix = BinaryWriter(capacity: 64)
            prefix.text(entry.slug)
            prefix.text(entry.key)
            prefix.count(entry.bytes.count)
            prefix.bytes.withUnsafeBytes { hash.add($0) }
            entry.bytes.withUnsafeBytes { hash.add($0) }
            emit(prefix.bytes[...])
            emit(entry.bytes)
        }
        emit(Array(hash.hex.utf8)[...])
    }

    /// The same, in one array.
    static func bytes(_ entries: [(slug: String, key: String, bytes: ArraySlice<UInt8>)], header: String,
                      definitions: String) -> [UInt8] {
        var file: [UInt8] = []
        write(entries, header: header, definitions: definitions) { file += $0 }
        return file
    }

    private static func firstLine(header: String, definitions: String) -> String {
        "\(format)\t\(header)\t\(definitions)\n"
    }
}

/// Where the previous build's unit scores are, for the evaluation's reading
/// thread: the records folder and the header its files must have.
struct UnitScoreStore: Sendable {
    let folder: URL
    let header: String
    /// For `jixiao check`, which reads the build's cache and changes nothing in it:
    /// `save` and `remove` do nothing.
    var readOnly = false

    func file(_ slug: String) -> URL { folder.appendingPathComponent("\(slug).units") }

    /// The file of the evaluation `slug`, if it is there for `definitions` (see UnitScoreFile).
    func previous(_ slug: String, definitions: String) -> UnitScoreFile? {
        guard let file = TextFile.cacheBytes(file(slug)) else { return nil }
        return UnitScoreFile.read([UInt8](file), header: header, definitions: definitions)
    }

    /// Puts the file for `entries` in place as the evaluation `slug`'s (see
    /// `UnitScoreFile.write`; written aside and renamed, not synced: a file cut
    /// short by a crash fails its hash), or removes its file when there are none.
    func save(_ slug: String, _ entries: [(slug: String, key: String, bytes: ArraySlice<UInt8>)]?, definitions: String) {
        guard !readOnly else { return }
        guard let entries else { return remove(slug) }
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        FileText.replace(file(slug), syncing: false) { output in
            UnitScoreFile.write(entries, header: header, definitions: definitions) { output.write(bytes: $0) }
        }
    }

    /// Removes the file of the evaluation `slug`, if any.
    func remove(_ slug: String) {
        guard !readOnly else { return }
        try? FileManager.default.removeItem(at: file(slug))
    }
}
