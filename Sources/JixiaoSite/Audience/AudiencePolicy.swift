import JixiaoCore

/// What of one evaluation each audience may see (`audience:` in
/// evaluation.yaml). Plans, notices, the indicator system and the annual report
/// are public by default; the ranking, the unit score cards and, within them,
/// self scores and deduction reasons are internal unless the evaluation says
/// otherwise.
public struct AudiencePolicy: Sendable, Hashable {
    public enum Part: String, Sendable, CaseIterable {
        case plan, indicators, notices, report, ranking, units
        case selfScores = "self_scores"
        case reasons
    }

    public var parts: [Part: Audience]

    public static let defaults: [Part: Audience] = [
        .plan: .public, .indicators: .public, .notices: .public, .report: .public,
        .ranking: .internal, .units: .internal, .selfScores: .internal, .reasons: .internal,
    ]

    public init(parts: [Part: Audience] = AudiencePolicy.defaults) {
        self.parts = parts
    }

    public func audience(of part: Part) -> Audience {
        parts[part] ?? Self.defaults[part]!
    }

    /// Whether `part` may appear in a build for `audience`.
    public func shows(_ part: Part, to audience: Audience) -> Bool {
        audience == .internal || self.audience(of: part) == .public
    }

    /// Reads `audience: { ranking: public, units: public, … }` from evaluation.yaml.
    static func read(_ value: SourceValue?, diagnostics: inout [Diagnostic]) -> AudiencePolicy {
        var policy = AudiencePolicy()
        guard let value, !value.isNull else { return policy }
        var fields = FieldReader(value, what: "公开范围设置 audience")
        for part in Part.allCases {
            guard let text = fields.string(part.rawValue) else { continue }
            if let audience = Audience(rawValue: text) {
                policy.parts[part] = audience
            } else if let location = value[part.rawValue]?.location {
                fields.report(.error(at: location, "公开范围“\(text)”无效", hint: "写 public（公开）或 internal（内部）。"))
            }
        }
        diagnostics += fields.finish()
        return policy
    }
}
