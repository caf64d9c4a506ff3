import Foundation
import JixiaoBytes
import JixiaoCore

extension String {
    /// Whether `needle`'s UTF-8 bytes occur in the text's. Foundation's
    /// `contains` goes through NSString and compares character clusters, which
    /// was a visible part of fingerprinting thousands of self-reports. A byte
    /// search also finds a needle whose last character has a combining mark after
    /// it, which a prefilter can afford: it only sends such text the slow way.
    func containsBytes(_ needle: String) -> Bool {
        withUTF8Bytes { haystack in
            needle.withUTF8Bytes { wanted in
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
