import JixiaoCore

/// The record metadata a published official document carries (政务公开): 文号,
/// 发文机关, 主送, 成文日期, 发布日期, 索引号, 信息公开方式, 主题分类, 时效性,
/// attachments; plus the plan's phases and contacts and a 公示's objection period.
/// One type serves plans, notices, reports and free pages: they differ only in
/// which fields they use.
public struct DocumentMetadata: Sendable {
    public struct Attachment: Sendable {
        public var title: String
        public var file: String?
    }

    public struct Phase: Sendable {
        public var name: String
        public var start: CalendarDate?
        public var end: CalendarDate?
        public var description: String?
    }

    public struct Contact: Sendable {
        public var role: String?
        public var name: String?
        public var phone: String?
        public var email: String?
    }

    public struct Objection: Sendable {
        public var start: CalendarDate?
        public var end: CalendarDate?
        public var channel: String?
    }

    public var title: String
    public var kind: String?
    public var docNumber: String?
    public var issuer: String?
    public var recipients: String?
    public var written: CalendarDate?
    public var published: CalendarDate?
    public var indexNumber: String?
    public var disclosure: String?
    public var topic: String?
    public var validity: String?
    public var summary: String?
    public var attachments: [Attachment] = []
    public var phases: [Phase] = []
    public var contacts: [Contact] = []
    public var objection: Objection?
    /// The page's own audience (`audience: internal`), overriding the evaluation's default.
    public var audience: Audience?

    static let disclosureKinds = ["主动公开", "依申请公开", "不予公开"]

    /// A path inside the evaluation folder: relative, with no `..` part.
    static func isSafeRelativePath(_ path: String) -> Bool {
        !path.hasPrefix("/") && !path.hasPrefix("\\") && !path.contains(":")
            && !path.split(whereSeparator: { $0 == "/" || $0 == "\\" }).contains("..")
    }

    /// Reads the front matter of `document`; `what` names the page type in messages.
    static func read(_ document: ContentDocument, what: String, diagnostics: inout [Diagnostic]) -> DocumentMetadata {
        var fields = FieldReader(document.metadata, what: what)
        var meta = DocumentMetadata(title: fields.string("title", required: true) ?? document.stem)
        meta.kind = fields.string("kind")
        meta.docNumber = fields.string("doc_number")
        meta.issuer = fields.string("issuer")
        meta.recipients = fields.string("recipients")
        meta.written = fields.date("written")
        meta.published = fields.date("published")
        meta.indexNumber = fields.string("index_number")
        meta.disclosure = fields.string("disclosure")
        meta.topic = fields.string("topic")
        meta.validity = fields.string("validity")
        meta.summary = fields.string("summary")
        if let text = fields.string("audience") {
            meta.audience = Audience(rawValue: text)
            if meta.audience == nil, let field = document.metadata["audience"] {
                fields.report(.error(at: field.location, "公开范围“\(text)”无效", hint: "写 public（公开）或 internal（内部）。"))
            }
        }
        meta.attachments = fields.list("attachments", what: "附件") { item in
            guard let title = item.string("title", required: true) else { return nil }
            let file = item.string("file")
            if let file, !Self.isSafeRelativePath(file) {
                item.report(.error(at: item.value["file"]?.location ?? item.value.location,
                                   "附件路径“\(file)”指向考核文件夹之外",
                                   hint: "附件放在本考核的 attachments/ 下，写相对路径，例如 attachments/评分说明.pdf；不能用 ../ 或绝对路径。"))
                return Attachment(title: title, file: nil)
            }
            return Attachment(title: title, file: file)
        }
        meta.phases = fields.list("phases", what: "工作阶段") { item in
            guard let name = item.string("name", required: true) else { return nil }
            return Phase(name: name, start: item.date("start"), end: item.date("end"),
                         description: item.string("description"))
        }
        meta.contacts = fields.list("contacts", what: "联系人") { item in
            Contact(role: item.string("role"), name: item.string("name"),
                    phone: item.string("phone"), email: item.string("email"))
        }
        meta.objection = fields.nested("objection", what: "公示异议期") { item in
            Objection(start: item.date("start"), end: item.date("end"), channel: item.string("channel"))
        }
        if let number = meta.docNumber, let field = document.metadata["doc_number"] {
            fields.report(contentsOf: DocumentNumber.check(number, at: field.location))
        }
        if let disclosure = meta.disclosure, !disclosureKinds.contains(disclosure),
           let field = document.metadata["disclosure"] {
            fields.report(.error(at: field.location, "信息公开方式“\(disclosure)”不是规定的取值",
                                 hint: "可选：主动公开、依申请公开、不予公开。"))
        }
        for phase in meta.phases {
            if let start = phase.start, let end = phase.end, end < start,
               let field = document.metadata["phases"] {
                fields.report(.error(at: field.location, "工作阶段“\(phase.name)”的结束日期早于开始日期",
                                     hint: "检查 start 与 end。"))
            }
        }
        diagnostics += fields.finish()
        return meta
    }
}

extension FieldReader {
    mutating func report(contentsOf list: [Diagnostic]) {
        for diagnostic in list { report(diagnostic) }
    }
}
