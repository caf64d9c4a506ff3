import JixiaoCore

/// "Did you mean …" for names the author probably mistyped.
enum Similarity {
    /// The candidate nearest to `name` by edit distance, if it is near enough
    /// to be a plausible typo (at most a third of the name's length, at least 2).
    static func closest(_ name: String, among candidates: [String]) -> String? {
        let limit = max(2, name.count / 3)
        let scored = candidates.map { ($0, distance($0, name)) }.filter { $0.1 <= limit }
        return scored.min { ($0.1, $0.0) < ($1.1, $1.0) }?.0
    }

    static func distance(_ a: String, _ b: String) -> Int {
        EditDistance.between(a, b)
    }
}
