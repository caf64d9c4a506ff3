import JixiaoCore

/// The warnings of a build, in report order: those found while building, and
/// those of the evaluations carried over, which stay in their records (see
/// RecordedWarnings) until all are asked for. A large site carries tens of
/// thousands over in every build; the build shows the first few and how many
/// there are, which read only a few of each record's.
public struct BuildWarnings: Sendable {
    /// Sorted for report.
    var found: [Diagnostic]
    var carried: [RecordedWarnings]

    init(found: [Diagnostic], carried: [RecordedWarnings] = []) {
        self.found = found
        self.carried = carried.filter { $0.count > 0 }
    }

    public var count: Int { carried.reduce(found.count) { $0 + $1.count } }
    public var isEmpty: Bool { count == 0 }

    /// The first `count`, in report order. The order is one on what the warnings
    /// say (see `Diagnostic.reportOrder`), so the first of all are among the first
    /// of each part.
    public func prefix(_ count: Int) -> [Diagnostic] {
        guard !carried.isEmpty else { return Array(found.prefix(count)) }
        return Array((found.prefix(count) + carried.flatMap { $0.prefix(count) }).sortedForReport().prefix(count))
    }

    /// Every one, in report order: the same as a build that carried nothing over reports.
    public var all: [Diagnostic] {
        guard !carried.isEmpty else { return found }
        return (found + carried.flatMap(\.all)).sortedForReport()
    }

    /// How many there are in each file.
    var countsByFile: [String: Int] {
        carried.reduce(into: found.countsByFile()) { counts, warnings in
            counts.merge(warnings.countsByFile, uniquingKeysWith: +)
        }
    }
}
