import Foundation
import JixiaoBytes

extension StringProtocol {
    /// `trimmingCharacters(in: .whitespaces)`, without the trip through NSString
    /// for the usual text that has nothing to trim (a large results table is
    /// mostly such cells).
    public func trimmedSpaces() -> String {
        let text = String(self)
        return text.hasPlainEnds ? text : text.trimmingCharacters(in: .whitespaces)
    }

    /// `trimmingCharacters(in: .whitespacesAndNewlines)`, with the same shortcut.
    public func trimmedSpacesAndNewlines() -> String {
        let text = String(self)
        return text.hasPlainEnds ? text : text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// True when `trimmingCharacters(in: .whitespacesAndNewlines)` would leave
    /// nothing; stops at the first other character instead of copying the text.
    public var isBlank: Bool {
        unicodeScalars.allSatisfy { CharacterSet.whitespacesAndNewlines.contains($0) }
    }
}

extension String {
    /// True when neither end can be a space or line break, so trimming changes
    /// nothing. Foundation's sets hold U+0009–000D, U+0020, U+0085, U+00A0, U+1680,
    /// U+2000–200B, U+2028, U+2029, U+202F, U+205F and U+3000, whose UTF-8 forms all
    /// start with a byte below 0x21 or with 0xC2, 0xE1, 0xE2 or 0xE3; Chinese text
    /// passes at once (TrimmingTests checks the list against Foundation).
    fileprivate var hasPlainEnds: Bool {
        withUTF8Bytes { bytes in
            guard !bytes.isEmpty else { return true }
            return Self.cannotStartSpace(bytes[0]) && Self.cannotStartSpace(bytes[lastScalarStart(in: bytes)])
        }
    }

    private static func cannotStartSpace(_ byte: UInt8) -> Bool {
        (byte > 0x20 && byte < 0x7F) || (byte >= 0x80 && byte != 0xC2 && byte != 0xE1 && byte != 0xE2 && byte != 0xE3)
    }
}
