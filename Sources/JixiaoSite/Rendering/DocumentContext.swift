import JixiaoCore

extension SiteRenderer {
    /// The 政务公开 record metadata of a plan, notice, report or page.
    func documentContext(_ publication: Publication, page path: String) -> [String: Any] {
        let meta = publication.meta
        var context: [String: Any] = ["title": meta.title]
        context["kind"] = meta.kind
        context["doc_number"] = meta.docNumber
        context["issuer"] = meta.issuer
        context["recipients"] = meta.recipients
        context["index_number"] = meta.indexNumber
        context["disclosure"] = meta.disclosure
        context["topic"] = meta.topic
        context["validity"] = meta.validity
        context["summary"] = meta.summary
        if let written = meta.written { context["written"] = dateContext(written) }
        if let published = meta.published { context["published"] = dateContext(published) }
        let folder = publication.document.path.split(separator: "/").dropFirst().first.map(String.init)
        context["attachments"] = meta.attachments.enumerated().map { index, attachment -> [String: Any] in
            var item: [String: Any] = ["number": index + 1, "title": attachment.title]
            if let file = attachment.file, let folder {
                item["href"] = SitePaths.link("\(folder)/\(file)", from: path)
            }
            return item
        }
        context["has_attachments"] = !meta.attachments.isEmpty
        context["phases"] = meta.phases.enumerated().map { index, phase -> [String: Any] in
            var item: [String: Any] = ["number": index + 1, "name": phase.name]
            if let start = phase.start { item["start"] = dateContext(start) }
            if let end = phase.end { item["end"] = dateContext(end) }
            item["description"] = phase.description
            return item
        }
        context["has_phases"] = !meta.phases.isEmpty
        context["contacts"] = meta.contacts.map { contact -> [String: Any] in
            var item: [String: Any] = [:]
            item["role"] = contact.role
            item["name"] = contact.name
            item["phone"] = contact.phone
            item["email"] = contact.email
            return item
        }
        context["has_contacts"] = !meta.contacts.isEmpty
        if let objection = meta.objection {
            var item: [String: Any] = [:]
            if let start = objection.start { item["start"] = dateContext(start) }
            if let end = objection.end { item["end"] = dateContext(end) }
            item["channel"] = objection.channel
            context["objection"] = item
        }
        context["has_record"] = meta.indexNumber != nil || meta.disclosure != nil || meta.topic != nil
            || meta.written != nil || meta.published != nil
        return context
    }

    func dateContext(_ date: CalendarDate) -> [String: Any] {
        ["iso": date.description, "chinese": date.chinese]
    }
}
