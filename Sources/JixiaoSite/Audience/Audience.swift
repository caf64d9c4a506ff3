/// Who a build is for. A public build (the default) is what may reach the
/// 政务公开 website; an internal build carries everything, marked 内部资料.
public enum Audience: String, Sendable, Hashable, CaseIterable {
    case `public`
    case `internal`

    /// The word users read.
    public var label: String { self == .public ? "公开" : "内部" }
}
