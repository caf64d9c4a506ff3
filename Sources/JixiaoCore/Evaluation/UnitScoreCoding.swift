import Foundation
import JixiaoBytes

/// One unit's own scores in bytes: what scoring its results gives before bonus,
/// totals, ranks and grades, which need every unit (see `Evaluator.evaluate(…reusing:…)`),
/// with the diagnostics reading and scoring them gave. A build cache keeps them
/// so that an edit to one unit's results scores that unit only: decoding a unit
/// is several times cheaper than reading its rows and scoring them again.
///
/// Every stored property of UnitScore and its parts is either written here or
/// set by the evaluation after scoring (`UnitScoreCodingTests` fails when one is
/// added that this file does not know of). Texts are written once per unit in a
/// table and named by their place in it; a decimal as its stored bytes up to the
/// last that is not zero, so it decodes to the same bytes (which the score cards'
/// fingerprints hash) and the same value. An indicator is named by its place in
/// the system (bytes are only decoded with the definitions they were written
/// with, see UnitScoreFile), a veto by id and the unit by slug; they are found in
/// the evaluation's system and settings when decoded.
public enum UnitScoreCoding {
    /// Properties of UnitScore that `encode` writes, and those the evaluation sets after scoring.
    public static let writtenFields = ["unit", "indicators", "indicatorTotal", "components", "adjustments",
                                       "adjustmentTotal", "vetoes", "selfTotal", "reviewer"]
    public static let evaluationFields = ["bonus", "bonusTotal", "total", "rank", "tied", "grade", "gradeName",
                                          "gradeNote", "computation"]
    /// Stored properties of the parts that `encode` writes: all of them (an indicator and a veto by id).
    public static let partFields = [
        "IndicatorScore": ["shared", "points", "score", "selfScore", "deduction", "notApplicable", "vetoed", "inputs",
                           "reasons", "evidence", "source", "reviewer", "computation", "children"],
        "ComponentScore": ["id", "name", "weight", "value", "weighted", "computation"],
        "AdjustmentScore": ["points", "kind", "kindName", "reason", "source", "noticeYear", "counted"],
        "VetoHit": ["veto", "reason"],
        "RuleInput": ["name", "text"],
    ]

    public static func encode(_ unit: UnitScore, diagnostics: [Diagnostic]) -> [UInt8] {
        var encoder = Encoder()
        encoder.text(unit.unit.slug)
        encoder.indicators(unit.indicators)
        encoder.decimal(unit.indicatorTotal)
        encoder.count(unit.components.count)
        for component in unit.components {
            encoder.text(component.id)
            encoder.text(component.name)
            encoder.decimal(component.weight)
            encoder.decimal(component.value)
            encoder.decimal(component.weighted)
            encoder.text(component.computation)
        }
        encoder.count(unit.adjustments.count)
        for adjustment in unit.adjustments {
            encoder.decimal(adjustment.points)
            encoder.text(adjustment.kind.rawValue)
            encoder.text(adjustment.kindName)
            encoder.text(adjustment.reason)
            encoder.text(adjustment.source)
            encoder.body.byte(adjustment.noticeYear == nil ? 0 : 1)
            encoder.body.signed(adjustment.noticeYear ?? 0)
            encoder.body.byte(adjustment.counted ? 1 : 0)
        }
        encoder.decimal(unit.adjustmentTotal)
        encoder.count(unit.vetoes.count)
        for hit in unit.vetoes {
            encoder.text(hit.veto.id)
            encoder.text(hit.reason)
        }
        encoder.decimal(unit.selfTotal)
        encoder.text(unit.reviewer)
        encoder.count(diagnostics.count)
        for diagnostic in diagnostics {
            encoder.body.byte(diagnostic.severity == .error ? 1 : 0)
            encoder.text(diagnostic.location.file)
            encoder.body.signed(diagnostic.location.line)
            encoder.body.signed(diagnostic.location.column)
            encoder.text(diagnostic.message)
            encoder.text(diagnostic.hint)
        }
        return encoder.finished()
    }

    /// What `encode` wrote of `unit`, in an evaluation with `system` scored with
    /// `shared`; nil when the bytes are of another unit or anything else (a veto
    /// the system no longer has, an indicator beyond it, damage). Bytes written
    /// under other definitions are not to be decoded at all (see UnitScoreFile).
    public static func decode(_ bytes: ArraySlice<UInt8>, unit: AssessedUnit, system: IndicatorSystem,
                              shared: SharedIndicators) -> (score: UnitScore, diagnostics: [Diagnostic])? {
        bytes.withUnsafeBytes { raw in decode(raw, unit: unit, system: system, shared: shared) }
    }

