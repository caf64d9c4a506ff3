import CJixiaoDeflate
import Foundation

/// A piece of a ZIP entry's content compressed on its own (`jixiao_deflate_segment`):
/// the entry is its segments joined, the last one ending the stream, and its CRC
/// is combined from theirs. A piece that did not change is copied from an earlier
/// file as it is, without being made or compressed again.
package struct DeflatedSegment: Sendable {
    /// A kept segment is a slice of the previous file, not a copy of it.
    package var compressed: Data
    /// The CRC-32 and length of the uncompressed bytes.
    package var crc: UInt32
    package var length: Int

    package init(compressed: Data, crc: UInt32, length: Int) {
        self.compressed = compressed
        self.crc = crc
        self.length = length
    }

    /// `bytes` compressed; `last`: the stream's final segment.
    package init(compressing bytes: [UInt8], last: Bool) throws {
        self = try bytes.withUnsafeBufferPointer { try DeflatedSegment(compressing: $0, last: last) }
    }

    /// `bytes` compressed where they are (a sheet's part is written into a buffer of its own).
    package init(compressing bytes: UnsafeBufferPointer<UInt8>, last: Bool) throws {
        var count = 0
        guard let output = jixiao_deflate_segment(bytes.baseAddress, bytes.count, last ? 1 : 0, &count) else {
            throw ZIPWriteError()
        }
        compressed = Data(bytesNoCopy: output, count: count, deallocator: .free)
        crc = UInt32(truncatingIfNeeded: jixiao_crc32(0, bytes.baseAddress, bytes.count))
        length = bytes.count
    }

    /// The CRC-32 of all the segments' bytes, in order.
    package static func crc(of segments: [DeflatedSegment]) -> UInt32 {
        segments.reduce(UInt32(0)) { crc, segment in
            UInt32(truncatingIfNeeded: jixiao_crc32_combine(UInt(crc), UInt(segment.crc), segment.length))
        }
    }
}
