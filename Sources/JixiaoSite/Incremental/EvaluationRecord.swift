import Foundation
import JixiaoBytes
import JixiaoCore

/// What the previous build learnt from scoring one evaluation: enough for the
/// next build to carry it over unscored when its files have not changed (see
/// CarryOver): the site-wide pages need to know whether it has results, the link
/// check which score cards exist, the next year's comparison its ranking, and the
/// author still sees its warnings.
struct EvaluationRecord: Sendable, Equatable {
    var slug: String
    /// `EvaluationContent.digest` of the files it was scored from, in hex.
    var digest: String
    var year: Int
    /// What an evaluation compared with this one reads of it, hashed (see `comparison(of:)`).
    var comparison: String
    var hasResults: Bool
    /// Units with a score card, in the order of evaluation.yaml.
    var scoredUnits: [String]
    /// Each unit's rank, total and grade, in rank order: what the next year is compared
    /// with, so that a changed evaluation does not have the year before it scored again.
    var ranking: [RankingEntry]
    /// What reading and scoring it reported (warnings only: a build with errors keeps no cache).
    var warnings: RecordedWarnings

    init(slug: String, digest: String, year: Int, comparison: String, hasResults: Bool, scoredUnits: [String],
         ranking: [RankingEntry] = [], diagnostics: [Diagnostic]) {
        self.slug = slug
        self.digest = digest
        self.year = year
        self.comparison = comparison
        self.hasResults = hasResults
        self.scoredUnits = scoredUnits
        self.ranking = ranking
        self.warnings = RecordedWarnings(diagnostics)
    }

    static func == (a: EvaluationRecord, b: EvaluationRecord) -> Bool {
        a.slug == b.slug && a.digest == b.digest && a.year == b.year && a.comparison == b.comparison
            && a.hasResults == b.hasResults && a.scoredUnits == b.scoredUnits && a.ranking == b.ranking
            && a.warnings == b.warnings
    }

    /// The record of an evaluation as this build left it.
    init(_ evaluation: EvaluatedEvaluation) {
        if let carried = evaluation.carried {
            self = carried
        } else {
            self.init(slug: evaluation.slug, digest: evaluation.content.digest.hex, year: evaluation.settings.year,
                      comparison: Self.comparison(of: evaluation), hasResults: evaluation.hasResults,
                      scoredUnits: evaluation.scoredUnits, ranking: evaluation.result.rankingEntries,
                      diagnostics: evaluation.scoringDiagnostics)
        }
    }

    /// Everything the evaluation of the next year reads of this one when it is
    /// compared with it (SiteEvaluator.previous, YearChange, AudienceFilter,
    /// AnalysisContexts): which units it assesses, whether its ranking is
    /// published, and each unit's rank, total and grade. An edit that changes
    /// none of these (evidence, a reason, a notice) leaves the next year's pages
    /// as they are.
    static func comparison(of evaluation: EvaluatedEvaluation) -> String {
        var hash = StableHash()
        hash.add(evaluation.slug)
        hash.add(evaluation.settings.title)
        hash.add(evaluation.settings.year)
        hash.add(evaluation.hasResults ? 1 : 0)
        hash.add(evaluation.audiencePolicy.audience(of: .ranking).rawValue)
        hash.add(evaluation.settings.units.map(\.slug).sorted().joined(separator: ","))
        for entry in evaluation.result.rankingEntries {
            hash.add(entry.slug)
            hash.add(entry.rank)
            hash.add("\(entry.total)")
            hash.add(entry.grade)
        }
        return hash.hex
    }
}

/// A record as lines of tab-separated fields: `E slug digest year comparison hasResults units`,
/// after it one `R unit rank total grade` per ranked unit, in rank order, and one
/// `D severity file line column message [hint]` per warning, in report order.
/// Tabs, line breaks and backslashes inside a field are escaped.
extension EvaluationRecord {
    /// The lines written to `output`: with a large site's warnings they are
    /// megabytes, better written to the file as they are made.
    static func write<Output: TextOutputStream>(_ record: EvaluationRecord, to output: inout Output) {
        output.write("E\t\(record.slug)\t\(record.digest)\t\(record.year)\t\(record.comparison)\t\(record.hasResults ? 1 : 0)\t")
        output.write(record.scoredUnits.joined(separator: ","))
        output.write("\n")
        for entry in record.ranking {
            output.write("R\t\(entry.slug)\t\(entry.rank)\t\(entry.total)\t\(escape(entry.grade))\n")
        }
        // In report order (see RecordedWarnings); written piece by piece, not as one
        // interpolated string each: tens of thousands of lines.
        for diagnostic in record.warnings.all {
            let location = diagnostic.location
            output.write("D\t")
            output.write(diagnostic.severity.rawValue)
            output.write("\t")
            output.write(escape(location.file))
            output.write("\t")
            output.write(String(location.line))
            output.write("\t")
            output.write(String(location.column))
            output.write("\t")
            output.write(escape(diagnostic.message))
            if let hint = diagnostic.hint {
                output.write("\t")
                output.write(escape(hint))
            }
            output.write("\n")
        }
    }

