import Foundation
import JixiaoCore

/// An extra download written beside an evaluation's ranking page, e.g.
/// ranking.xlsx. Edges that the publishing layer must not depend on (the
/// spreadsheet target) provide these; the CLI passes them to the builder.
public struct DownloadFormat: Sendable {
    /// File name in the evaluation folder, e.g. "ranking.xlsx".
    public var fileName: String
    /// Link text on the ranking page, e.g. "排名 Excel".
    public var title: String
    /// What the file is made of, taken from the evaluated results.
    public var prepare: @Sendable (EvaluationResult) throws -> Prepared
    /// Whether the file shows anything of an indicator score's provenance: its
    /// evidence, rule inputs, source or reviewer. A format that says false is kept
    /// by an incremental build, without being made, when only those changed (an
    /// edit to evidence); the built-in formats say so and a test holds them to it.
    public var readsProvenance = true
    /// For a download of one part per unit, in the order of the evaluation's units,
    /// each part made from nothing but that unit's score and the evaluation's own
    /// files (the rows of scores.csv and scores.xlsx; a unit's rank counts as part
    /// of its score). A build with a cache calls this instead of `prepare` when the
    /// file changed: with each unit's key (equal keys, equal parts) and the previous
    /// build's file with its parts, it copies every part whose key it finds there,
    /// makes the others, and returns the file with its parts for the next build.
    /// The file must be byte for byte the one `prepare` makes.
    public var makeByUnit: (@Sendable (_ result: EvaluationResult, _ keys: [String], _ previous: PreviousDownload?) throws
        -> (data: Data, parts: [DownloadPart]))?

    /// `formats` in the order their jobs run: those made unit by unit (the score
    /// tables, tens of megabytes each) first, then the others, each in its order.
    /// Spread among the cards (see `SiteRenderer.spread`), the last download is
    /// then a small one: a job's own concurrentMap runs on its thread alone inside
    /// the render's, and a score table left for the end kept the other core idle.
    static func largeFirst(_ formats: [DownloadFormat]) -> [DownloadFormat] {
        formats.filter { $0.makeByUnit != nil } + formats.filter { $0.makeByUnit == nil }
    }

    /// A download's content before it is written out: an incremental build that
    /// finds the fingerprint of the previous build's file keeps that file rather
    /// than making the bytes again (for a spreadsheet, the costly part).
    public struct Prepared {
        /// Everything the bytes are made from, hashed (asked only by incremental builds).
        public var fingerprint: () -> StableHash
        public var make: () throws -> Data

        public init(fingerprint: @escaping () -> StableHash, make: @escaping () throws -> Data) {
            self.fingerprint = fingerprint
            self.make = make
        }
    }

    public init(fileName: String, title: String, readsProvenance: Bool = true,
                prepare: @escaping @Sendable (EvaluationResult) throws -> Prepared) {
        self.fileName = fileName
        self.title = title
        self.readsProvenance = readsProvenance
        self.prepare = prepare
    }

    /// The same format, made unit by unit in builds with a cache (see `makeByUnit`).
    public func madeByUnit(_ make: @escaping @Sendable (_ result: EvaluationResult, _ keys: [String], _ previous: PreviousDownload?) throws
        -> (data: Data, parts: [DownloadPart])) -> DownloadFormat {
        var format = self
        format.makeByUnit = make
        return format
    }

    /// A download made in one step, whose fingerprint is its bytes.
    public init(fileName: String, title: String, readsProvenance: Bool = true,
                make: @escaping @Sendable (EvaluationResult) throws -> Data) {
        self.init(fileName: fileName, title: title, readsProvenance: readsProvenance) { result in
            let data = try make(result)
            return Prepared(fingerprint: {
                var fingerprint = StableHash()
                fingerprint.add(data)
                return fingerprint
            }, make: { data })
        }
    }
}
