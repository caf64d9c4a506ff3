import CJixiaoDeflate
import Foundation

/// A ZIP file (PKWARE APPNOTE 6.3, no ZIP64) built in memory: every entry
/// deflated, dated 1980-01-01 00:00 and marked as a Unix file with mode 644, so
/// the same entries always give the same bytes.
///
/// Written here rather than through ZIPFoundation because ZIPFoundation always
/// compresses at zlib's default level 6. A scores sheet is tens of megabytes of
/// repetitive XML; level 1 compresses it four times faster, to a file a third
/// larger, and writing the spreadsheets was a sixth of a large build.
struct ZIPWriter {
    /// zlib's fastest level.
    static let compressionLevel: Int32 = 1

    /// Each entry's local header and compressed bytes, and where it starts in the file.
    private var stored: [[UInt8]] = []
    private var length = 0
    private var directory: [UInt8] = []

    /// Appends one file; `path` uses `/` between folders.
    mutating func add(_ path: String, _ contents: [UInt8]) throws {
        let name = Array(path.utf8)
        let offset = length
        guard contents.count < Int(UInt32.max), offset < Int(UInt32.max), name.count <= Int(UInt16.max),
              stored.count < Int(UInt16.max) else { throw XLSXWriteError() }
        let crc = contents.withUnsafeBufferPointer { UInt32(truncatingIfNeeded: jixiao_crc32($0.baseAddress, $0.count)) }
        let headerLength = 30 + name.count
        // Compressed straight into the entry's buffer after room for its header; the
        // part of the bound that is never written is never touched, so costs no memory.
        var failed = false
        var entry = [UInt8](unsafeUninitializedCapacity: headerLength + jixiao_deflate_bound(contents.count)) { buffer, count in
            let written = contents.withUnsafeBufferPointer { input in
                jixiao_deflate_raw(input.baseAddress, input.count, Self.compressionLevel, buffer.baseAddress! + headerLength)
            }
            failed = written < 0
            // The header's bytes are written below, before anything reads them.
            buffer.baseAddress!.initialize(repeating: 0, count: headerLength)
            count = headerLength + max(0, written)
        }
        let compressedLength = entry.count - headerLength
        guard !failed else { throw XLSXWriteError() }

        // Fields shared by the local header and the directory entry, from "version needed" on.
        var common: [UInt8] = []
        common.append(little: UInt16(20))          // version needed: 2.0, deflate
        common.append(little: UInt16(0x0800))      // flags: names are UTF-8
        common.append(little: UInt16(8))           // method: deflate
        common.append(little: UInt16(0))           // time 00:00:00
        common.append(little: UInt16(0x21))        // date 1980-01-01
        common.append(little: crc)
        common.append(little: UInt32(compressedLength))
        common.append(little: UInt32(contents.count))
        common.append(little: UInt16(name.count))
        common.append(little: UInt16(0))           // extra field length

        var header: [UInt8] = []
        header.append(little: UInt32(0x0403_4b50))
        header += common
        header += name
        entry.replaceSubrange(0..<headerLength, with: header)
        stored.append(entry)
        length += entry.count

        directory.append(little: UInt32(0x0201_4b50))
        directory.append(little: UInt16(0x0314))   // made by: Unix, 2.0
        directory += common
        directory.append(little: UInt16(0))        // comment length
        directory.append(little: UInt16(0))        // disk number
        directory.append(little: UInt16(0))        // internal attributes
        directory.append(little: UInt32(0o100644) << 16) // external: regular file, rw-r--r--
        directory.append(little: UInt32(offset))
        directory += name
    }

    /// The finished file: the entries, their directory and its end record.
    func data() throws -> Data {
        guard length + directory.count < Int(UInt32.max) else { throw XLSXWriteError() }
        var end: [UInt8] = []
        end.append(little: UInt32(0x0605_4b50))
        end.append(little: UInt16(0))              // this disk
        end.append(little: UInt16(0))              // disk with the directory
        end.append(little: UInt16(stored.count))
        end.append(little: UInt16(stored.count))
        end.append(little: UInt32(directory.count))
        end.append(little: UInt32(length))         // where the directory starts
        end.append(little: UInt16(0))              // comment length
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
