import Foundation
@testable import JixiaoSite
import JixiaoTestSupport
import Testing

@Suite("Cross-file checks: placeholders and links")
struct CheckingUnitTests {
    @Test("placeholders are found", arguments: ["202*年度考核", "〔20XX〕1号", "××市人民政府", "某某局", "TODO: 补充", "待填写"])
    func placeholderFound(_ text: String) {
        #expect(PlaceholderPattern.first(in: text) != nil)
    }

    @Test("ordinary text is not a placeholder",
          arguments: ["**2019**年", "二〇二〇年", "等次待定", "1. **科学规范**", "桂粮发〔2019〕51号", "photodox", "x2 倍"])
    func notPlaceholder(_ text: String) {
        #expect(PlaceholderPattern.first(in: text) == nil)
    }

    /// The prefilters (cells, lines, whole bodies) skip the regular expression;
    /// they may let text through that has no placeholder, never the other way.
    @Test("the prefilters never hide a placeholder the expression finds")
    func prefilters() {
        let alphabet: [Character] = ["2", "0", "1", "9", "*", "x", "X", "×", "＊", "Ｘ", "年", "局", "\n", " ", "t", "o", "d", "T",
                                     "O", "D", "b", "B", "待", "填", "写", "补", "充", "完", "善", "此", "处", "某", "-", "〕",
                                     // Characters the cell prefilter steps over undecoded (leads E3, E7, E8, F0).
                                     "的", "考", "𠀀"]
        var random = SeededGenerator(seed: 2026)
        func next(_ bound: Int) -> Int { random.below(bound) }
        var found = 0
        for _ in 0..<60_000 {
            let text = String((0..<(1 + next(12))).map { _ in alphabet[next(alphabet.count)] })
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let anyLine = lines.contains { line in
                PlaceholderPattern.expression.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)) != nil
            }
            if anyLine { found += 1 }
            #expect(PlaceholderPattern.mayContainInSomeLine(text) || !anyLine, "\(text.debugDescription)")
            for line in lines {
                let direct = PlaceholderPattern.expression.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)) != nil
                #expect((PlaceholderPattern.first(in: line) != nil) == direct, "\(line.debugDescription)")
            }
        }
        #expect(found > 200, "the generated texts must hold placeholders for the test to mean anything")
        #expect(!PlaceholderPattern.mayContain("true") && !PlaceholderPattern.mayContain("X") && !PlaceholderPattern.mayContain("某局"),
                "a lone letter or mark is no placeholder")
        for text in ["ToDo", "见TBD", "todo：", "20xx年", "××市", "某某", "待补充", "此处填写"] {
            #expect(PlaceholderPattern.mayContain(text), "\(text)")
        }
    }

    @Test("a body has links only with ]( or ]:")
    func linkPrefilter() {
        #expect(LinkCheck.mayHaveLinks("见[方案](plan.md)"))
        #expect(LinkCheck.mayHaveLinks("[1]: notices/a.md"))
        #expect(!LinkCheck.mayHaveLinks("[注] (一) 说明：无链接"))
        #expect(!LinkCheck.mayHaveLinks(""))
        #expect(!LinkCheck.mayHaveLinks("无链接]") && !LinkCheck.mayHaveLinks("]") && !LinkCheck.mayHaveLinks("] (a)"))
        #expect(LinkCheck.mayHaveLinks("[a]][b]: x") && LinkCheck.mayHaveLinks("]("))
    }

    @Test("the placeholder's column counts Unicode scalars")
    func placeholderOffset() {
        #expect(PlaceholderPattern.first(in: "请××局于")?.offset == 1)
    }

    @Test("links resolve from the page they are published on")
    func linkResolution() {
        #expect(LinkCheck.resolve("notices/a.html", from: "2020-x/plan.html") == "2020-x/notices/a.html")
        #expect(LinkCheck.resolve("../plan.html", from: "2020-x/notices/a.html") == "2020-x/plan.html")
        #expect(LinkCheck.resolve("../x.html", from: "about.html") == nil)
        #expect(LinkCheck.relative("2020-x/plan.html", from: "2020-x/notices/a.html") == "../plan.html")
        if case .relative(let path)? = LinkCheck.target(of: "notices/a.md#part") {
            #expect(path == "notices/a.html")
        } else {
            Issue.record("a content link is relative")
        }
        #expect(LinkCheck.target(of: "https://example.org/") == nil)
        #expect(LinkCheck.target(of: "mailto:a@example.org") == nil)
        #expect(LinkCheck.target(of: "#top") == nil)
    }
}
