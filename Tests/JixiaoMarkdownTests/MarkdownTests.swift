import Testing
@testable import JixiaoMarkdown

@Suite struct MarkdownHTMLTests {
    @Test func chineseParagraphHasNoStraySpace() {
        #expect(Markdown.html("第一行\n第二行") == "<p>第一行第二行</p>\n")
        #expect(Markdown.html("考核结果如下：\n南宁市优秀。") == "<p>考核结果如下：南宁市优秀。</p>\n")
        #expect(Markdown.html("他说：“好”\n然后") == "<p>他说：“好”然后</p>\n")
        #expect(Markdown.html("**加粗**\n第二行") == "<p><strong>加粗</strong>第二行</p>\n")
    }

    @Test func latinAndMixedBreaksAreKept() {
        #expect(Markdown.html("hello\nworld") == "<p>hello\nworld</p>\n")
        #expect(Markdown.html("中文\nEnglish") == "<p>中文\nEnglish</p>\n")
        #expect(Markdown.html("English\n中文") == "<p>English\n中文</p>\n")
        #expect(Markdown.html("said “hi”\n“there”") == "<p>said “hi”\n“there”</p>\n")
    }

    @Test func joiningCanBeTurnedOff() {
        #expect(Markdown.html("第一行\n第二行", options: MarkdownOptions(joinCJKLineBreaks: false)) == "<p>第一行\n第二行</p>\n")
    }

    @Test func hardBreaksStay() {
        #expect(Markdown.html("第一行\\\n第二行") == "<p>第一行<br />\n第二行</p>\n")
    }

    @Test func rawHTMLIsDroppedByDefault() {
        let html = Markdown.html("<script>alert(1)</script>\n\n段落<b>粗</b>")
        #expect(!html.contains("<script>"))
        #expect(!html.contains("<b>"))
        #expect(html.contains("raw HTML omitted"))
    }

    @Test func rawHTMLIsKeptWhenAllowed() {
        let html = Markdown.html("<script>alert(1)</script>\n\n段落<b>粗</b>", options: MarkdownOptions(allowRawHTML: true))
        #expect(html.contains("<script>alert(1)</script>"))
        #expect(html.contains("段落<b>粗</b>"))
    }

    @Test func dangerousLinksAreEmptied() {
        #expect(Markdown.html("[x](javascript:alert(1))") == "<p><a href=\"\">x</a></p>\n")
        #expect(Markdown.html("[x](vbscript:msgbox)") == "<p><a href=\"\">x</a></p>\n")
        #expect(Markdown.html("[x](file:///etc/passwd)") == "<p><a href=\"\">x</a></p>\n")
        #expect(Markdown.html("[x](data:text/html,hi)") == "<p><a href=\"\">x</a></p>\n")
        #expect(Markdown.html("![p](data:image/png;base64,AAAA)") == "<p><img src=\"data:image/png;base64,AAAA\" alt=\"p\" /></p>\n")
        #expect(Markdown.html("[x](javascript:alert(1))", options: MarkdownOptions(allowRawHTML: true))
            == "<p><a href=\"javascript:alert(1)\">x</a></p>\n")
    }

    @Test func rewrittenLinksAreStillChecked() {
        let options = MarkdownOptions(rewriteLink: { _ in "javascript:alert(1)" })
        #expect(Markdown.html("[x](a.md)", options: options) == "<p><a href=\"\">x</a></p>\n")
    }

    @Test func tablesAreNotSupported() {
        // CommonMark core has no GFM tables: the pipes stay text.
        let html = Markdown.html("| a | b |\n|---|---|\n| 1 | 2 |")
        #expect(!html.contains("<table"))
        #expect(html.hasPrefix("<p>| a | b |"))
    }

    @Test func linkRewriting() {
        let options = MarkdownOptions(rewriteLink: { url in
            url.hasSuffix(".md") ? String(url.dropLast(3)) + ".html" : nil
        })
        let html = Markdown.html("见[通报](notices/a.md)和[外链](https://example.org/x.md?)及![图](attachments/a.png)", options: options)
        #expect(html == "<p>见<a href=\"notices/a.html\">通报</a>和<a href=\"https://example.org/x.md?\">外链</a>及<img src=\"attachments/a.png\" alt=\"图\" /></p>\n")
    }

    @Test func smartPunctuationIsOffByDefault() {
        #expect(Markdown.html("\"a\" -- b") == "<p>&quot;a&quot; -- b</p>\n")
        #expect(Markdown.html("\"a\" -- b", options: MarkdownOptions(smartPunctuation: true)) == "<p>“a” – b</p>\n")
    }

    @Test func concurrentRendersAgree() async {
        let input = (1...50).map { "## 第\($0)节\n\n正文第一行\n第二行，见[链接](p\($0).md)。\n\n- 条目\n- *强调*\n" }.joined(separator: "\n")
        let options = MarkdownOptions(rewriteLink: { $0.hasSuffix(".md") ? $0.dropLast(3) + ".html" : nil })
        let expected = Markdown.html(input, options: options)
        let outputs = await withTaskGroup(of: String.self) { group in
            for _ in 0..<16 {
                group.addTask { Markdown.html(input, options: options) }
            }
            var all: [String] = []
            for await output in group { all.append(output) }
            return all
        }
        #expect(outputs.count == 16)
        #expect(outputs.allSatisfy { $0 == expected })
        #expect(expected.contains("<a href=\"p7.html\">"))
        #expect(expected.contains("正文第一行第二行"))
    }
}

