import JixiaoBytes

/// HTML escaping as swift-mustache does it: `&` `<` `>` `"` `'` become `&amp;` `&lt;`
/// `&gt;` `&quot;` `&#39;`; everything else is copied.
enum HTMLEscaping {
    /// Appends `text` to `output` as UTF-8, escaped. Each run of bytes that needs no
    /// escaping is appended in one piece, so plain text costs one copy. The special
    /// bytes are ASCII, so they never fall inside a multi-byte character.
    static func append(_ text: String, to output: inout ByteBuffer) {
        text.withUTF8Bytes { bytes in
            var runStart = 0
            var index = 0
            while index < bytes.count {
                // Eight bytes at a time while none of them is special (most text).
                if index + 8 <= bytes.count,
                   !mayBeSpecial(UnsafeRawBufferPointer(bytes).loadUnaligned(fromByteOffset: index, as: UInt64.self)) {
                    index += 8
                    continue
                }
                if needsEscaping(bytes[index]) {
                    output.append(UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                    let entity = entity(for: bytes[index])
                    output.append(UnsafeBufferPointer(start: entity.utf8Start, count: entity.utf8CodeUnitCount))
                    runStart = index + 1
                }
                index += 1
            }
            output.append(UnsafeBufferPointer(rebasing: bytes[runStart...]))
        }
    }

    /// False only when no byte of `word` is one of the special bytes: each byte is
    /// compared with all five at once (a zero byte in `word ^ repeated(b)` is a match),
    /// with the usual bit trick, which may report a match that is not one, never miss one.
    @inline(__always)
    private static func mayBeSpecial(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        // The special bytes all lie below 64: eight bytes each with bit 7 or 6 set
        // (all of a Chinese character's bytes) cannot hold one.
        if (word | word << 1) & highs == highs { return false }
        func hasZeroByte(_ x: UInt64) -> Bool { (x &- ones) & ~x & highs != 0 }
        return hasZeroByte(word ^ (ones &* 0x22)) || hasZeroByte(word ^ (ones &* 0x26)) || hasZeroByte(word ^ (ones &* 0x27))
            || hasZeroByte(word ^ (ones &* 0x3C)) || hasZeroByte(word ^ (ones &* 0x3E))
    }

    /// Returns `text` escaped.
    static func escape(_ text: String) -> String {
        var output = ByteBuffer(capacity: text.utf8.count)
        append(text, to: &output)
        return output.string()
    }

    /// One bit per byte below 64 for `"` `&` `'` `<` `>` (all lie below 64).
    private static let specialMask: UInt64 =
        1 << 0x22 | 1 << 0x26 | 1 << 0x27 | 1 << 0x3C | 1 << 0x3E

    @inline(__always)
    private static func needsEscaping(_ byte: UInt8) -> Bool {
        byte < 64 && specialMask >> UInt64(byte) & 1 != 0
    }

    private static func entity(for byte: UInt8) -> StaticString {
        switch byte {
        case UInt8(ascii: "&"): return "&amp;"
        case UInt8(ascii: "<"): return "&lt;"
        case UInt8(ascii: ">"): return "&gt;"
        case UInt8(ascii: "\""): return "&quot;"
        default: return "&#39;"
        }
    }
}