    private static func decode(_ bytes: UnsafeRawBufferPointer, unit: AssessedUnit, system: IndicatorSystem,
                               shared: SharedIndicators) -> (score: UnitScore, diagnostics: [Diagnostic])? {
        var decoder = Decoder(bytes)
        guard decoder.readTexts(), decoder.text() == unit.slug, let count = decoder.count() else { return nil }
        var indicators: [IndicatorScore] = []
        indicators.reserveCapacity(count)
        for _ in 0..<count {
            guard let score = decoder.indicator(shared, depth: 0) else { return nil }
            indicators.append(score)
        }
        guard let indicatorTotal = decoder.decimal(), let componentCount = decoder.count() else { return nil }
        var components: [ComponentScore] = []
        for _ in 0..<componentCount {
            guard let id = decoder.text(), let name = decoder.text(), let weight = decoder.decimal(),
                  let value = decoder.decimal(), let weighted = decoder.decimal(), let computation = decoder.text()
            else { return nil }
            components.append(ComponentScore(id: id, name: name, weight: weight, value: value, weighted: weighted,
                                             computation: computation))
        }
        guard let adjustmentCount = decoder.count() else { return nil }
        var adjustments: [AdjustmentScore] = []
        for _ in 0..<adjustmentCount {
            guard let points = decoder.decimal(), let kind = decoder.text().flatMap(Adjustment.Kind.init(rawValue:)),
                  let kindName = decoder.text(), let reason = decoder.text(), let source = decoder.optionalText(),
                  let hasYear = decoder.flag(), let year = decoder.reader.signed(), let counted = decoder.flag()
            else { return nil }
            adjustments.append(AdjustmentScore(points: points, kind: kind, kindName: kindName, reason: reason, source: source,
                                               noticeYear: hasYear ? year : nil, counted: counted))
        }
        guard let adjustmentTotal = decoder.decimal(), let vetoCount = decoder.count() else { return nil }
        var vetoes: [VetoHit] = []
        for _ in 0..<vetoCount {
            guard let id = decoder.text(), let veto = system.vetoes.first(where: { $0.id == id }),
                  let reason = decoder.optionalText() else { return nil }
            vetoes.append(VetoHit(veto: veto, reason: reason))
        }
        guard let selfTotal = decoder.optionalDecimal(), let reviewer = decoder.optionalText(),
              let diagnosticCount = decoder.count() else { return nil }
        var diagnostics: [Diagnostic] = []
        diagnostics.reserveCapacity(diagnosticCount)
        for _ in 0..<diagnosticCount {
            guard let severity = decoder.reader.byte(), severity <= 1, let file = decoder.text(),
                  let line = decoder.reader.signed(), let column = decoder.reader.signed(),
                  let message = decoder.text(), let hint = decoder.optionalText() else { return nil }
            diagnostics.append(Diagnostic(severity == 1 ? .error : .warning, at: SourceLocation(file: file, line: line, column: column),
                                          message, hint: hint))
        }
        guard decoder.reader.isAtEnd else { return nil }
        let score = UnitScore(
            unit: unit, indicators: indicators, indicatorTotal: indicatorTotal, components: components,
            bonus: [], bonusTotal: 0, adjustments: adjustments, adjustmentTotal: adjustmentTotal, vetoes: vetoes,
            selfTotal: selfTotal, total: 0, rank: 0, tied: false, grade: .ungraded, gradeName: "", gradeNote: nil,
            computation: "", reviewer: reviewer)
        return (score, diagnostics)
    }

    /// Writes the body while gathering its texts; the bytes are the texts, then the body.
    private struct Encoder {
        var body = BinaryWriter(capacity: 4096)
        /// The texts as written in the table, and where each one's bytes are.
        var table = BinaryWriter(capacity: 4096)
        var ranges: [Range<Int>] = []
        /// A text's place by a hash of its bytes: Swift's own string hashing
        /// normalizes Unicode first, which made encoding most of a clean build's cache.
        var places = TextPlaces()

        mutating func count(_ value: Int) { body.count(value) }

        /// A text's place in the table, plus one (0 is no text).
        mutating func text(_ value: String?) {
            guard let value else { return body.count(0) }
            value.withUTF8Bytes { utf8 in
                let key = Self.hash(utf8)
                if let place = places.place(key), table.bytes[ranges[place]].withUnsafeBufferPointer({ stored in
                    stored.count == utf8.count && (utf8.isEmpty || memcmp(stored.baseAddress!, utf8.baseAddress!, utf8.count) == 0)
                }) {
                    return body.count(place + 1)
                }
                table.count(utf8.count)
                let start = table.bytes.count
                table.append(utf8)
                ranges.append(start..<table.bytes.count)
                places.add(key, place: ranges.count - 1) // a second text of the same hash: both kept, the first found
                body.count(ranges.count)
            }
        }

