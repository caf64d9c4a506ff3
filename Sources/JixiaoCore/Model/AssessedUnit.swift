/// One assessed unit (考核对象): a city, a county bureau, an office.
public struct AssessedUnit: Sendable, Hashable {
    /// Used in file names and URLs (`results/<slug>.md`).
    public var slug: String
    public var name: String

    public init(slug: String, name: String) {
        self.slug = slug
        self.name = name
    }
}
