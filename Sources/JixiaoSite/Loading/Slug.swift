/// Names that become parts of URLs and file names: lowercase ASCII letters, digits
/// and hyphens, so they are the same on every system and need no escaping.
enum Slug {
    static func isValid(_ slug: String) -> Bool {
        guard let first = slug.unicodeScalars.first, first != "-", slug.count <= 100 else { return false }
        return slug.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" }
    }
}
