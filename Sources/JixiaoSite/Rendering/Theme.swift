import Foundation
import JixiaoCore
import JixiaoTemplate

/// The templates and assets of the site's theme, read at build time so users can
/// edit them without recompiling. A site theme overrides single files of the
/// default theme: a file of the same name in `themes/<name>/` wins.
public struct Theme: Sendable {
    public let name: String
    private(set) var library: TemplateLibrary
    /// Every template's name and text, hashed: a page made with other templates is not reused.
    let fingerprint: StableHash
    /// Asset files (relative to `assets/`) → the file to copy, after overrides.
    public let assets: [(path: String, source: URL)]

    /// The folders searched, most specific first: the site's `themes/<name>/`,
    /// then (for another theme) the site's `themes/default/`, then the default
    /// theme built into jixiao. Each may hold only some of the files.
    static func folders(root: URL, name: String) throws(DiagnosticsError) -> [(label: String, url: URL)] {
        var list = [(label: "themes/\(name)", url: root.appendingPathComponent("themes/\(name)"))]
        if name != "default" {
            list.append((label: "themes/default", url: root.appendingPathComponent("themes/default")))
        }
        list.append((label: "themes/default", url: try EmbeddedTheme.folder()))
        return list
    }

    public static func load(root: URL, name: String) throws(DiagnosticsError) -> Theme {
        let own = root.appendingPathComponent("themes/\(name)")
        if name != "default" && !FileManager.default.fileExists(atPath: own.path) {
            throw DiagnosticsError([.error(at: SourceLocation(file: "themes/\(name)"), "找不到主题“\(name)”",
                                           hint: "主题放在 themes/<名称>/ 下；site.yaml 的 theme 写主题文件夹名，或删去它以使用默认主题。")])
        }
        let folders = try folders(root: root, name: name)
        var sources: [String: (text: String, file: String)] = [:]
        var assets: [String: URL] = [:]
        var diagnostics: [Diagnostic] = []
        // Least specific first, so a site theme's file replaces the default one.
        for folder in folders.reversed() {
            for path in Self.files(under: folder.url.appendingPathComponent("templates")) where path.hasSuffix(".mustache") {
                let file = "\(folder.label)/templates/\(path)"
                do throws(DiagnosticsError) {
                    let text = try TextFile.read(folder.url.appendingPathComponent("templates/\(path)"), path: file)
                    sources[String(path.dropLast(".mustache".count))] = (text, file)
                } catch {
                    diagnostics += error.diagnostics
                }
            }
            for path in Self.files(under: folder.url.appendingPathComponent("assets")) {
                assets[path] = folder.url.appendingPathComponent("assets/\(path)")
            }
        }
        if !diagnostics.isEmpty { throw DiagnosticsError(diagnostics) }
        let library: TemplateLibrary
        do throws(TemplateSyntaxError) {
            library = try TemplateLibrary(templates: sources.mapValues(\.text))
        } catch let first {
            // The library stops at the first broken template; parse each alone to report them all.
            for template in sources.keys.sorted() {
                do throws(TemplateSyntaxError) {
                    _ = try TemplateLibrary(templates: [template: sources[template]!.text])
                } catch {
                    diagnostics.append(.error(
                        at: SourceLocation(file: sources[template]!.file, line: error.line, column: error.column),
                        "模板语法错误：\(error.message)",
                        hint: "检查该行的 {{…}} 标签是否成对、名称是否一致。"))
                }
            }
            if diagnostics.isEmpty {
                diagnostics.append(.error(at: SourceLocation(file: "themes/\(name)"), "模板无法解析：\(first)"))
            }
            throw DiagnosticsError(diagnostics)
        }
        for template in sources.keys.sorted() {
            for used in library.referencedNames(template) where !library.contains(used) {
                diagnostics.append(.error(at: SourceLocation(file: sources[template]!.file),
                                          "模板引用了不存在的模板“\(used)”",
                                          hint: "检查 {{>\(used)}} 或 {{<\(used)}} 的名称；模板放在主题的 templates/ 下，名称不含 .mustache。"))
            }
        }
        if !diagnostics.isEmpty { throw DiagnosticsError(diagnostics) }
        var templatesHash = StableHash()
        for template in sources.keys.sorted() {
            templatesHash.add(template)
            templatesHash.add(sources[template]!.text)
        }
        return Theme(name: name, library: library, fingerprint: templatesHash,
                     assets: assets.keys.sorted().map { ($0, assets[$0]!) })
    }

    /// The same theme with its own copy of the parsed templates, for one render worker
    /// (see `TemplateLibrary.privateCopy`).
    func workerCopy() -> Theme {
        var copy = self
        copy.library = library.privateCopy()
        return copy
    }

    /// Renders the template `name` with `context`; a missing template is a theme error.
    func render(_ name: String, _ context: TemplateValue) throws(DiagnosticsError) -> String {
        String(decoding: try renderData(name, context), as: UTF8.self)
    }

    /// The same as UTF-8 bytes, as a page is written.
    func renderData(_ name: String, _ context: TemplateValue) throws(DiagnosticsError) -> Data {
        guard let data = library.renderData(name, context) else {
            throw DiagnosticsError([.error(at: SourceLocation(file: "themes/\(self.name)/templates/\(name).mustache"),
                                           "主题缺少模板 \(name).mustache",
                                           hint: "从 themes/default/templates/ 复制该文件，或删除站点主题中的同名覆盖。")])
        }
        return data
    }

    /// Regular files below `folder`, relative to it, sorted.
    static func files(under folder: URL) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return [] }
        var paths: [String] = []
        for case let path as String in enumerator {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path, isDirectory: &isDir), !isDir.boolValue,
               !(path as NSString).lastPathComponent.hasPrefix(".") {
                paths.append(path)
            }
        }
        return paths.sorted()
    }
}
