import Foundation
import Testing
import JixiaoSite

/// A build killed with SIGKILL at any moment leaves the previous site intact and
/// complete: the new site is written aside and swapped in with one rename.
@Suite("Atomic output")
struct AtomicOutputTests {
    /// A site large enough that writing takes a noticeable time.
    static func largeSite(units: Int) throws -> TestSite {
        var files = TestSite.minimal
        var yaml = "title: 大型测试考核\nyear: 2021\nunits:\n"
        var csv = "unit,indicator,self,pass,count,reason\n"
        for index in 0..<units {
            yaml += "  - { slug: u\(index), name: 单位\(index) }\n"
            csv += "u\(index),A,4,true,,\nu\(index),B,6,,\(index % 5),\(index % 5 == 0 ? "" : "缺报")\n"
        }
        yaml += "grading: { pass_line: 6 }\naudience: { ranking: public, units: public }\n"
        files["content/2021-large/evaluation.yaml"] = yaml
        files["content/2021-large/indicators.yaml"] = files["content/2020-test/indicators.yaml"]
        files["content/2021-large/results.csv"] = csv
        return try TestSite(files)
    }

    @Test("SIGKILL during a build leaves the previous site as it was", .timeLimit(.minutes(3)))
    func killedBuildKeepsSite() throws {
        let site = try Self.largeSite(units: 1500)
        defer { site.remove() }
        let first = try CommandLineTests.run(["build", "--root", site.root.path])
        #expect(first.status == 0, "\(first.errors)")
        let before = try site.snapshot()
        #expect(before.count > 1500)
        // Change the content so a completed new build would differ from the old one.
        try site.write("content/site.yaml", "title: 改过的站点\n")
        var killedMidway = 0
        for delay in [0.05, 0.15, 0.3, 0.5, 0.8] {
            let process = Process()
            process.executableURL = CommandLineTests.executable
            process.arguments = ["build", "--root", site.root.path]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            Thread.sleep(forTimeInterval: delay)
            let wasRunning = process.isRunning
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let after = try site.snapshot()
            if after == before {
                if wasRunning { killedMidway += 1 }
            } else {
                // The kill came after the swap: then the new site must be complete.
                #expect(after.keys.sorted() == before.keys.sorted(), "a partial site after a kill at \(delay) s")
                #expect(String(decoding: after["index.html"] ?? Data(), as: UTF8.self).contains("改过的站点"))
                break
            }
        }
        #expect(killedMidway > 0, "no kill landed during a build; the test proved nothing")
        // The next build cleans up what the killed ones left and succeeds.
        let again = try CommandLineTests.run(["build", "--root", site.root.path])
        #expect(again.status == 0)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.root.path)
            .filter { $0.contains("jixiao-new") || $0.contains("jixiao-old") }
        #expect(leftovers.isEmpty, "\(leftovers)")
        // The build cache holds its files and a record per evaluation, no half-written copies.
        let folder = site.root.appendingPathComponent(".jixiao-cache")
        let cache = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        // The site that build replaced is kept to start the next from, unless it made
        // every page again (when no killed build got as far as the swap).
        #expect(cache.filter { $0 != StagingFolder.spareName }.sorted() == ["build.tsv", "downloads", "evaluations", "results.tsv"], "\(cache)")
        let records = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("evaluations").path)
        #expect(!records.isEmpty && records.allSatisfy { $0.hasSuffix(".tsv") || $0.hasSuffix(".ranking") || $0.hasSuffix(".units") }, "\(records)")
        let downloads = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("downloads").path)
        #expect(!downloads.isEmpty && downloads.allSatisfy { $0.hasSuffix("%2Fscores.csv") || $0.hasSuffix("%2Fscores.xlsx") }, "\(downloads)")
    }
}
