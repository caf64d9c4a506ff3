import JixiaoCore

/// Reports attachments listed in front matter (`attachments: [{ file: … }]`)
/// whose file is not among those the site publishes (the evaluation's
/// `attachments/` folder).
enum AttachmentCheck {
    static func check(_ publication: Publication, evaluation: PublishedDocument.EvaluationFiles?, diagnostics: inout [Diagnostic]) {
        let items = publication.document.metadata["attachments"]?.items ?? []
        for (item, attachment) in zip(items, publication.meta.attachments) {
            guard let file = attachment.file else { continue }
            let location = item["file"]?.location ?? item.location
            guard let evaluation else {
                diagnostics.append(.error(at: location, "独立页面的附件“\(file)”不会发布",
                                          hint: "附件只能放在考核文件夹的 attachments/ 下，并由该考核的方案或通知引用。"))
                continue
            }
            let normalized = LinkCheck.resolve(file, from: "x") ?? file
            let available = evaluation.attachments
            if available.contains(normalized) { continue }
            var hint = "把文件放进 \(evaluation.folder)/attachments/，file 写 attachments/文件名。"
            if !normalized.hasPrefix("attachments/") {
                hint = "附件要放在 attachments/ 文件夹中，file 写成 attachments/\(normalized.split(separator: "/").last ?? "")。"
            } else if let closest = Similarity.closest(normalized, among: available) {
                hint = "是否应为“\(closest)”？" + hint
            }
            diagnostics.append(.error(at: location, "附件“\(attachment.title)”的文件“\(file)”不存在", hint: hint))
        }
    }
}
