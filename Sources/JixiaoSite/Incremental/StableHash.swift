import Foundation
import JixiaoBytes

/// A 128-bit hash that is the same in every run and on every machine, for the
/// build cache (Swift's own `Hasher` is seeded afresh in each process). Two
/// independent multiply–xor lanes over 8-byte words; not cryptographic, only
/// meant to tell changed inputs from unchanged ones.
public struct StableHash: Sendable, Hashable {
    private var first: UInt64 = 0xCBF2_9CE4_8422_2325
    private var second: UInt64 = 0x9E37_79B9_7F4A_7C15

    public init() {}

    private mutating func mix(_ word: UInt64) {
        first = (first ^ word) &* 0x0000_0100_0000_01B3
        first ^= first >> 29
        second = (second &+ word) &* 0xFF51_AFD7_ED55_8CCD
        second ^= second >> 33
    }

    /// Adds raw bytes, prefixed by their count so that ("ab", "c") and ("a", "bc") differ.
    public mutating func add(_ bytes: UnsafeRawBufferPointer) {
        mix(UInt64(bytes.count))
        var index = 0
        while index + 8 <= bytes.count {
            mix(bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            index += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while index < bytes.count {
            tail |= UInt64(bytes[index]) << shift
            shift += 8
            index += 1
        }
        mix(tail)
    }

    public mutating func add(_ text: String) {
        text.withUTF8Bytes { add(UnsafeRawBufferPointer($0)) }
    }

    public mutating func add(_ data: Data) {
        data.withUnsafeBytes { add($0) }
    }

    public mutating func add(_ number: Int) {
        mix(UInt64(bitPattern: Int64(number)))
    }

    public mutating func add(_ other: StableHash) {
        mix(other.first)
        mix(other.second)
    }

    /// Adds members whose order does not matter (a dictionary's order differs from
    /// run to run): each is hashed alone and the results are summed, so no sorting.
    public mutating func addUnordered<Members: Sequence>(_ members: Members, _ hashMember: (inout StableHash, Members.Element) -> Void) {
        var firstSum: UInt64 = 0
        var secondSum: UInt64 = 0
        var count: UInt64 = 0
        for member in members {
            var single = StableHash()
            hashMember(&single, member)
            firstSum &+= single.finalized(single.first)
            secondSum &+= single.finalized(single.second)
            count += 1
        }
        mix(count)
        mix(firstSum)
        mix(secondSum)
    }

    /// 32 hexadecimal digits.
    public var hex: String {
        func digits(_ value: UInt64) -> String {
            let text = String(value, radix: 16)
            return String(repeating: "0", count: 16 - text.count) + text
        }
        return digits(finalized(first)) + digits(finalized(second))
    }

    private func finalized(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
