import Foundation
import JixiaoBytes
import JixiaoCore
import JixiaoMarkdown

/// Follows every relative link and image in a document's body from the page it
/// is published on, the way a browser will, and reports those that lead nowhere.
enum LinkCheck {
    static func check(_ published: PublishedDocument, index: SitePageIndex, diagnostics: inout [Diagnostic]) {
        for (url, target, location) in siteLinks(of: published) {
            switch target {
            case .absolute:
                diagnostics.append(.warning(at: location, "链接“\(url)”以 / 开头，网站放在子路径或用 file:// 打开时会失效",
                                            hint: "写相对路径，例如 ../2019-guangxi-grain/plan.md。"))
            case .relative(let path):
                guard let resolved = resolve(path, from: published.page) else {
                    diagnostics.append(.error(at: location, "链接“\(url)”指向网站之外",
                                              hint: "链接从本页所在的文件夹算起；检查 ../ 的个数。"))
                    continue
                }
                if index.contains(resolved) || index.contains(resolved + "index.html") { continue }
                var hint = "站内链接写内容文件的相对路径（例如 notices/2020-01-gongshi.md）或附件路径（attachments/…）。"
                if let closest = index.closest(to: resolved) {
                    hint = "是否应为“\(relative(closest, from: published.page))”？" + hint
                }
                diagnostics.append(.error(at: location, "链接“\(url)”指向的页面或文件不存在（\(resolved)）", hint: hint))
            }
        }
    }

    /// After `check` passed on the whole site, the links of a page of a build that
    /// leaves some pages out (a public build, an archive) to pages it leaves out:
    /// the page each leads to in `all`, which `shown` does not have.
    static func linksLeavingOut(_ published: PublishedDocument, shown: SitePageIndex, all: SitePageIndex)
        -> [(url: String, page: String, location: SourceLocation)] {
        siteLinks(of: published).compactMap { url, target, location in
            guard case .relative(let path) = target, let resolved = resolve(path, from: published.page),
                  let page = [resolved, resolved + "index.html"].first(where: all.contains), !shown.contains(page) else { return nil }
            return (url, page, location)
        }
    }

    /// The links and images of a document's body that point into the site (or
    /// start with /), with where each destination is written.
    static func siteLinks(of published: PublishedDocument) -> [(url: String, target: Target, location: SourceLocation)] {
        let document = published.document
        guard mayHaveLinks(document.body) else { return [] }
        let lines = document.body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var searchFrom: [Int: Int] = [:] // line → scalar offset already matched
        let markdown = MarkdownDocument(document.body)
        var links: [(url: String, blockLine: Int, blockEnd: Int)] = []
        markdown.rootNode.walk { node in
            guard node.kind == .link || node.kind == .image, let url = node.url else { return }
            var block: MarkdownNode? = node
            while let current = block, current.line == 0 { block = current.parent }
            links.append((url, block?.line ?? 1, max(block?.endLine ?? 1, block?.line ?? 1)))
        }
        var found: [(url: String, target: Target, location: SourceLocation)] = []
        for link in links {
            guard let target = target(of: link.url) else { continue }
            // Where the destination is written: the first unmatched occurrence in the block.
            var line = link.blockLine, column = 1
            for candidate in link.blockLine...min(link.blockEnd, max(lines.count, 1)) where candidate - 1 < lines.count {
                let text = lines[candidate - 1]
                let start = searchFrom[candidate] ?? 0
                if let offset = scalarOffset(of: link.url, in: text, from: start) {
                    line = candidate
                    column = offset + 1
                    searchFrom[candidate] = offset + link.url.unicodeScalars.count
                    break
                }
            }
            found.append((link.url, target, SourceLocation(file: document.path, line: document.bodyLine + line - 1, column: column)))
        }
        return found
    }

    /// Whether `body` has `](` or `]:`, without which it has no link: most bodies
    /// (every 自评报告) have none, found on bytes before cmark runs.
    static func mayHaveLinks(_ body: String) -> Bool {
        // Each "]" found with memchr rather than by stepping through `utf8` byte by byte.
        body.withUTF8Bytes { bytes in
            var offset = 0
            while let bracket = bytes.firstOffset(of: UInt8(ascii: "]"), from: offset) {
                offset = bracket + 1
                if offset < bytes.count && (bytes[offset] == UInt8(ascii: "(") || bytes[offset] == UInt8(ascii: ":")) { return true }
            }
            return false
        }
    }

    enum Target {
        case absolute
        case relative(String)
    }

    /// What a link destination points at inside the site, or nil for external
    /// links, mail, anchors on the same page and the like.
    static func target(of url: String) -> Target? {
        let lower = url.lowercased()
        if url.isEmpty || url.hasPrefix("#") || url.hasPrefix("//") || lower.contains("://") { return nil }
        for scheme in ["mailto:", "tel:", "data:", "javascript:"] where lower.hasPrefix(scheme) { return nil }
        if url.hasPrefix("/") { return .absolute }
        var path = String(url.prefix { $0 != "#" && $0 != "?" })
        if path.isEmpty { return nil }
        path = path.removingPercentEncoding ?? path
        if path.hasSuffix(".md") { path = String(path.dropLast(3)) + ".html" }
        return .relative(path)
    }

    /// `path` relative to the folder of `page`, as a site path; nil if it climbs out.
    static func resolve(_ path: String, from page: String) -> String? {
        var parts = page.split(separator: "/").dropLast().map(String.init)
        let pieces = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        for (index, piece) in pieces.enumerated() {
            switch piece {
            case ".": continue
            case "..":
                if parts.isEmpty { return nil }
                parts.removeLast()
            case "" where index < pieces.count - 1: continue
            default: parts.append(piece)
            }
        }
        var result = parts.joined(separator: "/")
        if path.hasSuffix("/") { result += "/" }
        return result
    }

    /// A site path written as a link from `page`.
    static func relative(_ target: String, from page: String) -> String {
        let from = page.split(separator: "/").dropLast().map(String.init)
        let to = target.split(separator: "/").map(String.init)
        var common = 0
        while common < from.count, common < to.count - 1, from[common] == to[common] { common += 1 }
        return String(repeating: "../", count: from.count - common) + to[common...].joined(separator: "/")
    }

    static func scalarOffset(of needle: String, in text: String, from start: Int) -> Int? {
        let haystack = Array(text.unicodeScalars), pattern = Array(needle.unicodeScalars)
        guard !pattern.isEmpty, haystack.count >= pattern.count, start <= haystack.count - pattern.count else { return nil }
        for offset in start...(haystack.count - pattern.count) where haystack[offset..<offset + pattern.count].elementsEqual(pattern) {
            return offset
        }
        return nil
    }
}
