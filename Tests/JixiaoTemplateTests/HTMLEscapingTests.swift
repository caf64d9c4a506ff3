import JixiaoBytes
@testable import JixiaoTemplate
import JixiaoMarkdown
import Testing

/// Escaping reads eight bytes at a time where it can: every special byte, at every
/// place in and around those words, must come out as the site's other escaping
/// (Markdown's, character by character) writes it.
@Suite("HTML escaping")
struct HTMLEscapingTests {
    static func reference(_ text: String) -> String {
        Markdown.escapeHTML(text)
    }

    @Test("each special byte at every place of texts up to 24 bytes, among ASCII and Chinese text")
    func everyPlace() {
        for special in ["&", "<", ">", "\"", "'"] {
            for length in 0...24 {
                for place in 0..<max(length, 1) {
                    var characters = Array(repeating: "a", count: length)
                    if length > 0 { characters[place] = special }
                    let text = characters.joined()
                    #expect(HTMLEscaping.escape(text) == Self.reference(text), "\(text)")
                    let chinese = "得分" + text + "扣分理由：缺报1期"
                    #expect(HTMLEscaping.escape(chinese) == Self.reference(chinese))
                }
            }
        }
        // Among Chinese characters only (every byte ≥ 0x80, words skipped whole), at each
        // character boundary, so the special byte falls at every place of a word.
        let chineseOnly = Array("考核得分扣分理由评分标准计分规则")
        for special in ["&", "<", ">", "\"", "'"] {
            for place in 0...chineseOnly.count {
                var characters = chineseOnly.map(String.init)
                characters.insert(special, at: place)
                let text = characters.joined()
                #expect(HTMLEscaping.escape(text) == Self.reference(text), "\(text)")
            }
        }
        // Bytes next to the special ones (! % ( = ? and multi-byte characters) are copied.
        let near = "!%(=?@;:,./0123456789ABCDEF全角＆＜＞“”‘’"
        #expect(HTMLEscaping.escape(near) == near)
        let mixed = "0.8≤x<0.9，扣1分 & \"引号\" 'a' >b<"
        var output = ByteBuffer(capacity: 1)
        output.append("前")
        HTMLEscaping.append(mixed, to: &output)
        #expect(output.string() == "前" + Self.reference(mixed))
    }
}
