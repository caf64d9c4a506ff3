import Foundation
import Testing
import JixiaoSite

/// The `jixiao` executable as a user runs it (built by scripts/test before the tests).
@Suite("The jixiao command")
struct CommandLineTests {
    /// `jixiao` from the same build folder as this test binary (so `--scratch-path` works too).
    static var executable: URL {
        let testBinary = URL(fileURLWithPath: ProcessInfo.processInfo.arguments[0]).resolvingSymlinksInPath()
        var folder = testBinary.deletingLastPathComponent()
        while folder.path != "/" {
            let candidate = folder.appendingPathComponent("jixiao")
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDir), !isDir.boolValue { return candidate }
            folder.deleteLastPathComponent()
        }
        return TestSite.repository.appendingPathComponent(".build/debug/jixiao")
    }

    static func run(_ arguments: [String]) throws -> (status: Int32, output: String, errors: String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self), String(decoding: errors, as: UTF8.self))
    }

    @Test("build prints the pages written; bad input gives path:line:col: 错误 and a non-zero exit")
    func buildCommand() throws {
        let site = try TestSite(TestSite.minimal)
        defer { site.remove() }
        let ok = try Self.run(["build", "--root", site.root.path])
        #expect(ok.status == 0, "\(ok.errors)")
        #expect(ok.output.contains("已生成 10 个页面"))
        try site.write("content/2020-test/evaluation.yaml", "title: 坏\nyear: [2020\n")
        let bad = try Self.run(["build", "--root", site.root.path])
        #expect(bad.status != 0)
        #expect(bad.errors.contains("content/2020-test/evaluation.yaml:"))
        #expect(bad.errors.contains(": 错误: "))
        #expect(bad.errors.contains("原有网站未改动"))
    }

    @Test("--version prints the version an archive's manifest names")
    func versionFlag() throws {
        let shown = try Self.run(["--version"])
        #expect(shown.status == 0, "\(shown.errors)")
        #expect(shown.output.trimmingCharacters(in: .whitespacesAndNewlines) == JixiaoVersion.current)
    }

    @Test("score prints the ranking as an aligned table, CSV or JSON")
    func scoreCommand() throws {
        let site = try TestSite(TestSite.minimal)
        defer { site.remove() }
        let table = try Self.run(["score", "2020-test", "--root", site.root.path])
        #expect(table.status == 0, "\(table.errors)")
        let lines = table.output.split(separator: "\n").map(String.init)
        #expect(lines.count == 5) // title, header, three units
        #expect(lines[2].hasPrefix("   1") || lines[2].hasPrefix("1"))
        #expect(lines[2].contains("丙单位") && lines[2].contains("10.00") && lines[2].contains("优秀"))
        let json = try Self.run(["score", "2020-test", "--root", site.root.path, "--format", "json"])
        #expect(json.output.contains("\"total\": \"9.50\""))
        let csv = try Self.run(["score", "2020-test", "--root", site.root.path, "--format", "csv"])
        #expect(csv.output.hasPrefix("rank,tied,unit,slug"))
    }

    @Test("check writes nothing, and after a build reads its cache with the same report as without it")
    func checkCommand() throws {
        let site = try TestSite(TestSite.minimal)
        defer { site.remove() }
        let cold = try Self.run(["check", "--root", site.root.path])
        #expect(cold.status == 0, "\(cold.errors)")
        #expect(cold.errors.contains("检查完成：0 个错误"))
        let cache = site.root.appendingPathComponent(".jixiao-cache")
        #expect(!FileManager.default.fileExists(atPath: cache.path) && !FileManager.default.fileExists(atPath: site.output.path))
        #expect(try Self.run(["build", "--root", site.root.path]).status == 0)
        let built = try site.snapshot(cache)
        try site.write("content/2020-test/results.csv", TestSite.minimal["content/2020-test/results.csv"]!
            .replacingOccurrences(of: "beta,B,5,,2,缺报2期", with: "beta,B,6,,2,缺报2期"))
        let cached = try Self.run(["check", "--root", site.root.path])
        let uncached = try Self.run(["check", "--root", site.root.path, "--no-cache"])
        #expect(cached.errors == uncached.errors && cached.status == uncached.status)
        #expect(cached.errors.contains("content/2020-test/results.csv:5:"), "the edit's warning: \(cached.errors)")
        #expect(try site.snapshot(cache) == built, "the cache is read, not written")

        // --audience (with --output and --theme) says which build is checked: a mobile
        // number stops the public one, not the internal one.
        try site.write("content/2020-test/notices/praise.md", TestSite.minimal["content/2020-test/notices/praise.md"]!
            + "\n联系电话：13912345678\n")
        let internalRun = ["--root", site.root.path, "--audience", "internal", "--output", site.root.appendingPathComponent("internal").path]
        #expect(try Self.run(["build"] + internalRun).status == 0)
        let publicCheck = try Self.run(["check", "--root", site.root.path])
        #expect(publicCheck.status != 0 && publicCheck.errors.contains("content/2020-test/notices/praise.md:"))
        let internalCheck = try Self.run(["check"] + internalRun)
        #expect(internalCheck.status == 0, "\(internalCheck.errors)")
        #expect(internalCheck.errors == (try Self.run(["check", "--no-cache"] + internalRun)).errors)
    }

    @Test("score and export score the named evaluation alone: an error in another year's results stops build, not them")
    func oneEvaluationCommands() throws {
        var files = TestSite.minimal
        files["content/2021-test/evaluation.yaml"] = files["content/2020-test/evaluation.yaml"]!.replacingOccurrences(of: "2020", with: "2021")
        files["content/2021-test/indicators.yaml"] = files["content/2020-test/indicators.yaml"]
        files["content/2021-test/results.csv"] = files["content/2020-test/results.csv"]! + "delta,A,4,true,,\n"
        let site = try TestSite(files)
        defer { site.remove() }
        let build = try Self.run(["build", "--root", site.root.path])
        #expect(build.status != 0)
        #expect(build.errors.contains("content/2021-test/results.csv:"))

        let score = try Self.run(["score", "2020-test", "--root", site.root.path, "--format", "csv"])
        #expect(score.status == 0, "\(score.errors)")
        #expect(score.output.contains("丙单位") && !score.errors.contains("2021-test"), "only 2020's warnings")
        let exported = site.root.appendingPathComponent("ranking.csv")
        let export = try Self.run(["export", "2020-test", "--root", site.root.path, "--table", "ranking", "--output", exported.path])
        #expect(export.status == 0, "\(export.errors)")
        #expect(try String(contentsOf: exported, encoding: .utf8).contains("丙单位"))
        // Another year's results are not even read: a table that cannot be decoded stops build, not score.
        let results = site.root.appendingPathComponent("content/2021-test/results.csv")
        let brokenTable = try Data(contentsOf: results)
        try Data([0x75, 0x6E, 0x69, 0x74, 0x0A, 0xFF, 0xFE, 0x80, 0x0A]).write(to: results)
        #expect(try Self.run(["build", "--root", site.root.path]).errors.contains("既不是 UTF-8 也不是 GB18030"))
        #expect(try Self.run(["score", "2020-test", "--root", site.root.path]).status == 0)
        try brokenTable.write(to: results)
        // The year with the error itself reports it. A name that is no evaluation's narrows
        // nothing: the whole site is scored, as before, to list the evaluations there are.
        #expect(try Self.run(["score", "2021-test", "--root", site.root.path]).errors.contains("content/2021-test/results.csv:"))
        #expect(try Self.run(["score", "2019-test", "--root", site.root.path]).errors.contains("content/2021-test/results.csv:"))
        try site.write("content/2021-test/results.csv", files["content/2020-test/results.csv"]!)
        let unknown = try Self.run(["score", "2019-test", "--root", site.root.path])
        #expect(unknown.status != 0)
        #expect(unknown.errors.contains("没有名为“2019-test”的考核。可用：2021-test, 2020-test"))
    }

    #if os(Linux)
    @Test("the command runs on tcmalloc: malloc and free bind to gperftools, not glibc")
    func commandUsesTCMalloc() throws {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = ["--help"]
        process.environment = ["LD_DEBUG": "bindings"]   // the dynamic linker reports each binding
        let err = Pipe()
        process.standardError = err
        process.standardOutput = Pipe()
        try process.run()
        let report = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        for symbol in ["malloc", "free"] {
            let bindings = report.split(separator: "\n").filter { $0.hasSuffix("normal symbol `\(symbol)' [GLIBC_2.2.5]") }
            #expect(!bindings.isEmpty, "no binding of \(symbol) reported")
            #expect(bindings.allSatisfy { $0.contains("libtcmalloc_minimal") }, "\(bindings.first { !$0.contains("libtcmalloc_minimal") } ?? "")")
        }
    }
    #endif
}
