import Foundation
import JixiaoBytes

// Checks that run on every cell of a large site's results and downloads read a
// string's UTF-8 bytes in place: stepping through `utf8` or `unicodeScalars` took
// several times the instructions (4.6 times for the spreadsheets' XML escaping).

extension UnsafeBufferPointer<UInt8> {
    /// The offset of the first `byte` at or after `start`, found with memchr: the
    /// generic search looks at a large text a byte at a time.
    public func firstOffset(of byte: UInt8, from start: Int = 0) -> Int? {
        guard let base = baseAddress, start < count, let found = memchr(base + start, Int32(byte), count - start) else {
            return nil
        }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }
}

extension String {
    /// Whether the text's UTF-8 has `byte` (`memchr` over a native string's bytes).
    public func utf8Contains(_ byte: UInt8) -> Bool {
        withUTF8Bytes { $0.firstOffset(of: byte) != nil }
    }
}

/// The scalar that starts at `index` of valid UTF-8 (a Swift string's bytes) and
/// how many bytes it takes.
@inlinable
public func unicodeScalar(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (value: UInt32, length: Int) {
    let byte = bytes[index]
    if byte < 0x80 { return (UInt32(byte), 1) }
    if byte < 0xE0 { return (UInt32(byte & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F), 2) }
    if byte < 0xF0 {
        return (UInt32(byte & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F), 3)
    }
    return (UInt32(byte & 0x07) << 18 | UInt32(bytes[index + 1] & 0x3F) << 12
                | UInt32(bytes[index + 2] & 0x3F) << 6 | UInt32(bytes[index + 3] & 0x3F), 4)
}

/// Where the last scalar of valid UTF-8 starts: after it come only continuation
/// bytes (0 for no bytes).
@inlinable
public func lastScalarStart(in bytes: UnsafeBufferPointer<UInt8>) -> Int {
    var index = bytes.count - 1
    while index > 0 && bytes[index] & 0xC0 == 0x80 { index -= 1 }
    return max(index, 0)
}
