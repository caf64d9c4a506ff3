import JixiaoCore

/// Dates of one document that cannot all be true: published before written, a
/// 公示 period that ends before it starts, a 文号 year that is not the year the
/// document was written.
enum DateOrderCheck {
    static func check(_ publication: Publication, diagnostics: inout [Diagnostic]) {
        let meta = publication.meta
        let fields = publication.document.metadata
        if let written = meta.written, let published = meta.published, published < written,
           let location = fields["published"]?.location {
            diagnostics.append(.warning(at: location, "发布日期 \(published) 早于成文日期 \(written)",
                                        hint: "核对 written（成文日期）与 published（发布日期）；公文先成文、后发布。"))
        }
        if let objection = meta.objection, let start = objection.start, let end = objection.end, end < start {
            let location = fields["objection"]?["end"]?.location ?? fields["objection"]?.location ?? fields.location
            diagnostics.append(.error(at: location, "公示期结束日期 \(end) 早于开始日期 \(start)",
                                      hint: "检查 objection 的 start 与 end。"))
        }
        if let number = meta.docNumber, let written = meta.written, let year = yearInBrackets(number),
           year != written.year, let location = fields["doc_number"]?.location {
            diagnostics.append(.warning(at: location, "文号“\(number)”的年份\(year)与成文日期 \(written) 的年份不一致",
                                        hint: "文号〔〕中的年份是发文年份，应与 written 相同；检查是否沿用了旧文号。"))
        }
    }

    /// The year in `〔2019〕`, if the 文号 has one.
    static func yearInBrackets(_ number: String) -> Int? {
        guard let open = number.firstIndex(of: "〔"), let close = number[open...].firstIndex(of: "〕") else { return nil }
        let inner = number[number.index(after: open)..<close]
        guard inner.count == 4 else { return nil }
        return Int(inner)
    }
}
