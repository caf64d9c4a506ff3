import Foundation
import JixiaoCore

/// Writes an import's result into the content folder: never over an existing
/// file unless forced, and atomically (a temporary file renamed into place), so
/// a failed import leaves nothing behind.
public enum ImportWriting {
    public static func write(_ text: String, to url: URL, displayPath: String, force: Bool) throws(DiagnosticsError) {
        let manager = FileManager.default
        if manager.fileExists(atPath: url.path), !force {
            throw DiagnosticsError([.error(at: SourceLocation(file: displayPath), "文件已存在，没有覆盖",
                                           hint: "确认要用导入结果替换它时加 --force。")])
        }
        do {
            try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            throw DiagnosticsError([.error(at: SourceLocation(file: displayPath), "无法写入文件：\(error.localizedDescription)")])
        }
    }
}
