/// Walking score trees without copying the scores.
///
/// `for score in scores` and `scores.forEach` hand the body a copy of each
/// score: every one of its references (indicator, inputs, reasons, evidence,
/// computation, children …) retained and released again, and a large site
/// walks its hundreds of thousands of scores several times (cards, fingerprints,
/// downloads, the cache). Read through `scores[index].field`, a field is read
/// where it is stored.
extension Array where Element == IndicatorScore {
    /// Calls `body` with each score's array and index, depth first (a parent
    /// before its children). Read the score's fields as `scores[index].field`;
    /// `let score = scores[index]` would copy it again.
    @inlinable
    public func forEachInPlace(_ body: (_ scores: [IndicatorScore], _ index: Int) throws -> Void) rethrows {
        for index in indices {
            try body(self, index)
            try self[index].children.forEachInPlace(body)
        }
    }

    /// How many scores the trees hold, the roots and all below them.
    @inlinable
    public var countInTrees: Int {
        var count = 0
        forEachInPlace { _, _ in count += 1 }
        return count
    }
}
