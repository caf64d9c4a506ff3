import Foundation
import JixiaoCore

/// `jixiao new evaluation <slug> [--from <previous>]`: a new evaluation folder.
/// With a previous evaluation, its settings (units, formula, grading) and its
/// indicator system are carried over with the year moved on; results, notices
/// and the plan are not, so the new year starts empty.
public enum EvaluationScaffold {
    /// Creates `content/<slug>/` under `root` and returns the files written,
    /// relative to `root`. Nothing existing is ever overwritten.
    public static func create(root: URL, slug: String, from previous: String?, year: Int?) throws(DiagnosticsError) -> [String] {
        let fm = FileManager.default
        let folder = "content/\(slug)"
        guard Slug.isValid(slug) else {
            throw DiagnosticsError([.error(at: SourceLocation(file: folder), "“\(slug)”不能用作考核文件夹名",
                                           hint: "只用小写字母、数字和连字符，例如 2025-grain。")])
        }
        guard fm.fileExists(atPath: root.appendingPathComponent("content").path) else {
            throw DiagnosticsError([.error(at: SourceLocation(file: "content"), "找不到 content/ 文件夹",
                                           hint: "在站点根目录运行，或用 --root 指定；新建站点用 jixiao new site <文件夹>。")])
        }
        guard !fm.fileExists(atPath: root.appendingPathComponent(folder).path) else {
            throw DiagnosticsError([.error(at: SourceLocation(file: folder), "考核文件夹 \(folder) 已存在，未做任何改动",
                                           hint: "换一个名称；jixiao new 从不覆盖已有文件。")])
        }
        let files: [(path: String, data: Data)]
        if let previous {
            files = try carried(root: root, slug: slug, from: previous, year: year)
        } else {
            let year = year ?? leadingYear(slug) ?? Calendar(identifier: .gregorian).component(.year, from: Date())
            files = blank(year: year).map { ("\(folder)/\($0.path)", Data($0.text.utf8)) }
        }
        var written: [String] = []
        do {
            for file in files {
                try Scaffold.write(file.data, to: root.appendingPathComponent(file.path))
                written.append(file.path)
            }
        } catch {
            throw DiagnosticsError([.error(at: SourceLocation(file: folder), "无法创建考核文件夹：\(error.localizedDescription)",
                                           hint: "检查写权限和磁盘空间。")])
        }
        return written
    }

    /// The year a slug such as `2025-grain` starts with.
    static func leadingYear(_ slug: String) -> Int? {
        guard slug.count >= 4, let year = Int(slug.prefix(4)), (1900...2999).contains(year) else { return nil }
        return year
    }

    static func carried(root: URL, slug: String, from previous: String, year: Int?) throws(DiagnosticsError) -> [(path: String, data: Data)] {
        let fm = FileManager.default
        let source = "content/\(previous)"
        guard let settingsPath = ["yaml", "yml", "json"].map({ "\(source)/evaluation.\($0)" })
            .first(where: { fm.fileExists(atPath: root.appendingPathComponent($0).path) }) else {
            throw DiagnosticsError([.error(at: SourceLocation(file: source), "找不到上一年的考核“\(previous)”（\(source)/evaluation.yaml）",
                                           hint: "--from 写已有考核的文件夹名，例如 2019-guangxi-grain。")])
        }
        let text = try TextFile.read(root.appendingPathComponent(settingsPath), path: settingsPath)
        let settings = try YAMLSource.parse(text, file: settingsPath)
        let oldYear = settings["year"]?.text.flatMap { Int($0) }
        guard let newYear = year ?? leadingYear(slug) ?? oldYear.map({ $0 + 1 }) else {
            throw DiagnosticsError([.error(at: settings.location, "无法确定新考核的年度",
                                           hint: "用 --year 指定，例如 --year 2025。")])
        }
        let moved = movingYear(text, settings: settings, from: oldYear, to: newYear)
        let name = settingsPath.split(separator: "/").last!
        var files: [(path: String, data: Data)] = [("content/\(slug)/\(name)", Data(moved.utf8))]
        // The indicator system, whichever form it has, byte for byte.
        for candidate in ["indicators.yaml", "indicators.yml", "indicators.json"] {
            let url = root.appendingPathComponent("\(source)/\(candidate)")
            if let data = try? Data(contentsOf: url) { files.append(("content/\(slug)/\(candidate)", data)) }
        }
        let indicatorFolder = root.appendingPathComponent("\(source)/indicators")
        for path in Theme.files(under: indicatorFolder) {
            if let data = try? Data(contentsOf: indicatorFolder.appendingPathComponent(path)) {
                files.append(("content/\(slug)/indicators/\(path)", data))
            }
        }
        return files
    }

    /// The settings text with `year:` set to the new year and the old year in the
    /// titles replaced; everything else (comments, order, units, formula) kept.
    static func movingYear(_ text: String, settings: SourceValue, from oldYear: Int?, to newYear: Int) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        func edit(_ key: String, _ change: (String) -> String) {
            guard let value = settings[key], value.text != nil, value.location.line >= 1,
                  value.location.line <= lines.count else { return }
            let index = value.location.line - 1
            var scalars = Array(lines[index].unicodeScalars)
            let start = min(max(value.location.column - 1, 0), scalars.count)
            let tail = String(String.UnicodeScalarView(scalars[start...]))
            scalars = Array(scalars[..<start]) + Array(change(tail).unicodeScalars)
            lines[index] = String(String.UnicodeScalarView(scalars))
        }
        if let oldYear {
            for key in ["title", "short_title", "summary"] {
                edit(key) { $0.replacingOccurrences(of: String(oldYear), with: String(newYear)) }
            }
            edit("year") { tail in
                guard let range = tail.range(of: String(oldYear)) else { return tail }
                return tail.replacingCharacters(in: range, with: String(newYear))
            }
        }
        return lines.joined(separator: "\n")
    }

    static func blank(year: Int) -> [(path: String, text: String)] {
        [
            ("evaluation.yaml", """
            title: \(year)年度绩效考评
            year: \(year)
            issuer: 考核单位名称
            unit_kind: 单位
            units:                        # 考核对象，按正式顺序
              - { slug: unit-a, name: 甲单位 }
              - { slug: unit-b, name: 乙单位 }
            grading:
              pass_line: 60
              excellent_quota: 1/3

            """),
            ("indicators.yaml", """
            total: 100
            indicators:
              - id: A
                name: 重点工作
                points: 100
                criteria: 写明评分标准原文。
                rule: { kind: manual }

            """),
        ]
    }
}
