import JixiaoCore
import Testing
@testable import JixiaoSite

/// The diagnostics a throwing reader produced (empty when it did not throw).
func sourceDiagnostics<T>(_ body: () throws -> T) -> [Diagnostic] {
    do {
        _ = try body()
        return []
    } catch let error as DiagnosticsError {
        return error.diagnostics
    } catch {
        Issue.record("unexpected error \(error)")
        return []
    }
}

/// "line:column" of a value, for compact assertions.
func position(_ value: SourceValue?) -> String {
    guard let value else { return "nil" }
    return "\(value.location.line):\(value.location.column)"
}

func position(_ location: JixiaoCore.SourceLocation?) -> String {
    guard let location else { return "nil" }
    return "\(location.line):\(location.column)"
}
