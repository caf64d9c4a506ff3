import JixiaoCore

/// What a build does with each kind of personal information it finds
/// (`privacy:` in site.yaml). The default fails the build: a citizen's phone
/// number on a public page is the worst mistake a site can make.
public struct PrivacyPolicy: Sendable, Hashable {
    public enum Action: String, Sendable, Hashable {
        case fail, mask, allow
    }

    public var actions: [PersonalDataKind: Action]

    public static let strict = PrivacyPolicy(actions: [:])

    public func action(for kind: PersonalDataKind) -> Action {
        actions[kind] ?? .fail
    }

    /// Whether output files need scanning at all (only hits of masked kinds are changed).
    var masksAnything: Bool {
        PersonalDataKind.allCases.contains { action(for: $0) == .mask }
    }

    /// Reads `privacy: { mobile: mask, id_number: fail, bank_card: fail, webmail: allow }`.
    static func read(_ value: SourceValue?, diagnostics: inout [Diagnostic]) -> PrivacyPolicy {
        guard let value, !value.isNull else { return .strict }
        var policy = PrivacyPolicy.strict
        var fields = FieldReader(value, what: "隐私保护设置")
        for kind in PersonalDataKind.allCases {
            guard let text = fields.string(kind.rawValue) else { continue }
            if let action = Action(rawValue: text) {
                policy.actions[kind] = action
            } else if let location = value[kind.rawValue]?.location {
                fields.report(.error(at: location, "隐私设置“\(kind.rawValue)”的取值“\(text)”无效",
                                     hint: "可选：fail（发现即中止构建）、mask（遮盖后发布）、allow（允许，如公务人员办公电话）。"))
            }
        }
        diagnostics += fields.finish()
        return policy
    }
}
