import JixiaoCore

/// `content/site.yaml`: what every page's header and footer say (主办/承办 and the
/// 备案 numbers the 政务公开 rules require), and which theme is used.
public struct SiteConfig: Sendable {
    public var title: String
    public var description: String?
    public var host: String?
    public var organizer: String?
    public var siteCode: String?
    public var icp: String?
    public var policeRecord: String?
    public var theme: String
    public var allowRawHTML: Bool
    /// What to do with personal information found in the content.
    public var privacy: PrivacyPolicy = .strict
    /// The audience of a build without --audience: public unless site.yaml says
    /// otherwise, so what reaches a public server by mistake is public.
    public var defaultAudience: Audience = .public

    public static let `default` = SiteConfig(title: "绩效管理信息公开", theme: "default", allowRawHTML: false)

    init(title: String, description: String? = nil, host: String? = nil, organizer: String? = nil,
         siteCode: String? = nil, icp: String? = nil, policeRecord: String? = nil,
         theme: String, allowRawHTML: Bool) {
        self.title = title
        self.description = description
        self.host = host
        self.organizer = organizer
        self.siteCode = siteCode
        self.icp = icp
        self.policeRecord = policeRecord
        self.theme = theme
        self.allowRawHTML = allowRawHTML
    }

    static func read(_ value: SourceValue, diagnostics: inout [Diagnostic]) -> SiteConfig {
        var fields = FieldReader(value, what: "站点配置")
        let config = SiteConfig(
            title: fields.string("title", required: true) ?? SiteConfig.default.title,
            description: fields.string("description"),
            host: fields.string("host"),
            organizer: fields.string("organizer"),
            siteCode: fields.string("site_code"),
            icp: fields.string("icp"),
            policeRecord: fields.string("police_record"),
            theme: fields.string("theme") ?? "default",
            allowRawHTML: fields.bool("allow_raw_html") ?? false)
        fields.skip("privacy")
        let audienceText = fields.string("default_audience")
        diagnostics += fields.finish()
        var configured = config
        configured.privacy = PrivacyPolicy.read(value["privacy"], diagnostics: &diagnostics)
        if let audienceText {
            if let audience = Audience(rawValue: audienceText) {
                configured.defaultAudience = audience
            } else if let field = value["default_audience"] {
                diagnostics.append(.error(at: field.location, "默认公开范围“\(audienceText)”无效",
                                          hint: "写 public（公开）或 internal（内部）。"))
            }
        }
        return configured
    }
}
