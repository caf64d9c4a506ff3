import Foundation

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
        var first = a.text, second = b.text
        // Compared as memory: the generic byte-by-byte comparison showed in every scores sheet.
        return first.withUTF8 { x in second.withUTF8 { y in x.count == 0 || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0 } }
    }

    public func hash(into hasher: inout Hasher) {
        var text = text
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
