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