    /// The file of one record: `header`, the record's lines, and a last line `H`
    /// with a hash of those lines, which tells a whole file from a damaged one
    /// before any of its warnings is read (see `parse(file:)`).
    static func file(_ record: EvaluationRecord, header: String) -> [UInt8] {
        var file = ByteText(Array("\(header)\n".utf8))
        let start = file.bytes.count
        write(record, to: &file)
        var hash = StableHash()
        file.bytes.withUnsafeBytes { hash.add(UnsafeRawBufferPointer(rebasing: $0[start...])) }
        file.write("H\t\(hash.hex)\n")
        return file.bytes
    }

    /// Text written straight into bytes.
    private struct ByteText: TextOutputStream {
        var bytes: [UInt8]
        init(_ bytes: [UInt8]) { self.bytes = bytes }
        mutating func write(_ text: String) { bytes.append(contentsOf: text.utf8) }
    }

    /// The header and record of a file as `file(_:header:)` makes it, read on its
    /// bytes; nil when the hash does not match or a line is not as written. Its
    /// warnings stay lines (see RecordedWarnings): the file is whole, so they are
    /// as written.
    static func parse(file: Data) -> (header: String, record: EvaluationRecord)? {
        file.withUnsafeBytes { bytes -> (header: String, record: EvaluationRecord)? in
            let lines = lineRanges(bytes)
            guard lines.count >= 3 else { return nil }
            let header = LineReader.string(bytes[lines[0]]) // the caller compares it with the one it expects
            let last = bytes[lines[lines.count - 1]]
            guard last.starts(with: "H\t".utf8) else { return nil }
            let body = lines[1].lowerBound..<lines[lines.count - 2].upperBound + 1
            var hash = StableHash()
            hash.add(UnsafeRawBufferPointer(rebasing: bytes[body]))
            guard last.dropFirst(2).elementsEqual(hash.hex.utf8) else { return nil }
            // The evaluation, its ranking, and from the first `D` on its warnings.
            guard var record = evaluation(LineReader.string(bytes[lines[1]])) else { return nil }
            var reader = LineReader()
            var index = 2
            while index < lines.count - 1, bytes[lines[index].lowerBound] != UInt8(ascii: "D") {
                let line = UnsafeRawBufferPointer(rebasing: bytes[lines[index]])
                guard line.first == UInt8(ascii: "R"), let entry = reader.rankingEntry(line) else { return nil }
                record.ranking.append(entry)
                index += 1
            }
            if index < lines.count - 1 {
                guard let warnings = RecordedWarnings(file: file, lines: Array(lines[index..<lines.count - 1])) else { return nil }
                record.warnings = warnings
            }
            return (header, record)
        }
    }

    /// The ranges of the non-empty lines of `bytes`, without their line breaks.
    static func lineRanges(_ bytes: UnsafeRawBufferPointer) -> [Range<Int>] {
        let bytes = bytes.assumingMemoryBound(to: UInt8.self)
        var ranges: [Range<Int>] = []
        var start = 0
        while start < bytes.count {
            let end = bytes.firstOffset(of: UInt8(ascii: "\n"), from: start) ?? bytes.count
            if end > start { ranges.append(start..<end) }
            start = end + 1
        }
        return ranges
    }

    /// The record an `E` line starts, without ranking or warnings.
    private static func evaluation(_ line: String) -> EvaluationRecord? {
        let fields = line[...].tabSeparatedFields
        guard fields.first == "E", fields.count == 7, let year = Int(fields[3]) else { return nil }
        return EvaluationRecord(slug: String(fields[1]), digest: String(fields[2]), year: year,
                                comparison: String(fields[4]), hasResults: fields[5] == "1",
                                scoredUnits: fields[6].isEmpty ? [] : fields[6].split(separator: ",").map(String.init),
                                diagnostics: [])
    }

    /// Reads `D severity file line column message [hint]` and `R unit rank total grade`
    /// lines. A scored evaluation repeats the same file and the same hint on thousands
    /// of warnings, and the same grade down its ranking: each is made into a string
    /// once and shared.
    struct LineReader {
        private var file: (bytes: [UInt8], text: String) = ([], "")
        private var hint: (bytes: [UInt8], text: String) = ([], "")
        private var grade: (bytes: [UInt8], text: String) = ([], "")
        private var fields: [Range<Int>] = []

