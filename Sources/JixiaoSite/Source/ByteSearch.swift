import Foundation

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
                guard let start = haystack.baseAddress, let first = wanted.first else { return wanted.isEmpty }
                var offset = 0
                let last = haystack.count - wanted.count
                while offset <= last {
                    guard let found = memchr(start + offset, Int32(first), last - offset + 1) else { return false }
                    let candidate = start.distance(to: found.assumingMemoryBound(to: UInt8.self))
                    if memcmp(start + candidate, wanted.baseAddress!, wanted.count) == 0 { return true }
                    offset = candidate + 1
                }
                return false
            }
        }
    }
}
