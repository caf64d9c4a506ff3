import Foundation

extension UnsafeBufferPointer<UInt8> {
    /// The offset of the first `byte` at or after `start`, found with memchr: the
    /// generic search looks at a large text a byte at a time.
    func firstOffset(of byte: UInt8, from start: Int = 0) -> Int? {
        guard let base = baseAddress, start < count, let found = memchr(base + start, Int32(byte), count - start) else {
            return nil
        }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }
}

extension String {
    /// Whether `needle`'s UTF-8 bytes occur in the text's. Foundation's
    /// `contains` goes through NSString and compares character clusters, which
    /// was a visible part of fingerprinting thousands of self-reports. A byte
    /// search also finds a needle whose last character has a combining mark after
    /// it, which a prefilter can afford: it only sends such text the slow way.
    func containsBytes(_ needle: String) -> Bool {
        var text = self
        var needle = needle
        return text.withUTF8 { haystack in
            needle.withUTF8 { wanted in
                guard let first = wanted.first else { return true }
                let last = haystack.count - wanted.count
                var offset = 0
                while let candidate = haystack.firstOffset(of: first, from: offset), candidate <= last {
                    if memcmp(haystack.baseAddress! + candidate, wanted.baseAddress!, wanted.count) == 0 { return true }
                    offset = candidate + 1
                }
                return false
            }
        }
    }
}
