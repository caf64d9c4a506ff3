import CJixiaoSHA256
import Foundation

/// SHA-256 (FIPS 180-4), so archives can be verified without a crypto
/// dependency. The blocks are hashed by CJixiaoSHA256; verified against the
/// standard test vectors in the tests, on both of its paths.
public enum SHA256 {
    /// The digest as 64 lowercase hex digits.
    public static func hex(_ data: Data) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in digest(data) {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 15)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    public static func digest(_ data: Data) -> [UInt8] {
        digest(data, blocks: jixiao_sha256_blocks)
    }

    /// The digest with `blocks` as the compression function (tests pass the portable one).
    static func digest(_ data: Data, blocks: (UnsafeMutablePointer<UInt32>, UnsafePointer<UInt8>, Int) -> Void) -> [UInt8] {
        var state: [UInt32] = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]
        state.withUnsafeMutableBufferPointer { state in
            data.withUnsafeBytes { bytes in
                // The whole blocks straight from the data (an archive hashes a hundred
                // megabytes: not copied), then the rest with the padding and the length.
                let whole = bytes.count / 64
                if whole > 0 {
                    blocks(state.baseAddress!, bytes.baseAddress!.assumingMemoryBound(to: UInt8.self), whole)
                }
                var tail = [UInt8](bytes[(whole * 64)...])
                tail.append(0x80)
                while tail.count % 64 != 56 { tail.append(0) }
                let bitLength = UInt64(bytes.count) * 8
                for shift in stride(from: 56, through: 0, by: -8) { tail.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift))) }
                tail.withUnsafeBufferPointer { tail in blocks(state.baseAddress!, tail.baseAddress!, tail.count / 64) }
            }
        }
        return state.flatMap { value in (0..<4).map { UInt8(truncatingIfNeeded: value >> UInt32(24 - $0 * 8)) } }
    }
}