        /// The length and the first and last eight bytes: texts that agree in all
        /// three but differ (messages naming the same unit and indicator) are each
        /// written, as the first one keeps the place.
        private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
            var hash: UInt64 = 0xCBF2_9CE4_8422_2325 ^ UInt64(bytes.count)
            let raw = UnsafeRawBufferPointer(bytes)
            if bytes.count >= 8 {
                hash = (hash ^ raw.loadUnaligned(as: UInt64.self)) &* 0x0000_0100_0000_01B3
                hash = (hash ^ raw.loadUnaligned(fromByteOffset: bytes.count - 8, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
            } else {
                for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
            }
            return hash ^ hash >> 29
        }

        mutating func decimal(_ value: Decimal?) {
            guard let value else { return body.byte(0xFF) }
            withUnsafeBytes(of: value) { raw in
                let used = (raw.lastIndex { $0 != 0 } ?? -1) + 1
                body.byte(UInt8(used))
                body.append(UnsafeRawBufferPointer(rebasing: raw[..<used]))
            }
        }

        /// Indicators and their children walked in place (see `forEachInPlace`):
        /// a copy of each score (a dozen references) was a third of encoding.
        mutating func indicators(_ scores: [IndicatorScore]) {
            count(scores.count)
            scores.forEachInPlace { scores, index in indicator(scores, index) }
        }

        /// An indicator by its place in the system (the same in every build of the
        /// same definitions, see UnitScoreFile), or by id for one that has none;
        /// its children's count, which they follow.
        mutating func indicator(_ scores: [IndicatorScore], _ index: Int) {
            if scores[index].shared.position >= 0 {
                count(scores[index].shared.position + 1)
            } else {
                count(0)
                text(scores[index].indicator.id)
            }
            decimal(scores[index].points)
            decimal(scores[index].score)
            decimal(scores[index].selfScore)
            decimal(scores[index].deduction)
            body.byte((scores[index].notApplicable ? 1 : 0) | (scores[index].vetoed ? 2 : 0))
            count(scores[index].inputs.count)
            for input in scores[index].inputs {
                text(input.name)
                text(input.text)
            }
            count(scores[index].reasons.count)
            for reason in scores[index].reasons { text(reason) }
            count(scores[index].evidence.count)
            for item in scores[index].evidence { text(item) }
            text(scores[index].source)
            text(scores[index].reviewer)
            text(scores[index].computation)
            count(scores[index].children.count)
        }

        func finished() -> [UInt8] {
            var head = BinaryWriter(capacity: body.bytes.count + table.bytes.count + 8)
            head.count(ranges.count)
            head.append(table.bytes)
            head.append(body.bytes)
            return head.bytes
        }
    }

    /// Places in the text table by a text's hash (`Encoder.hash`), in a table of its
    /// own: the hash is mixed already, so its low bits pick the slot (a Swift
    /// dictionary hashed it again, a third of writing the texts).
    struct TextPlaces {
        private var keys = [UInt64](repeating: 0, count: 256)
        /// -1: an empty slot.
        private var places = [Int32](repeating: -1, count: 256)
        private var count = 0

        /// The place of the first text added with `key`.
        func place(_ key: UInt64) -> Int? {
            let mask = keys.count - 1
            var slot = Int(truncatingIfNeeded: key) & mask
            while places[slot] >= 0 {
                if keys[slot] == key { return Int(places[slot]) }
                slot = (slot + 1) & mask
            }
            return nil
        }

        /// Adds `key` at `place` unless it has one (the first one stays).
        mutating func add(_ key: UInt64, place: Int) {
            if (count + 1) * 2 > keys.count { grow() }
            let mask = keys.count - 1
            var slot = Int(truncatingIfNeeded: key) & mask
            while places[slot] >= 0 {
                if keys[slot] == key { return }
                slot = (slot + 1) & mask
            }
            keys[slot] = key
            places[slot] = Int32(place)
            count += 1
        }

        private mutating func grow() {
            let (oldKeys, oldPlaces) = (keys, places)
            keys = [UInt64](repeating: 0, count: oldKeys.count * 2)
            places = [Int32](repeating: -1, count: oldKeys.count * 2)
            count = 0
            for slot in oldKeys.indices where oldPlaces[slot] >= 0 {
                add(oldKeys[slot], place: Int(oldPlaces[slot]))
            }
        }
    }

