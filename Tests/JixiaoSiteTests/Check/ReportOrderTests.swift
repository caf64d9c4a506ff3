import Foundation
import JixiaoCore
@testable import JixiaoSite
import JixiaoTestSupport
import Testing

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
        var random = SeededGenerator(seed: 8)
        func next(_ bound: Int) -> Int { random.below(bound) }
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

    /// Diagnostics at a few places, several at the same place (with the same message and other hints, or none).
    static func sample(_ count: Int, _ random: inout SeededGenerator) -> [Diagnostic] {
        let files = ["content/2020/results.csv", "content/2020/results/a.md", "content/2021/results.csv", "content/site.yaml"]
        let hints: [String?] = [nil, "", "核对原始记录。", "补写理由。"]
        return (0..<count).map { _ in
            Diagnostic(random.below(6) == 0 ? .error : .warning,
                       at: SourceLocation(file: files[random.below(files.count)], line: random.below(3), column: random.below(2)),
                       ["得分与自评不一致", "缺少佐证材料", "扣分没有理由"][random.below(3)], hint: hints[random.below(hints.count)])
        }
    }

    @Test("the same diagnostics come in the same order whatever order they were found in")
    func orderOfWhatTheySay() {
        var random = SeededGenerator(seed: 21)
        for round in 0..<100 {
            let diagnostics = Self.sample(random.below(200), &random)
            var shuffled = diagnostics
            for index in shuffled.indices.reversed() { shuffled.swapAt(index, random.below(index + 1)) }
            let sorted = diagnostics.sortedForReport()
            #expect(shuffled.sortedForReport() == sorted, "round \(round)")
            // In order: errors first, then by place, then by message and hint (none first).
            for (a, b) in zip(sorted, sorted.dropFirst()) {
                #expect(!Diagnostic.reportOrder(b, a), "round \(round): \(b) before \(a)")
            }
        }
    }

    @Test("a build's warnings merged with those carried over in records: all, the first few and the count as sorted together")
    func buildWarnings() throws {
        var random = SeededGenerator(seed: 34)
        for round in 0..<60 {
            let found = Self.sample(random.below(60), &random).filter { $0.severity == .warning }
            // Records as the cache keeps them: written to their file and read back, warnings left as lines.
            let carried = try (0..<random.below(4)).map { index in
                let warnings = Self.sample(random.below(80), &random).filter { $0.severity == .warning }
                let record = EvaluationRecord(slug: "e\(index)", digest: "d", year: 2020, comparison: "c", hasResults: true,
                                              scoredUnits: [], diagnostics: warnings)
                let read = try #require(EvaluationRecord.parse(file: Data(EvaluationRecord.file(record, header: "h"))))
                #expect(read.record.warnings.count == warnings.count)
                #expect(read.record.warnings.countsByFile == warnings.countsByFile())
                return (warnings, read.record.warnings)
            }
            let expected = (found + carried.flatMap(\.0)).sortedForReport()
            let warnings = BuildWarnings(found: found.sortedForReport(), carried: carried.map(\.1))
            #expect(warnings.all == expected, "round \(round)")
            #expect(warnings.count == expected.count)
            #expect(warnings.countsByFile == expected.countsByFile())
            for count in [0, 1, 3, 10, 500] {
                #expect(warnings.prefix(count) == Array(expected.prefix(count)), "round \(round), first \(count)")
            }
        }
    }
}
