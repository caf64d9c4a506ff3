/// 否决项 (R12).
public struct Veto: Sendable {
    public var id: String
    public var name: String
    public var criteria: String?
    public var scope: VetoScope
    public var location: SourceLocation

    /// The scope in words, for the indicator table.
    public var scopeDescription: String {
        switch scope {
        case .item(let id): "指标\(id)不得分"
        case .ancestor(let id): "扣减指标\(id)的全部分值"
        case .whole: "总体否决：评为不合格，不得评为优秀"
        }
    }
}

public enum VetoScope: Sendable, Hashable {
    /// Zeroes the named indicator.
    case item(String)
    /// Zeroes the named ancestor indicator (its whole subtree).
    case ancestor(String)
    /// The unit is graded 不合格 and cannot be 优秀; its total is still computed.
    case whole

    /// The indicator the veto zeroes, if any.
    public var indicatorID: String? {
        switch self {
        case .item(let id), .ancestor(let id): id
        case .whole: nil
        }
    }
}
