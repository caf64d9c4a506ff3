import Foundation
import JixiaoBytes

/// A text compared and hashed by its UTF-8 bytes, as a dictionary key. Swift's
/// own String hashing and `==` normalize Unicode first, which costs more than the
/// rest of a lookup, and treat texts written differently as one: a table keyed so
/// would hand back the other text's bytes.
public struct ExactText: Hashable, Sendable {
    public let text: String

    public init(_ text: String) {
        self.text = text
    }

    public static func == (a: ExactText, b: ExactText) -> Bool {
        guard a.text.utf8.count == b.text.utf8.count else { return false }
        // Compared as memory: the generic byte-by-byte comparison showed in every scores sheet.
        return a.text.withUTF8Bytes { x in
            b.text.withUTF8Bytes { y in x.count == 0 || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0 }
        }
    }

    public func hash(into hasher: inout Hasher) {
        text.withUTF8Bytes { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
