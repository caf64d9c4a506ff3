import Testing
@testable import JixiaoSite

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
