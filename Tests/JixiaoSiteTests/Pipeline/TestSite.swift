import Foundation
import JixiaoCore
@testable import JixiaoSite

/// A throwaway site folder for one test: content written by the test, the
/// repository's default theme copied in.
struct TestSite {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    let root: URL

    init(_ files: [String: String] = [:], theme: Bool = true) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("jixiao-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        if theme {
            try FileManager.default.createDirectory(at: root.appendingPathComponent("themes"), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: Self.repository.appendingPathComponent("themes/default"),
                                             to: root.appendingPathComponent("themes/default"))
        }
        for (path, text) in files { try write(path, text) }
    }

    func write(_ path: String, _ text: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    var output: URL { root.appendingPathComponent("site") }

    func build() throws(DiagnosticsError) -> SiteBuilder.Report {
        try SiteBuilder.build(SiteBuilder.Options(root: root))
    }

    func read(_ path: String) throws -> String {
        try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8)
    }

    /// Every file of the built site with its bytes.
    func snapshot(_ folder: URL? = nil) throws -> [String: Data] {
        let base = folder ?? output
        var result: [String: Data] = [:]
        for path in Theme.files(under: base) {
            result[path] = try Data(contentsOf: base.appendingPathComponent(path))
        }
        return result
    }

    func remove() {
        try? FileManager.default.removeItem(at: root)
    }

    /// A small but complete evaluation: two indicators, three units.
    static let minimal: [String: String] = [
        "content/site.yaml": """
            title: 测试站点
            host: 测试局
            organizer: 测试局办公室
            site_code: "0000000000"
            icp: 示例ICP备00000000号
            police_record: 示例公网安备00000000000000号
            """,
        "content/2020-test/evaluation.yaml": """
            title: 2020年度测试考核
            year: 2020
            sample_data: true
            unit_kind: 单位
            units:
              - { slug: alpha, name: 甲单位 }
              - { slug: beta, name: 乙单位 }
              - { slug: gamma, name: 丙单位 }
            grading:
              pass_line: 6
              excellent_quota: 1/3
            audience: { ranking: public, units: public, self_scores: public, reasons: public }
            """,
        "content/2020-test/indicators.yaml": """
            total: 10
            indicators:
              - id: A
                name: 组织培训
                points: 4
                criteria: 组织培训，未组织的扣4分。
                rule: { kind: binary }
              - id: B
                name: 按期报送
                points: 6
                criteria: 每缺报一期扣0.5分，扣完为止。
                rule: { kind: per_occurrence, deduction: 0.5 }
            """,
        "content/2020-test/results.csv": """
            unit,indicator,self,pass,count,reason
            alpha,A,4,true,,
            alpha,B,6,,1,缺报1期
            beta,A,4,false,,未组织培训
            beta,B,5,,2,缺报2期
            gamma,A,4,true,,
            gamma,B,6,,0,

            """,
        "content/2020-test/plan.md": """
            ---
            title: 2020年度测试考核工作方案
            doc_number: 测发〔2020〕1号
            issuer: 测试局
            recipients: 各单位
            written: 2020-03-01
            published: 2020-03-02
            disclosure: 主动公开
            phases:
              - { name: 自评, start: 2020-11-01, end: 2020-11-30 }
            ---
            一、总体要求

            这是第一行
            这是第二行。
            """,
        "content/2020-test/notices/praise.md": """
            ---
            title: 关于表扬优秀单位的通报
            kind: 通报
            published: 2020-12-30
            ---
            以下单位考核等次为优秀：

            {{< units grade="优秀" >}}
            """,
    ]
}
