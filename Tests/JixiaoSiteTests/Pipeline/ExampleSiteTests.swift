import Foundation
import JixiaoCore
import Testing
@testable import JixiaoSite

/// The repository's own example site, built end to end.
@Suite("The example site in content/")
struct ExampleSiteTests {
    static func build() throws -> (output: URL, report: SiteBuilder.Report) {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("jixiao-example-\(UUID().uuidString)")
        let report = try SiteBuilder.build(SiteBuilder.Options(root: TestSite.repository, output: output))
        return (output, report)
    }

    static func csvRows(_ text: String) -> [[String: String]] {
        var lines = text.replacingOccurrences(of: "\u{FEFF}", with: "").components(separatedBy: "\r\n").filter { !$0.isEmpty }
        let header = lines.removeFirst().components(separatedBy: ",")
        return lines.map { line in
            // The example data has no commas inside fields of the columns read here.
            let fields = line.components(separatedBy: ",")
            return Dictionary(uniqueKeysWithValues: zip(header, fields + Array(repeating: "", count: max(0, header.count - fields.count))))
        }
    }

    @Test("builds every evaluation with its pages, and the Guangxi ranking has 14 cities")
    func buildsExample() throws {
        let (output, report) = try Self.build()
        defer { try? FileManager.default.removeItem(at: output) }
        #expect(report.pages > 40)
        let fm = FileManager.default
        for page in ["index.html", "archive.html", "about.html", "2019-guangxi-grain/plan.html",
                     "2019-guangxi-grain/indicators.html", "2019-guangxi-grain/ranking.html",
                     "2019-guangxi-grain/units/nanning.html", "2021-jinjiang-ecology/indicators.html"] {
            #expect(fm.fileExists(atPath: output.appendingPathComponent(page).path), "\(page) missing")
        }
        let data = try Data(contentsOf: output.appendingPathComponent("2019-guangxi-grain/ranking.json"))
        let rows = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        #expect(rows.count == 14)
        let ranks = rows.compactMap { $0["rank"] as? Int }
        #expect(ranks == ranks.sorted())
        let totals = rows.compactMap { ($0["total"] as? String).flatMap { Decimal(string: $0) } }
        #expect(totals == totals.sorted(by: >))
        // Every unit page of the evaluation exists.
        for row in rows {
            let slug = try #require(row["slug"] as? String)
            #expect(fm.fileExists(atPath: output.appendingPathComponent("2019-guangxi-grain/units/\(slug).html").path))
        }
        let ranking = try String(contentsOf: output.appendingPathComponent("2019-guangxi-grain/ranking.html"), encoding: .utf8)
        #expect(ranking.contains("示例数据"))
    }

    @Test("published totals add up: indicators = Σ first-level scores; total = indicators + bonus + adjustments")
    func totalsAddUp() throws {
        let (output, _) = try Self.build()
        defer { try? FileManager.default.removeItem(at: output) }
        for slug in ["2019-guangxi-grain", "2019-neimenggu"] {
            let rankingURL = output.appendingPathComponent("\(slug)/ranking.csv")
            guard FileManager.default.fileExists(atPath: rankingURL.path) else { continue }
            let ranking = Self.csvRows(try String(contentsOf: rankingURL, encoding: .utf8))
            let scores = Self.csvRows(try String(contentsOf: output.appendingPathComponent("\(slug)/scores.csv"), encoding: .utf8))
            #expect(!ranking.isEmpty)
            for row in ranking {
                let unit = try #require(row["slug"])
                let levelOne = scores.filter { $0["unit"] == unit && $0["level"] == "1" }
                let sum = levelOne.compactMap { Decimal(string: $0["score"] ?? "") }.reduce(0, +)
                let indicators = try #require(Decimal(string: row["indicators"] ?? ""))
                #expect(sum == indicators, "\(slug)/\(unit): Σ level 1 = \(sum), indicators = \(indicators)")
                let bonus = try #require(Decimal(string: row["bonus"] ?? ""))
                let adjustments = try #require(Decimal(string: row["adjustments"] ?? ""))
                let total = try #require(Decimal(string: row["total"] ?? ""))
                #expect(indicators + bonus + adjustments == total, "\(slug)/\(unit)")
            }
        }
    }

    @Test("no real contact data: phone numbers and e-mail addresses in the example are placeholders")
    func placeholdersOnly() throws {
        let (output, _) = try Self.build()
        defer { try? FileManager.default.removeItem(at: output) }
        let digitRuns = try Regex(#"\d+"#)
        for path in Theme.files(under: output) where path.hasSuffix(".html") {
            let html = try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8)
            for match in html.matches(of: digitRuns) {
                let run = html[match.range]
                let looksMobile = run.count == 11 && run.hasPrefix("1") && "3456789".contains(run.dropFirst().first!)
                #expect(!looksMobile, "\(path) contains what looks like a mobile number: \(run)")
            }
            for match in html.matches(of: try Regex(#"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+"#)) {
                let address = String(html[match.range])
                #expect(address.hasSuffix("example.org") || address.hasSuffix("example.com"), "\(path): \(address)")
            }
        }
    }
}
