import Foundation
import JixiaoCore

/// The warnings of an evaluation's record (see EvaluationRecord), in report order.
/// Read from a record file, they stay its lines: a large site carries tens of
/// thousands of them over in every build, and a build shows the first few and
/// how many there are (see BuildWarnings). They are read whole only when all
/// are asked for.
struct RecordedWarnings: Sendable, Equatable {
    private enum Storage: Sendable {
        case found([Diagnostic])
        /// A record file, where its `D` lines are (see `EvaluationRecord.write`), and how many are in each file.
        case lines(Data, [Range<Int>], countsByFile: [String: Int])
    }

    private let storage: Storage

    /// Warnings as reading and scoring found them, in any order.
    init(_ diagnostics: [Diagnostic]) {
        storage = .found(diagnostics)
    }

    /// The `D` lines of a whole record file (its hash matched), as `EvaluationRecord.write`
    /// made them, in report order: `lines` are where they are in `file`. Only their
    /// files are read now, for the counts; nil when one is not a `D` line with a file.
    init?(file: Data, lines: [Range<Int>]) {
        var reader = EvaluationRecord.LineReader()
        var counts = FileCounts()
        let whole = file.withUnsafeBytes { bytes in
            lines.allSatisfy { line in
                let line = UnsafeRawBufferPointer(rebasing: bytes[line])
                guard line.starts(with: "D\t".utf8), let name = reader.file(line) else { return false }
                counts.add(name)
                return true
            }
        }
        guard whole else { return nil }
        storage = .lines(file, lines, countsByFile: counts.done())
    }

    var count: Int {
        switch storage {
        case .found(let diagnostics): diagnostics.count
        case .lines(_, let lines, _): lines.count
        }
    }

    /// Every one, in report order.
    var all: [Diagnostic] {
        switch storage {
        case .found(let diagnostics): diagnostics.sortedForReport()
        case .lines(let bytes, let lines, _): Self.read(bytes, lines[...])
        }
    }

    /// The first `count`, in report order: only those lines are read.
    func prefix(_ count: Int) -> [Diagnostic] {
        switch storage {
        case .found: Array(all.prefix(count))
        case .lines(let bytes, let lines, _): Self.read(bytes, lines.prefix(count))
        }
    }

    /// How many there are in each file.
    var countsByFile: [String: Int] {
        switch storage {
        case .found(let diagnostics): diagnostics.countsByFile()
        case .lines(_, _, let counts): counts
        }
    }

    private static func read(_ file: Data, _ lines: ArraySlice<Range<Int>>) -> [Diagnostic] {
        var reader = EvaluationRecord.LineReader()
        return file.withUnsafeBytes { bytes in
            lines.compactMap { line in
                let diagnostic = reader.diagnostic(UnsafeRawBufferPointer(rebasing: bytes[line]))
                // The file is whole (its hash matched): its lines are as `write` made them.
                assert(diagnostic != nil, "a warning as written cannot be read back")
                return diagnostic
            }
        }
    }

    static func == (a: RecordedWarnings, b: RecordedWarnings) -> Bool {
        if case .lines(let fileA, let linesA, _) = a.storage, case .lines(let fileB, let linesB, _) = b.storage {
            // The lines follow each other in their files: compared as one span.
            guard let firstA = linesA.first, let firstB = linesB.first else { return linesA.isEmpty && linesB.isEmpty }
            let spanA = firstA.lowerBound..<linesA.last!.upperBound, spanB = firstB.lowerBound..<linesB.last!.upperBound
            guard spanA.count == spanB.count else { return false }
            return fileA.withUnsafeBytes { bytesA in
                fileB.withUnsafeBytes { bytesB in
                    memcmp(bytesA.baseAddress! + spanA.lowerBound, bytesB.baseAddress! + spanB.lowerBound, spanA.count) == 0
                }
            }
        }
        return a.count == b.count && a.all == b.all
    }
}

extension Sequence<Diagnostic> {
    /// How many there are in each file.
    func countsByFile() -> [String: Int] {
        var counts = FileCounts()
        for diagnostic in self { counts.add(diagnostic.location.file) }
        return counts.done()
    }
}

/// Counts by file, taken in runs of the same file (a large site's warnings are
/// mostly in file order, and a file's name one shared string), not hashed one by one.
private struct FileCounts {
    private var counts: [String: Int] = [:]
    private var run: (file: String, count: Int)?

    mutating func add(_ file: String) {
        if run?.file == file {
            run!.count += 1
        } else {
            if let run { counts[run.file, default: 0] += run.count }
            run = (file, 1)
        }
    }

    mutating func done() -> [String: Int] {
        if let run { counts[run.file, default: 0] += run.count }
        run = nil
        return counts
    }
}
