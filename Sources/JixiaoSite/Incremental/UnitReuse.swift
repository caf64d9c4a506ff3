import Foundation
import JixiaoCore

/// An evaluation scored unit by unit in a build with a cache. A unit whose
/// results (its rows of results.csv, with their line numbers, and the front
/// matter of its self-report) are as the previous build scored them is not read
/// or scored again: its own scores and diagnostics are decoded from that build's
/// file (see UnitScoreFile), and only totals, ranks and grades, which depend on
/// every unit, are computed afresh (see `Evaluator.evaluate(…reusing:…)`). An edit
/// to one row scores one unit instead of thousands.
///
/// Not for an evaluation whose results table cannot be split by unit on its bytes
/// (see UnitRows), with a bonus scheme (its points depend on every unit's
/// results), or without an indicator system; a unit with a recorded grade
/// decision is always read (grading reads the decision from its results).
struct UnitReuse: Sendable {
    /// Every unit with results → the key of its results, in hex.
    let keys: [String: String]
    let shared: SharedIndicators
    private var rows: UnitRows?
    private let resultsPath: String?
    /// Units taken from the previous build, decoded, with their bytes as stored.
    private(set) var reused: [String: Evaluator.ReusedUnit] = [:]
    private var stored: [String: ArraySlice<UInt8>] = [:]
    /// What reading reported about each unit read in this build, in order.
    private var reading: [String: [Diagnostic]] = [:]
    private var unkept: Set<String> = []
    /// False once reading reported something about no single unit: no file is
    /// written then, as the next build could not tell whether to repeat it.
    private var attributed = true

    /// `previous`: the previous build's file for this evaluation, if any (asked
    /// for once the units' keys are known). Nil when the evaluation cannot be
    /// scored unit by unit.
    init?(content: EvaluationContent, settings: EvaluationSettings, system: IndicatorSystem?,
          previous: () -> UnitScoreFile?) {
        guard let system, system.bonus == nil else { return nil }
        let known = Dictionary(settings.units.map { ($0.slug, $0) }) { first, _ in first }
        var rows: UnitRows?
        if let table = content.resultsTable {
            guard let split = UnitRows(text: table.text, units: Set(known.keys)) else { return nil }
            rows = split
        }
        let documents = Dictionary(content.unitDocuments.map { ($0.stem, $0) }) { first, _ in first }
        guard documents.count == content.unitDocuments.count, documents.keys.allSatisfy({ known[$0] != nil }) else { return nil }
        self.rows = rows
        resultsPath = content.resultsTable?.path
        shared = SharedIndicators(system)
        var keys: [String: String] = [:]
        let rowHashes = rows?.hashes ?? [:]
        for slug in Set(rowHashes.keys).union(documents.keys) {
            var key = StableHash()
            key.add("unit-results/1")
            key.add(slug)
            key.add(resultsPath ?? "")
            key.add(rowHashes[slug] ?? StableHash())
            if let document = documents[slug] {
                key.add(document.path)
                key.add(document.metadata)
            } else {
                key.add(0)
            }
            keys[slug] = key.hex
        }
        self.keys = keys
        guard let previous = previous() else { return }
        let candidates = keys.compactMap { slug, key -> (AssessedUnit, ArraySlice<UInt8>)? in
            guard let entry = previous.entries[slug], entry.key == key else { return nil }
            return (known[slug]!, entry.bytes)
        }
        let shared = shared
        // A unit that does not decode (its indicator is gone…) is read and scored as any other.
        let decoded = candidates.concurrentMap { unit, bytes in
            UnitScoreCoding.decode(bytes, unit: unit, system: system, shared: shared)
        }
        for ((unit, bytes), decoded) in zip(candidates, decoded) {
            guard let (score, diagnostics) = decoded else { continue }
            reused[unit.slug] = Evaluator.ReusedUnit(score: score, diagnostics: diagnostics)
            stored[unit.slug] = bytes
        }
    }

    /// The results table to read: the rows of reused units emptied (see `UnitRows.text(omitting:)`).
    func tableText(_ text: String) -> String {
        guard let rows, !reused.isEmpty else { return text }
        return rows.text(omitting: Set(reused.keys))
    }

    /// Takes what reading the results table reported, each to the unit whose row it is about.
    mutating func attribute(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics {
            if diagnostic.location.file == resultsPath, let slug = rows?.unit(atLine: diagnostic.location.line) {
                reading[slug, default: []].append(diagnostic)
            } else {
                attributed = false
            }
        }
    }

    /// Takes what reading a unit's self-report or putting its results together reported.
    mutating func note(_ diagnostics: [Diagnostic], of slug: String) {
        reading[slug, default: []] += diagnostics
    }

    /// A unit whose results record a grade decision: kept out of the file.
    mutating func keepOut(_ slug: String) {
        unkept.insert(slug)
    }

    /// The entries of the file the next build reuses (see UnitScoreFile), for the
    /// evaluation scored into `result`; `scoring`: what scoring each unit read in
    /// this build reported. Reused units keep their bytes as they were. Nil when
    /// reading reported something this could not tell to a unit.
    func entries(for result: EvaluationResult, scoring: [String: [Diagnostic]])
        -> [(slug: String, key: String, bytes: ArraySlice<UInt8>)]? {
        guard attributed else { return nil }
        let units = result.units.filter { keys[$0.unit.slug] != nil && !unkept.contains($0.unit.slug) }
        let reading = reading, stored = stored
        let encoded = units.concurrentMap { unit -> ArraySlice<UInt8> in
            let slug = unit.unit.slug
            if let bytes = stored[slug] { return bytes }
            return UnitScoreCoding.encode(unit, diagnostics: (reading[slug] ?? []) + (scoring[slug] ?? []))[...]
        }
        return zip(units, encoded).map { unit, bytes in (slug: unit.unit.slug, key: keys[unit.unit.slug]!, bytes: bytes) }
    }

    /// Lets go of the results table once it is read: the rest serves the file.
    mutating func doneReading() {
        rows = nil
    }
}

extension StableHash {
    /// Adds a value read from a source file: every node, text and location.
    mutating func add(_ value: SourceValue) {
        add(value.location.line)
        add(value.location.column)
        switch value.node {
        case .null:
            add(0)
        case .scalar(let text, let quoted):
            add(quoted ? 2 : 1)
            add(text)
        case .sequence(let items):
            add(3)
            add(items.count)
            for item in items { add(item) }
        case .mapping(let entries):
            add(4)
            add(entries.count)
            for entry in entries {
                add(entry.key)
                add(entry.keyLocation.line)
                add(entry.keyLocation.column)
                add(entry.value)
            }
        }
    }
}
