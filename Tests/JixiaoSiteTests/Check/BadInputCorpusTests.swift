import Foundation
import JixiaoCore
import Testing
@testable import JixiaoSite

/// One case of Tests/Fixtures/bad-inputs: a bad file, where it goes, what must be reported.
struct BadInput: Sendable, CustomTestStringConvertible {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/bad-inputs")

    var name: String
    var file: URL
    var target: String
    var removals: [String]
    var severity: Diagnostic.Severity
    var location: JixiaoCore.SourceLocation
    var message: String

    var testDescription: String { name }

    static func all() -> [BadInput] {
        let cases = folder.appendingPathComponent("cases")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: cases.path)) ?? []
        return names.filter { $0.hasSuffix(".expect") }.sorted().compactMap { manifest in
            let stem = String(manifest.dropLast(".expect".count))
            guard let text = try? String(contentsOf: cases.appendingPathComponent(manifest), encoding: .utf8),
                  let file = names.first(where: { $0.hasPrefix(stem + ".") && !$0.hasSuffix(".expect") }) else { return nil }
            var target = "", removals: [String] = [], expect = ""
            for line in text.split(separator: "\n") {
                let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
                guard parts.count == 2 else { continue }
                switch parts[0] {
                case "target:": target = parts[1]
                case "remove:": removals.append(parts[1])
                case "expect:": expect = parts[1]
                default: break
                }
            }
            let fields = expect.split(separator: " ", maxSplits: 2).map(String.init)
            guard fields.count == 3 else { return nil }
            let place = fields[1].split(separator: ":").map(String.init)
            guard place.count == 3, let line = Int(place[1]), let column = Int(place[2]) else { return nil }
            return BadInput(name: stem, file: cases.appendingPathComponent(file), target: target, removals: removals,
                            severity: fields[0] == "警告" ? .warning : .error,
                            location: JixiaoCore.SourceLocation(file: place[0], line: line, column: column), message: fields[2])
        }
    }

    /// A copy of the base site with this case applied.
    func site() throws -> URL {
        let root = try BadInput.copyBase()
        for path in removals { try FileManager.default.removeItem(at: root.appendingPathComponent(path)) }
        let destination = root.appendingPathComponent(target)
        try? FileManager.default.removeItem(at: destination)
        try FileManager.default.copyItem(at: file, to: destination)
        return root
    }

    static func copyBase() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("jixiao-bad-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: folder.appendingPathComponent("base"), to: root)
        return root
    }

    /// What `jixiao check` reports for a site: every error, or the warnings of a good build.
    static func check(_ root: URL) -> [Diagnostic] {
        do throws(DiagnosticsError) {
            return try SiteBuilder.check(SiteBuilder.Options(root: root))
        } catch {
            return error.diagnostics
        }
    }
}

@Suite("Bad-input corpus (jixiao check)")
struct BadInputCorpusTests {
    @Test("the corpus has at least 40 cases and every manifest is readable")
    func corpusSize() throws {
        let names = try FileManager.default.contentsOfDirectory(
            atPath: BadInput.folder.appendingPathComponent("cases").path)
        let manifests = names.filter { $0.hasSuffix(".expect") }
        #expect(manifests.count >= 40)
        #expect(BadInput.all().count == manifests.count, "a manifest could not be parsed")
    }

    @Test("the base site checks clean")
    func baseIsClean() throws {
        let root = try BadInput.copyBase()
        defer { try? FileManager.default.removeItem(at: root) }
        let diagnostics = BadInput.check(root)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
    }

    @Test("each bad input is reported at its real place with the expected message", arguments: BadInput.all())
    func badInput(_ input: BadInput) throws {
        let root = try input.site()
        defer { try? FileManager.default.removeItem(at: root) }
        let diagnostics = BadInput.check(root)
        let match = diagnostics.first {
            $0.location == input.location && $0.severity == input.severity && $0.message == input.message
        }
        #expect(match != nil, """
            expected \(input.location): \(input.severity.label): \(input.message)
            got:
            \(diagnostics.map(\.description).joined(separator: "\n"))
            """)
        if input.severity == .error {
            #expect(diagnostics.contains { $0.severity == .error })
        }
        // Every diagnostic names a file of the site and a line inside it.
        for diagnostic in diagnostics where diagnostic.location.line > 0 {
            // Lines counted on the bytes: the file may be CRLF, or not UTF-8 at all.
            let bytes = try? Data(contentsOf: root.appendingPathComponent(diagnostic.location.file))
            let lines = bytes.map { $0.filter { $0 == 0x0A }.count + 1 } ?? 0
            #expect(diagnostic.location.line <= lines, "\(diagnostic) points past the end of the file")
        }
    }
}