    private struct Decoder {
        var reader: BinaryReader
        var table: [String] = []

        init(_ bytes: UnsafeRawBufferPointer) {
            reader = BinaryReader(bytes)
        }

        mutating func readTexts() -> Bool {
            guard let count = reader.count() else { return false }
            table.reserveCapacity(count)
            for _ in 0..<count {
                guard let text = reader.text() else { return false }
                table.append(text)
            }
            return true
        }

        mutating func count() -> Int? { reader.count() }

        /// A text that must be there.
        mutating func text() -> String? {
            guard case let text?? = optionalText() else { return nil }
            return text
        }

        /// `.some(nil)` for no text; nil when the bytes are damaged.
        mutating func optionalText() -> String?? {
            guard let place = reader.number() else { return nil }
            if place == 0 { return .some(nil) }
            guard place <= UInt64(table.count) else { return nil }
            return .some(table[Int(place) - 1])
        }

        mutating func flag() -> Bool? {
            switch reader.byte() {
            case 0: false
            case 1: true
            default: nil
            }
        }

        mutating func decimal() -> Decimal? {
            guard case let value?? = optionalDecimal() else { return nil }
            return value
        }

        mutating func optionalDecimal() -> Decimal?? {
            guard let used = reader.byte() else { return nil }
            if used == 0xFF { return .some(nil) }
            guard Int(used) <= MemoryLayout<Decimal>.size, let stored = reader.bytes(Int(used)) else { return nil }
            var value = Decimal()
            withUnsafeMutableBytes(of: &value) { raw in
                raw.initializeMemory(as: UInt8.self, repeating: 0)
                raw.copyBytes(from: stored)
            }
            return .some(value)
        }

        /// Deeper than any indicator system: damage cannot recurse without end.
        static let maximumDepth = 16

        mutating func indicator(_ shared: SharedIndicators, depth: Int) -> IndicatorScore? {
            guard depth < Self.maximumDepth, let place = reader.number() else { return nil }
            let found: SharedIndicator?
            if place > 0 {
                found = place <= UInt64(shared.list.count) ? shared.list[Int(place) - 1] : nil
            } else {
                found = text().flatMap { shared.byID[$0] }
            }
            guard let definition = found, let points = decimal(), let score = optionalDecimal(), let selfScore = optionalDecimal(),
                  let deduction = decimal(), let flags = reader.byte(), flags < 4, let inputCount = count()
            else { return nil }
            var inputs: [RuleInput] = []
            inputs.reserveCapacity(inputCount)
            for _ in 0..<inputCount {
                guard let name = text(), let value = text() else { return nil }
                inputs.append(RuleInput(name: name, text: value))
            }
            guard let reasons = texts(), let evidence = texts(), let source = optionalText(),
                  let reviewer = optionalText(), let computation = text(), let childCount = count() else { return nil }
            var children: [IndicatorScore] = []
            children.reserveCapacity(childCount)
            for _ in 0..<childCount {
                guard let child = indicator(shared, depth: depth + 1) else { return nil }
                children.append(child)
            }
            return IndicatorScore(indicator: definition, points: points, score: score, selfScore: selfScore,
                                  deduction: deduction, notApplicable: flags & 1 != 0, vetoed: flags & 2 != 0,
                                  inputs: inputs, reasons: reasons, evidence: evidence, source: source,
                                  reviewer: reviewer, computation: computation, children: children)
        }

        mutating func texts() -> [String]? {
            guard let count = count() else { return nil }
            var texts: [String] = []
            texts.reserveCapacity(count)
            for _ in 0..<count {
                guard let text = text() else { return nil }
                texts.append(text)
            }
            return texts
        }
    }
}

/// An evaluation's indicators, each shared by every unit's score of it (see
/// SharedIndicator): made once per evaluation, for scoring and decoding alike.
public struct SharedIndicators: Sendable {
    /// In the order of `allIndicators`.
    let list: [SharedIndicator]
    let byID: [String: SharedIndicator]

    /// Made once per evaluation and read by every unit's scoring and score card, on
    /// both cores: the indicators and what holds them are made immortal (see Immortal).
    public init(_ system: IndicatorSystem) {
        list = system.allIndicators.enumerated().map { SharedIndicator($1, position: $0) }
        byID = Dictionary(list.map { ($0.value.id, $0) }) { first, _ in first }
        for indicator in system.indicators { indicator.makeImmortal() }
        Immortal.makeBuffer(of: system.indicators)
        for shared in list {
            Immortal.make(shared)
            Immortal.make(shared.ruleDescription)
        }
        Immortal.makeBuffer(of: list)
        Immortal.makeStorage(of: byID)
    }
}
