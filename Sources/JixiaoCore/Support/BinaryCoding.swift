import Foundation
import JixiaoBytes

/// Bytes of a build's own cache files: numbers as LEB128 (seven bits a byte,
/// the high bit set on every byte but the last), signed numbers zigzagged
/// first, texts as their UTF-8 length and bytes. Only ever read back by the
/// same jixiao binary (the cache's key names it), so nothing here is meant to
/// be portable; every read is bounds-checked, so a damaged file gives nil.
public struct BinaryWriter: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    public mutating func byte(_ value: UInt8) {
        bytes.append(value)
    }

    public mutating func number(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    public mutating func count(_ value: Int) {
        number(UInt64(value))
    }

    /// Zigzag: small negative numbers stay short.
    public mutating func signed(_ value: Int) {
        let wide = Int64(value)
        number(UInt64(bitPattern: wide << 1 ^ wide >> 63))
    }

    public mutating func text(_ value: String) {
        value.withUTF8Bytes { utf8 in
            count(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    public mutating func append(_ other: some Sequence<UInt8>) {
        bytes.append(contentsOf: other)
    }

    /// Raw bytes in one copy (a slice of a raw buffer goes through the generic
    /// path above a byte at a time; a unit's cache entry writes 160 decimals).
    public mutating func append(_ other: UnsafeRawBufferPointer) {
        bytes.append(contentsOf: other.assumingMemoryBound(to: UInt8.self))
    }
}

/// Reads what a `BinaryWriter` wrote, in place: only within the scope of the
/// buffer it is given (`withUnsafeBytes`). Each read is nil past the end or on a
/// malformed value.
public struct BinaryReader {
    public let bytes: UnsafeRawBufferPointer
    /// Where the next read starts, from the buffer's start.
    public private(set) var position = 0

    public init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    public var isAtEnd: Bool { position == bytes.count }
    /// How many bytes are left: a count larger than this is damage, not a length.
    public var remaining: Int { bytes.count - position }

    public mutating func byte() -> UInt8? {
        guard position < bytes.count else { return nil }
        defer { position += 1 }
        return bytes[position]
    }

    public mutating func number() -> UInt64? {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while position < bytes.count, shift < 64 {
            let byte = bytes[position]
            position += 1
            result |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return result }
            shift += 7
        }
        return nil
    }

    /// A count of things that follow, each at least one byte long.
    public mutating func count() -> Int? {
        guard let value = number(), value <= UInt64(remaining) else { return nil }
        return Int(value)
    }

    public mutating func signed() -> Int? {
        guard let zigzag = number() else { return nil }
        return Int(Int64(bitPattern: zigzag >> 1) ^ -Int64(bitPattern: zigzag & 1))
    }

    /// The next `count` bytes.
    public mutating func bytes(_ count: Int) -> UnsafeRawBufferPointer? {
        guard count >= 0, count <= remaining else { return nil }
        defer { position += count }
        return UnsafeRawBufferPointer(rebasing: bytes[position..<(position + count)])
    }

    /// Nil when the bytes are not UTF-8.
    public mutating func text() -> String? {
        guard let length = count(), let raw = bytes(length) else { return nil }
        // Decoded and compared rather than validated: the generic validating
        // initializer was most of decoding a cache file. Decoding repairs bytes
        // that are not UTF-8, so they come out different.
        let utf8 = raw.assumingMemoryBound(to: UInt8.self)
        let text = String(decoding: utf8, as: UTF8.self)
        let same = text.withUTF8Bytes { decoded in
            decoded.count == utf8.count && (utf8.isEmpty || memcmp(decoded.baseAddress!, utf8.baseAddress!, utf8.count) == 0)
        }
        return same ? text : nil
    }
}
