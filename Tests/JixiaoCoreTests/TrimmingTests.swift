import Foundation
@testable import JixiaoCore
import JixiaoTestSupport
import Testing

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

@Suite("A list written in one cell")
struct ListItemsTests {
    /// What reading a list cell did before the shortcut: split by characters.
    static func byCharacters(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == ";" || $0 == "；" }).map { $0.trimmedSpaces() }.filter { !$0.isEmpty }
    }

    @Test("the split on scalars gives what the split on characters gives, whatever the text")
    func agreesWithCharacters() {
        // Separators, spaces and line breaks, text it takes and text that joins a neighbour into one character.
        let pieces = [";", "；", " ", "\u{3000}", "\r\n", "\n", "a", "台账", "、", "（", "0.5", "\u{037E}", "\u{0301}",
                      "\u{200D}", "\u{3099}", "\u{302A}", "\u{FE0F}", "é", "🙂", "\u{0600}", "ｶ\u{FF9E}"]
        var generator = SeededGenerator(seed: 8)
        var shortcuts = 0
        for _ in 0..<20_000 {
            let text = (0..<Int.random(in: 0...8, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            if SourceValue.splitByScalars(text) != nil { shortcuts += 1 }
            #expect(SourceValue.listItems(text) == Self.byCharacters(text), "\(Array(text.unicodeScalars))")
        }
        #expect(shortcuts > 2_000, "the shortcut is taken")
        #expect(SourceValue.listItems("工作台账;佐证材料；现场核查；") == ["工作台账", "佐证材料", "现场核查"])
        #expect(SourceValue.splitByScalars("佐证;\u{0301}材料") == nil, "a combining mark after a separator: characters decide")
    }
}
