import Foundation
import Testing

/// `jixiao check` and `jixiao new` as a user runs them (the executable built beside the tests).
@Suite("jixiao check and jixiao new on the command line")
struct CheckCommandTests {
    /// The same runner as the other command-line tests.
    static func run(_ arguments: [String]) throws -> (status: Int32, output: String, errors: String) {
        try CommandLineTests.run(arguments)
    }

    @Test("errors print as path:line:col: 错误: message with a hint; exit 1; JSON for editors")
    func errorsAndJSON() throws {
        let input = try #require(BadInput.all().first { $0.name.hasPrefix("01-") })
        let root = try input.site()
        defer { try? FileManager.default.removeItem(at: root) }
        let text = try Self.run(["check", "--root", root.path])
        #expect(text.status == 1)
        #expect(text.errors.contains("content/2020-test/evaluation.yaml:3:12: 错误: YAML 语法错误"))
        #expect(text.errors.contains("\n  提示: "))
        let json = try Self.run(["check", "--root", root.path, "--format", "json"])
        #expect(json.status == 1)
        let items = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [[String: Any]])
        let first = try #require(items.first)
        #expect(first["file"] as? String == "content/2020-test/evaluation.yaml")
        #expect(first["line"] as? Int == 3 && first["column"] as? Int == 12)
        #expect(first["severity"] as? String == "error")
        #expect(first["hint"] is String)
    }

    @Test("warnings alone exit 0; --strict makes them errors")
    func strict() throws {
        let input = try #require(BadInput.all().first { $0.name.contains("placeholder-title") })
        let root = try input.site()
        defer { try? FileManager.default.removeItem(at: root) }
        let normal = try Self.run(["check", "--root", root.path])
        #expect(normal.status == 0)
        #expect(normal.errors.contains("content/2020-test/plan.md:2:8: 警告: "))
        let strict = try Self.run(["check", "--root", root.path, "--strict"])
        #expect(strict.status == 1)
        #expect(strict.errors.contains("content/2020-test/plan.md:2:8: 错误: "))
    }

    @Test("new site, new evaluation --from, then check and build succeed")
    func newThenBuild() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("jixiao-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let created = try Self.run(["new", "site", root.path, "--year", "2023"])
        #expect(created.status == 0, "\(created.errors)")
        let again = try Self.run(["new", "site", root.path])
        #expect(again.status == 1)
        let carried = try Self.run(["new", "evaluation", "2024-sample", "--from", "2023-sample", "--root", root.path])
        #expect(carried.status == 0, "\(carried.errors)")
        let check = try Self.run(["check", "--root", root.path, "--strict"])
        #expect(check.status == 0, "\(check.errors)")
        let build = try Self.run(["build", "--root", root.path])
        #expect(build.status == 0, "\(build.errors)")
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("site/2024-sample/indicators.html").path))
    }
}