        /// The line's tab-separated fields, as ranges of its bytes, into `fields`.
        private mutating func split(_ line: UnsafeRawBufferPointer) {
            fields.removeAll(keepingCapacity: true)
            var start = 0
            for index in line.indices where line[index] == UInt8(ascii: "\t") {
                fields.append(start..<index)
                start = index + 1
            }
            fields.append(start..<line.count)
        }

        mutating func rankingEntry(_ line: UnsafeRawBufferPointer) -> RankingEntry? {
            split(line)
            guard fields.count == 5, let rank = Self.number(line[fields[2]]),
                  case .success(let total) = DecimalText.parse(Self.string(line[fields[3]])) else { return nil }
            return RankingEntry(slug: Self.string(line[fields[1]]), rank: rank, total: total,
                                grade: Self.shared(line[fields[4]], &grade))
        }

        /// The file of a `D` line (its third field), without reading the rest of it.
        mutating func file(_ line: UnsafeRawBufferPointer) -> String? {
            let bytes = line.assumingMemoryBound(to: UInt8.self)
            guard let first = bytes.firstOffset(of: UInt8(ascii: "\t"), from: 0),
                  let second = bytes.firstOffset(of: UInt8(ascii: "\t"), from: first + 1) else { return nil }
            let end = bytes.firstOffset(of: UInt8(ascii: "\t"), from: second + 1) ?? bytes.count
            return Self.shared(line[(second + 1)..<end], &file)
        }

        mutating func diagnostic(_ line: UnsafeRawBufferPointer) -> Diagnostic? {
            split(line)
            guard fields.count == 6 || fields.count == 7,
                  let severity = Diagnostic.Severity(rawValue: Self.string(line[fields[1]])),
                  let lineNumber = Self.number(line[fields[3]]), let column = Self.number(line[fields[4]]) else { return nil }
            let location = SourceLocation(file: Self.shared(line[fields[2]], &file), line: lineNumber, column: column)
            return Diagnostic(severity, at: location, Self.text(line[fields[5]]),
                              hint: fields.count == 7 ? Self.shared(line[fields[6]], &hint) : nil)
        }

        /// The bytes as text. Not checked: a file is used only when its hash matches,
        /// so its bytes are text as written (a byte that is not is shown as U+FFFD).
        static func string(_ bytes: Slice<UnsafeRawBufferPointer>) -> String {
            String(decoding: UnsafeRawBufferPointer(rebasing: bytes).assumingMemoryBound(to: UInt8.self), as: UTF8.self)
        }

        private static func text(_ bytes: Slice<UnsafeRawBufferPointer>) -> String {
            let text = string(bytes)
            return bytes.contains(UInt8(ascii: "\\")) ? EvaluationRecord.unescape(text[...]) : text
        }

        private static func shared(_ bytes: Slice<UnsafeRawBufferPointer>, _ last: inout (bytes: [UInt8], text: String)) -> String {
            let same = bytes.count == last.bytes.count
                && last.bytes.withUnsafeBytes { bytes.count == 0 || memcmp($0.baseAddress!, bytes.base.baseAddress! + bytes.startIndex, bytes.count) == 0 }
            if !same { last = (Array(bytes), text(bytes)) }
            return last.text
        }

        /// A line or column number as `lines(_:)` writes it: decimal digits.
        private static func number(_ bytes: Slice<UnsafeRawBufferPointer>) -> Int? {
            guard !bytes.isEmpty, bytes.count <= 18 else { return nil }
            var value = 0
            for byte in bytes {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
    }

    static func escape(_ text: String) -> String {
        // Through the bytes in place: a large site writes 85,000 warnings, three fields each.
        guard text.withUTF8Bytes({ $0.contains { $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r")
            || $0 == UInt8(ascii: "\\") } }) else { return text }
        var result = ""
        for character in text.unicodeScalars {
            switch character {
            case "\\": result += "\\\\"
            case "\t": result += "\\t"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            default: result.unicodeScalars.append(character)
            }
        }
        return result
    }

    static func unescape(_ field: Substring) -> String {
        guard field.utf8.contains(UInt8(ascii: "\\")) else { return String(field) }
        var result = ""
        var escaped = false
        for character in field.unicodeScalars {
            if escaped {
                switch character {
                case "t": result += "\t"
                case "n": result += "\n"
                case "r": result += "\r"
                default: result.unicodeScalars.append(character)
                }
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                result.unicodeScalars.append(character)
            }
        }
        return result
    }
}
