import Foundation
import JixiaoCore

/// Keeps personal information out of public output. It reads the content's
/// source texts, reports each hit at its file and line according to the policy,
/// and masks the hits the policy says to mask in every text file of the output.
public enum PrivacyGuard {
    /// Diagnostics for every hit in the content (error for `fail`, warning for `mask`).
    public static func check(_ sources: [(path: String, text: String)], policy: PrivacyPolicy) -> [Diagnostic] {
        sources.concurrentMap { source in check(source, policy: policy) }.flatMap { $0 }
    }

    static func check(_ source: (path: String, text: String), policy: PrivacyPolicy) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        guard PersonalDataDetector.mayContain(source.text) else { return diagnostics }
        for (offset, line) in source.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            for match in PersonalDataDetector.find(in: String(line)) {
                let location = SourceLocation(file: source.path, line: offset + 1, column: match.offset + 1)
                switch policy.action(for: match.kind) {
                case .fail:
                    diagnostics.append(.error(
                        at: location, "公开内容中有\(match.kind.label)“\(match.masked)”",
                        hint: "删除或改为去标识化形式（如 \(match.masked)）；若确属应公开的信息，在 site.yaml 的 privacy 中设置 \(match.kind.rawValue): mask 或 allow。"))
                case .mask:
                    diagnostics.append(.warning(at: location, "\(match.kind.label)将遮盖为“\(match.masked)”后发布"))
                case .allow:
                    break
                }
            }
        }
        return diagnostics
    }

    /// Masks, in every HTML, CSV, JSON and text file of the output, the hits whose kind the policy masks.
    static func mask(_ path: String, _ contents: SiteFiles.Contents, policy: PrivacyPolicy) -> SiteFiles.Contents {
        guard policy.masksAnything, [".html", ".csv", ".json", ".txt", ".xml"].contains(where: path.hasSuffix),
              case .data(let data) = contents, let text = String(data: data, encoding: .utf8) else { return contents }
        let masked = mask(text, policy: policy)
        return masked == text ? contents : .data(Data(masked.utf8))
    }

    static func mask(_ text: String, policy: PrivacyPolicy) -> String {
        let matches = PersonalDataDetector.find(in: text).filter { policy.action(for: $0.kind) == .mask }
        guard !matches.isEmpty else { return text }
        var characters = Array(text)
        for match in matches.reversed() {
            characters.replaceSubrange(match.offset..<(match.offset + match.text.count), with: Array(match.masked))
        }
        return String(characters)
    }
}
