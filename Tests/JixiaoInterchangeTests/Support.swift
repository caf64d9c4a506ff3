import Foundation
import JixiaoCore
@testable import JixiaoInterchange

/// Paths of the fixture workbooks (Tests/Fixtures/spreadsheets, made by make_fixtures.py).
enum Fixtures {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let folder = repository.appendingPathComponent("Tests/Fixtures/spreadsheets")

    static func url(_ name: String) -> URL { folder.appendingPathComponent(name) }

    static func grid(_ name: String, sheet: String? = nil) throws -> SheetGrid {
        do throws(DiagnosticsError) {
            return try SpreadsheetInput.read(url: url(name), sheet: sheet)
        } catch {
            throw TestFailure(error.description)
        }
    }

    static func system(_ name: String, sheet: String? = nil) throws -> ImportedSystem {
        let grid = try grid(name, sheet: sheet)
        do throws(DiagnosticsError) {
            return try IndicatorSheetReader(grid: grid).read().0
        } catch {
            throw TestFailure(error.description)
        }
    }

    /// The diagnostics a failing call throws (empty when it succeeds).
    static func diagnostics(_ body: () throws(DiagnosticsError) -> Void) -> [Diagnostic] {
        do throws(DiagnosticsError) {
            try body()
            return []
        } catch {
            return error.diagnostics
        }
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A throwaway folder.
struct TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("jixiao-xlsx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func write(_ path: String, _ text: String) throws {
        let file = url.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
    }

    func remove() { try? FileManager.default.removeItem(at: url) }
}
