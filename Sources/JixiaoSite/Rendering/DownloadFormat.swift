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
    /// Makes the file's bytes from the evaluated results.
    public var make: @Sendable (EvaluationResult) throws -> Data

    public init(fileName: String, title: String, make: @escaping @Sendable (EvaluationResult) throws -> Data) {
        self.fileName = fileName
        self.title = title
        self.make = make
    }
}
