import JixiaoCore
import Testing
@testable import JixiaoSite

@Suite("Diagnostics in the order they are reported")
struct ReportOrderTests {
    /// What `sortForReport` must give: a stable sort by `Diagnostic.reportOrder`.
    static func expected(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.enumerated().sorted { a, b in
            if Diagnostic.reportOrder(a.element, b.element) { return true }
            if Diagnostic.reportOrder(b.element, a.element) { return false }
            return a.offset < b.offset
        }.map(\.element)
    }

    @Test("errors first, then by file, line and column; equals keep their order")
    func sortsLikeTheOrder() {
        // Names that sort otherwise than they appear, one twice as distinct strings, and a
        // decomposed é that is the same name as the composed one.
        let files = ["content/b.csv", "content/a.md", "content/b.csv".uppercased().lowercased(), "content/café.md",
                     "content/cafe\u{301}.md", "content/2020/results.csv", ""]
        var random = TestRandom(seed: 8)
        func next(_ bound: Int) -> Int { random.next(bound) }
        for round in 0..<200 {
            let count = round < 5 ? round : next(300)
            var diagnostics = (0..<count).map { index in
                Diagnostic(next(5) == 0 ? .error : .warning,
                           at: SourceLocation(file: files[next(files.count)], line: next(4), column: next(3)), "第\(index)条")
            }
            if round % 3 == 0 { diagnostics = Self.expected(diagnostics) } // already in order
            let sorted = diagnostics.sortedForReport()
            #expect(sorted.map(\.message) == Self.expected(diagnostics).map(\.message), "round \(round)")
        }
    }
}
