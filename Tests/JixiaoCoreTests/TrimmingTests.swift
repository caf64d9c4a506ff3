import Foundation
import Testing
@testable import JixiaoCore

@Suite("Trimming shortcut agrees with Foundation")
struct TrimmingTests {
    static let pieces = ["", " ", "\t", "\n", "\r\n", "\u{3000}", "\u{00A0}", "\u{2003}", "\u{200B}", "\u{85}",
                         "a", "得分", "。", "“", "0.5", "x y", "\u{1}", "é", "🙂"]

    @Test("every scalar Foundation trims starts with a byte the shortcut never passes")
    func foundationSet() {
        for value in 0...0x10FFFF {
            guard let scalar = Unicode.Scalar(value), CharacterSet.whitespacesAndNewlines.contains(scalar) else { continue }
            let text = "得" + String(scalar)
            #expect(text.trimmedSpacesAndNewlines() == "得", "U+\(String(value, radix: 16))")
            #expect((String(scalar) + "得").trimmedSpacesAndNewlines() == "得", "U+\(String(value, radix: 16))")
        }
    }

    @Test("every combination of ends and middles trims like trimmingCharacters(in:)")
    func combinations() {
        for start in Self.pieces {
            for middle in ["", "考评 组", "a\u{3000}b"] {
                for end in Self.pieces {
                    let text = start + middle + end
                    #expect(text.trimmedSpaces() == text.trimmingCharacters(in: .whitespaces), "\(Array(text.unicodeScalars))")
                    #expect(text.trimmedSpacesAndNewlines() == text.trimmingCharacters(in: .whitespacesAndNewlines),
                            "\(Array(text.unicodeScalars))")
                    #expect(Substring(text).trimmedSpaces() == text.trimmingCharacters(in: .whitespaces))
                    #expect(text.isBlank == text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "\(Array(text.unicodeScalars))")
                }
            }
        }
    }
}
