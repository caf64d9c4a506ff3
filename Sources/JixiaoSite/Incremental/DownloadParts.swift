import Foundation
import JixiaoBytes

/// One unit's part of a download made unit by unit (see `DownloadFormat.makeByUnit`):
/// where its bytes are in the file, so that the next build, when the unit's scores
/// did not change, copies them from this file instead of making them again (a
/// score edit changes one unit's rows of a scores table of 80,000).
public struct DownloadPart: Sendable, Equatable {
    /// The unit's key (see `DownloadFormat.makeByUnit`).
    public var key: String
    public var offset: Int
    public var length: Int
    /// What the format needs beside the bytes to use them again (for a spreadsheet,
    /// their CRC, uncompressed length and column widths); no tab or line break.
    public var detail: String
    /// The bytes, hashed: a file changed since then (of the same size) is not copied from.
    var checksum: String

    /// `bytes`: the part as written (its checksum is taken from them).
    public init(key: String, offset: Int, bytes: some Collection<UInt8>, detail: String = "") {
        self.init(key: key, offset: offset, length: bytes.count, checksum: Self.checksum(bytes), detail: detail)
    }

    /// A part as an index describes it.
    init(key: String, offset: Int, length: Int, checksum: String, detail: String) {
        self.key = key
        self.offset = offset
        self.length = length
        self.detail = detail
        self.checksum = checksum
    }

    static func checksum(_ bytes: some Collection<UInt8>) -> String {
        if let hex = bytes.withContiguousStorageIfAvailable({ checksum(UnsafeRawBufferPointer($0)) }) { return hex }
        return Array(bytes).withUnsafeBytes(checksum)
    }

    static func checksum(_ bytes: UnsafeRawBufferPointer) -> String {
        var hash = StableHash()
        hash.add(bytes)
        return hash.hex
    }
}

/// The previous build's file of a download made unit by unit, and its parts by key.
public struct PreviousDownload: Sendable {
    let file: Data
    let parts: [String: DownloadPart]

    /// `file` as written, and the parts that making it returned.
    public init(file: Data, parts: [DownloadPart]) {
        self.init(file: file, parts: Dictionary(parts.map { ($0.key, $0) }) { _, later in later })
    }

    init(file: Data, parts: [String: DownloadPart]) {
        self.file = file
        self.parts = parts
    }

    /// The part kept for `key`, if the file still has its bytes as written.
    public func part(_ key: String) -> KeptPart? {
        guard let part = parts[key], part.offset >= 0, part.length >= 0,
              part.offset <= file.count - part.length else { return nil }
        // A slice shares the file's bytes: they are copied once, into the file being made.
        let bytes = file[file.startIndex + part.offset ..< file.startIndex + part.offset + part.length]
        guard bytes.withUnsafeBytes(DownloadPart.checksum) == part.checksum else { return nil }
        return KeptPart(bytes: bytes, part: part)
    }

    /// A part of the previous file, to copy into the one being made.
    public struct KeptPart: Sendable {
        /// The part's bytes, in the previous file.
        public let bytes: Data
        let part: DownloadPart
        public var detail: String { part.detail }

        /// Appends the part's bytes to `bytes`.
        public func copy(to bytes: inout ByteBuffer) {
            self.bytes.withUnsafeBytes { bytes.append($0.assumingMemoryBound(to: UInt8.self)) }
        }

        /// The part, at `offset` of the file being made (its bytes not hashed again).
        public func moved(to offset: Int) -> DownloadPart {
            var moved = part
            moved.offset = offset
            return moved
        }
    }
}

/// The parts of a download as the cache keeps them: `key offset length checksum detail`
/// lines, after a header that names the file's fingerprint (see BuildCache).
enum DownloadPartIndex {
    static let format = "jixiao-download-parts 1"

    static func bytes(_ parts: [DownloadPart], fingerprint: String) -> [UInt8] {
        var text = "\(format)\t\(fingerprint)\n"
        for part in parts {
            text += "\(part.key)\t\(part.offset)\t\(part.length)\t\(part.checksum)\t\(part.detail)\n"
        }
        return Array(text.utf8)
    }

    /// The parts of an index written for the file recorded with `fingerprint`;
    /// nil when it was written for another file or is broken. Read on bytes:
    /// a scores table's index has a line per unit.
    static func parts(_ bytes: [UInt8], fingerprint: String) -> [String: DownloadPart]? {
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)[...]
        guard lines.popFirst().map({ String(decoding: $0, as: UTF8.self) }) == "\(format)\t\(fingerprint)",
              lines.popLast()?.isEmpty == true else { return nil }
        func number(_ digits: ArraySlice<UInt8>) -> Int? {
            guard !digits.isEmpty, digits.count < 19 else { return nil }
            var value = 0
            for digit in digits {
                guard digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(digit - UInt8(ascii: "0"))
            }
            return value
        }
        var parts: [String: DownloadPart] = [:]
        parts.reserveCapacity(lines.count)
        for line in lines {
            let fields = line.split(separator: UInt8(ascii: "\t"), maxSplits: 4, omittingEmptySubsequences: false)
            guard fields.count == 5, let offset = number(fields[1]), let length = number(fields[2]),
                  !fields[4].contains(UInt8(ascii: "\t")) else { return nil }
            let part = DownloadPart(key: String(decoding: fields[0], as: UTF8.self), offset: offset, length: length,
                                    checksum: String(decoding: fields[3], as: UTF8.self),
                                    detail: String(decoding: fields[4], as: UTF8.self))
            parts[part.key] = part
        }
        return parts
    }
}
