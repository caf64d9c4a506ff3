import CJixiaoDeflate
import Foundation

/// A ZIP file (PKWARE APPNOTE 6.3; ZIP64 only where a count, size or offset
/// needs it) built in memory: every entry deflated, dated one fixed day at 00:00
/// and marked as a Unix file with mode 644, so the same entries always give the
/// same bytes. The site's spreadsheets and `jixiao archive`'s zips are written by it.
///
/// Written here rather than through ZIPFoundation because ZIPFoundation always
/// compresses with zlib at its default level 6. A scores sheet is tens of
/// megabytes of repetitive XML, and writing the spreadsheets was a sixth of a
/// large build: zlib's level 1 compressed it four times faster than level 6, to a
/// file a third larger. CJixiaoDeflate's own encoder is about three times as fast
/// as zlib's level 1, for a file as small (a 33 MB sheet: 39 ms against 128 ms,
/// 2.88 MB against 2.86 MB), and gives the same bytes on every machine.
package struct ZIPWriter {
    /// The date every entry has, in MS-DOS form (bits 15–9: years since 1980, 8–5: month, 4–0: day).
    private let date: UInt16

    /// A size or offset from this on is written in a ZIP64 field: where ZIP's 32-bit
    /// fields end (0xFFFFFFFF itself marks a value kept in ZIP64), lower in tests.
    private let zip64Threshold: Int

    /// Entries dated `year`-`month`-`day` 00:00 (1980 or later; no time zone: ZIP's dates have none).
    package init(year: Int = 1980, month: Int = 1, day: Int = 1, zip64Threshold: Int = Int(UInt32.max)) {
        precondition((1980...2107).contains(year) && (1...12).contains(month) && (1...31).contains(day))
        date = UInt16((year - 1980) << 9 | month << 5 | day)
        self.zip64Threshold = min(zip64Threshold, Int(UInt32.max))
    }

    /// Each entry's local header and compressed bytes, and where it starts in the file.
    private var stored: [[UInt8]] = []
    private var length = 0
    private var directory: [UInt8] = []

    /// Appends one file; `path` uses `/` between folders.
    package mutating func add(_ path: String, _ contents: [UInt8]) throws {
        try add(path) { entry in try entry.write(contents) }
    }

    /// Appends one file whose bytes `produce` writes piece by piece; each piece is
    /// compressed as it comes, so the whole file never exists uncompressed.
    package mutating func add(_ path: String, produce: (inout Entry) throws -> Void) throws {
        var entry = try Entry()
        try produce(&entry)
        try entry.finish()
        // The stream owns the compressed bytes: kept alive until they are copied.
        let stream = entry.stream
        try withExtendedLifetime(stream) {
            var compressedLength = 0
            let compressed = jixiao_deflater_output(stream.deflater, &compressedLength)
            try append(path, crc: UInt32(truncatingIfNeeded: jixiao_deflater_crc32(stream.deflater)),
                       contentLength: jixiao_deflater_input_length(stream.deflater), compressedLength: compressedLength) {
                $0.append(contentsOf: UnsafeBufferPointer(start: compressed, count: compressedLength))
            }
        }
    }

    /// Appends one file made of segments compressed on their own (see
    /// DeflatedSegment); returns where its compressed content starts in the ZIP
    /// file, the first segment's bytes.
    @discardableResult
    package mutating func add(_ path: String, segments: [DeflatedSegment]) throws -> Int {
        try append(path, crc: DeflatedSegment.crc(of: segments), contentLength: segments.reduce(0) { $0 + $1.length },
                   compressedLength: segments.reduce(0) { $0 + $1.compressed.count }) { bytes in
            for segment in segments {
                segment.compressed.withUnsafeBytes { bytes.append(contentsOf: $0.assumingMemoryBound(to: UInt8.self)) }
            }
        }
    }

    /// Appends an entry's local header and compressed bytes, and its directory
    /// entry; returns where the compressed bytes (which `compressed` appends) start.
    /// Sizes and offsets past 32 bits go into a ZIP64 field, for that entry only.
    @discardableResult
    private mutating func append(_ path: String, crc: UInt32, contentLength: Int, compressedLength: Int,
                                 compressed: (inout [UInt8]) -> Void) throws -> Int {
        let name = Array(path.utf8)
        let offset = length
        guard name.count <= Int(UInt16.max) else { throw ZIPWriteError() }
        let largeSizes = contentLength >= zip64Threshold || compressedLength >= zip64Threshold
        let largeOffset = offset >= zip64Threshold
        // The sizes in a ZIP64 field: 0xFFFFFFFF in the 32-bit fields says to look there.
        var sizes64: [UInt8] = []
        if largeSizes {
            sizes64.append(little: UInt64(contentLength))
            sizes64.append(little: UInt64(compressedLength))
        }

        func fields(versionNeeded: UInt16, extraLength: Int) -> [UInt8] {
            var fields: [UInt8] = []
            fields.append(little: versionNeeded)
            fields.append(little: UInt16(0x0800))      // flags: names are UTF-8
            fields.append(little: UInt16(8))           // method: deflate
            fields.append(little: UInt16(0))           // time 00:00:00
            fields.append(little: date)
            fields.append(little: crc)
            fields.append(little: largeSizes ? UInt32.max : UInt32(compressedLength))
            fields.append(little: largeSizes ? UInt32.max : UInt32(contentLength))
            fields.append(little: UInt16(name.count))
            fields.append(little: UInt16(extraLength))
            return fields
        }

        var local: [UInt8] = []
        local.reserveCapacity(30 + name.count + 20 + compressedLength)
        local.append(little: UInt32(0x0403_4b50))
        local += fields(versionNeeded: largeSizes ? 45 : 20, extraLength: sizes64.isEmpty ? 0 : 4 + sizes64.count)
        local += name
        if !sizes64.isEmpty { local += Self.zip64Field(sizes64) }
        let start = offset + local.count
        compressed(&local)
        stored.append(local)
        length += local.count

        var directoryExtra = sizes64
        if largeOffset { directoryExtra.append(little: UInt64(offset)) }
        let zip64 = !directoryExtra.isEmpty
        directory.append(little: UInt32(0x0201_4b50))
        directory.append(little: UInt16(zip64 ? 0x032D : 0x0314)) // made by: Unix, 4.5 or 2.0
        directory += fields(versionNeeded: zip64 ? 45 : 20, extraLength: zip64 ? 4 + directoryExtra.count : 0)
        directory.append(little: UInt16(0))        // comment length
        directory.append(little: UInt16(0))        // disk number
        directory.append(little: UInt16(0))        // internal attributes
        directory.append(little: UInt32(0o100644) << 16) // external: regular file, rw-r--r--
        directory.append(little: largeOffset ? UInt32.max : UInt32(offset))
        directory += name
        if zip64 { directory += Self.zip64Field(directoryExtra) }
        return start
    }

    /// The ZIP64 extended information field (header 0x0001) holding `values`.
    private static func zip64Field(_ values: [UInt8]) -> [UInt8] {
        var field: [UInt8] = []
        field.append(little: UInt16(0x0001))
        field.append(little: UInt16(values.count))
        return field + values
    }

    /// The file being added: what `produce` writes its bytes to. Its pieces are
    /// compressed on another thread, in order, while `produce` makes the next ones:
    /// a scores sheet takes about as long to compress as to write out. The stream
    /// is the one a single thread would make, so the bytes are the same.
    package struct Entry: ~Copyable {
        fileprivate let stream: DeflateStream

        fileprivate init() throws {
            stream = try DeflateStream()
        }

        package mutating func write(_ bytes: [UInt8]) throws {
            let stream = stream
            // A few pieces waiting at most, so the sheet still never exists whole.
            stream.slots.wait()
            stream.queue.async {
                defer { stream.slots.signal() }
                if stream.failed { return }
                let status = bytes.withUnsafeBufferPointer { jixiao_deflater_write(stream.deflater, $0.baseAddress, $0.count, 0) }
                if status != 0 { stream.failed = true }
            }
        }

        /// Ends the stream once every piece is compressed.
        fileprivate mutating func finish() throws {
            let stream = stream
            let failed = stream.queue.sync {
                stream.failed || jixiao_deflater_write(stream.deflater, nil, 0, 1) != 0
            }
            if failed { throw ZIPWriteError() }
        }
    }

    /// The DEFLATE stream and the thread it is used on. `failed` and the deflater are
    /// only touched on `queue` (and read after `finish` has waited for it).
    fileprivate final class DeflateStream: @unchecked Sendable {
        let deflater: OpaquePointer
        let queue = DispatchQueue(label: "jixiao.zip.deflate")
        let slots = DispatchSemaphore(value: 4)
        var failed = false

        init() throws {
            guard let deflater = jixiao_deflater_new() else { throw ZIPWriteError() }
            self.deflater = deflater
        }

        deinit { jixiao_deflater_free(deflater) }
    }

    /// The finished file: the entries, their directory and its end record, with
    /// ZIP64's end record and locator before it when there are 65,535 entries or
    /// more, or the directory lies past 4 GB.
    package func data() throws -> Data {
        var end: [UInt8] = []
        let count = stored.count
        let largeDirectory = directory.count >= zip64Threshold, largeOffset = length >= zip64Threshold
        if count >= Int(UInt16.max) || largeDirectory || largeOffset {
            let record = length + directory.count
            end.append(little: UInt32(0x0606_4b50))
            end.append(little: UInt64(44))             // the size of the rest of this record
            end.append(little: UInt16(0x032D))         // made by: Unix, 4.5
            end.append(little: UInt16(45))             // version needed: 4.5, ZIP64
            end.append(little: UInt32(0))              // this disk
            end.append(little: UInt32(0))              // disk with the directory
            end.append(little: UInt64(count))
            end.append(little: UInt64(count))
            end.append(little: UInt64(directory.count))
            end.append(little: UInt64(length))         // where the directory starts
            end.append(little: UInt32(0x0706_4b50))    // the locator
            end.append(little: UInt32(0))              // disk with the ZIP64 end record
            end.append(little: UInt64(record))         // where it starts
            end.append(little: UInt32(1))              // disks
        }
        end.append(little: UInt32(0x0605_4b50))
        end.append(little: UInt16(0))                  // this disk
        end.append(little: UInt16(0))                  // disk with the directory
        end.append(little: UInt16(min(count, Int(UInt16.max))))
        end.append(little: UInt16(min(count, Int(UInt16.max))))
        end.append(little: largeDirectory ? UInt32.max : UInt32(directory.count))
        end.append(little: largeOffset ? UInt32.max : UInt32(length)) // where the directory starts
        end.append(little: UInt16(0))                  // comment length
        var data = Data(capacity: length + directory.count + end.count)
        for entry in stored { data.append(contentsOf: entry) }
        data.append(contentsOf: directory)
        data.append(contentsOf: end)
        return data
    }
}

private extension [UInt8] {
    mutating func append<T: FixedWidthInteger>(little value: T) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }
}