@Suite struct MarkdownTextTests {
    @Test func plainText() {
        let text = Markdown.plainText("# 标题\n\n第一段**加粗**，`代码`和[链接](x.md)。\n第二行\n\n<div>html</div>\n\n- 甲\n- 乙\n\n![图](a.png)")
        #expect(text == "标题\n第一段加粗，代码和链接。第二行\n甲\n乙")
    }

    @Test func excerpt() {
        #expect(Markdown.excerpt("# 关于\n\n本网站公开绩效考核信息。", maxCharacters: 6) == "关于 本网站…")
        #expect(Markdown.excerpt("短文", maxCharacters: 6) == "短文")
        #expect(Markdown.excerpt("hello   world\nagain", maxCharacters: 100) == "hello world again")
    }

    @Test func headings() {
        let headings = Markdown.headings("# 一、总体要求\n\n正文\n\n## （一）*指导*思想\n\n正文\n\n二级标题\n---\n")
        #expect(headings == [
            MarkdownHeading(level: 1, text: "一、总体要求", line: 1),
            MarkdownHeading(level: 2, text: "（一）指导思想", line: 5),
            MarkdownHeading(level: 2, text: "二级标题", line: 9),
        ])
    }
}

@Suite struct MarkdownRewriteTests {
    @Test func replaceShortcodeParagraphWithHTML() {
        let document = MarkdownDocument("公示名单：\n\n{{< units grade=\"优秀\" >}}\n\n特此公示。")
        document.rewrite { node in
            guard node.kind == .paragraph, node.plainText.hasPrefix("{{<") else { return nil }
            return .html("<ul class=\"units\"><li>南宁市</li></ul>\n")
        }
        #expect(document.html() == "<p>公示名单：</p>\n<ul class=\"units\"><li>南宁市</li></ul>\n<p>特此公示。</p>\n")
    }

    @Test func replaceInlineTextWithHTMLInSafeMode() {
        let document = MarkdownDocument("得分 X 分")
        document.rewrite { node in
            node.kind == .text ? .html("<span class=\"score\">95.00</span>") : nil
        }
        #expect(document.html() == "<p><span class=\"score\">95.00</span></p>\n")
    }

    @Test func replaceWithTextIsEscaped() {
        let document = MarkdownDocument("a\n\nb")
        document.rewrite { node in
            node.kind == .paragraph && node.plainText == "b" ? .text("<x>") : nil
        }
        #expect(document.html() == "<p>a</p>\n<p>&lt;x&gt;</p>\n")
    }

    @Test func removeAndLiteral() {
        let document = MarkdownDocument("保留 *删除* 结尾\n\n```\ncode\n```")
        document.rewrite { node in
            switch node.kind {
            case .emphasis: return .remove
            case .codeBlock: return .literal("changed\n")
            default: return nil
            }
        }
        #expect(document.html() == "<p>保留  结尾</p>\n<pre><code>changed\n</code></pre>\n")
    }

    @Test func walkSeesKindsLiteralsAndURLs() {
        let document = MarkdownDocument("# 题\n\n[甲](a.md \"标题\") `c`\n\n```yaml\nk: v\n```")
        var kinds: [MarkdownNodeKind] = []
        var urls: [String] = []
        var titles: [String] = []
        var literals: [String] = []
        var info: [String] = []
        document.walk { node in
            kinds.append(node.kind)
            if let url = node.url { urls.append(url) }
            if let title = node.title { titles.append(title) }
            if let literal = node.literal { literals.append(literal) }
            if let fence = node.fenceInfo { info.append(fence) }
        }
        #expect(kinds == [.document, .heading, .text, .paragraph, .link, .text, .text, .code, .codeBlock])
        #expect(urls == ["a.md"])
        #expect(titles == ["标题"])
        #expect(literals == ["题", "甲", " ", "c", "k: v\n"])
        #expect(info == ["yaml"])
        let heading = document.rootNode.firstChild
        #expect(heading?.kind == .heading)
        #expect(heading?.headingLevel == 1)
        #expect(heading?.line == 1)
        #expect(document.rootNode.children.count == 3)
        #expect(document.rootNode.children[2].line == 5)
        #expect(heading?.next?.kind == .paragraph)
        #expect(heading?.next?.previous == heading)
        #expect(heading?.parent?.kind == .document)
    }

    @Test func nestedEditsOnlyTouchTheOuterNode() {
        let document = MarkdownDocument("> 引用[链接](a.md)")
        var visited: [MarkdownNodeKind] = []
        document.rewrite { node in
            visited.append(node.kind)
            return node.kind == .blockQuote ? .html("<aside></aside>\n") : .url("never")
        }
        #expect(visited == [.blockQuote])
        #expect(document.html() == "<aside></aside>\n")
    }

    @Test func escapeHTML() {
        #expect(Markdown.escapeHTML("<a href=\"x\">&'") == "&lt;a href=&quot;x&quot;&gt;&amp;&#39;")
    }
}
