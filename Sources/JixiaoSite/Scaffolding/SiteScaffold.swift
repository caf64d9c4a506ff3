import Foundation
import JixiaoCore

/// `jixiao new site <dir>`: a new site folder with a sample evaluation and the
/// default theme, which builds as it is.
public enum SiteScaffold {
    /// Creates the site in `folder` (which must not exist or be empty) and returns
    /// the files written, relative to it. `year` is the sample evaluation's year.
    public static func create(at folder: URL, year: Int) throws(DiagnosticsError) -> [String] {
        let fm = FileManager.default
        let location = SourceLocation(file: folder.path)
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: folder.path, isDirectory: &isDirectory) {
            let entries = (try? fm.contentsOfDirectory(atPath: folder.path)) ?? []
            guard isDirectory.boolValue, entries.allSatisfy({ $0.hasPrefix(".") }) else {
                throw DiagnosticsError([.error(at: location, "“\(folder.lastPathComponent)”已存在且不是空文件夹，未做任何改动",
                                               hint: "换一个新的文件夹名；jixiao new 从不覆盖已有文件。")])
            }
        }
        var written: [String] = []
        do {
            for file in SampleSite.files(year: year) {
                try Scaffold.write(Data(file.text.utf8), to: folder.appendingPathComponent(file.path))
                written.append(file.path)
            }
            for file in EmbeddedTheme.files {
                let path = "themes/default/\(file.path)"
                try Scaffold.write(file.data, to: folder.appendingPathComponent(path))
                written.append(path)
            }
            // What builds make (the site, the build cache, serve's preview) stays out
            // of version control; a .gitignore already there is the user's and is kept.
            let ignore = folder.appendingPathComponent(".gitignore")
            if !fm.fileExists(atPath: ignore.path) {
                try Scaffold.write(Data(Self.gitignore.utf8), to: ignore)
                written.append(".gitignore")
            }
        } catch {
            throw DiagnosticsError([.error(at: location, "无法创建站点：\(error.localizedDescription)",
                                           hint: "检查该位置的写权限和磁盘空间。")])
        }
        return written
    }

    static let gitignore = """
        # 构建生成的网站和缓存（jixiao build、jixiao serve），不纳入版本管理
        site/
        .jixiao-cache/

        """
}

/// File writing shared by the scaffolds: never replaces an existing file.
enum Scaffold {
    static func write(_ data: Data, to url: URL) throws {
        let fm = FileManager.default
        guard !fm.fileExists(atPath: url.path) else { throw CocoaError(.fileWriteFileExists) }
        try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url, options: .withoutOverwriting)
    }
}
