import Foundation
import Testing
@testable import JixiaoSite

@Suite struct ByteSearchTests {
    @Test func findsNeedlesWhereverTheyStand() {
        #expect("{{< units >}}".containsBytes("{{<"))
        #expect("正文 {{< ranking >}}".containsBytes("{{<"))
        #expect("正文{{<".containsBytes("{{<"))
        #expect(!"正文 {{ < x".containsBytes("{{<"))
        #expect(!"{{".containsBytes("{{<"))
        #expect(!"".containsBytes("{{<"))
        #expect("".containsBytes(""))
        #expect("自评报告".containsBytes("评报"))
        #expect(!"自评报告".containsBytes("报评"))
    }

    @Test("agrees with Foundation on text without combining marks")
    func agreesWithFoundation() {
        let alphabet: [Character] = ["{", "<", "&", "*", "a", "考", "评"]
        let needles = ["{{<", "&", "*", "考评", "a{", "<<"]
        var checked = 0
        // Every text of up to five characters of the alphabet.
        var texts = [""]
        for _ in 0..<5 {
            texts = texts + texts.flatMap { text in alphabet.map { text + String($0) } }.filter { $0.count <= 5 }
            texts = Array(Set(texts))
        }
        for text in texts {
            for needle in needles {
                #expect(text.containsBytes(needle) == text.contains(needle), "\(text) \(needle)")
                checked += 1
            }
        }
        #expect(checked > 50_000)
    }
}
