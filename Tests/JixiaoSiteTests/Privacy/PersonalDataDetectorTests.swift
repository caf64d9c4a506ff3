import Foundation
import JixiaoCore
@testable import JixiaoSite
import JixiaoTestSupport
import Testing

@Suite("Finding personal information")
struct PersonalDataDetectorTests {
    @Test("the quick scan passes every text in which something is found: 11 digits in a row or an @")
    func quickScan() {
        #expect(PersonalDataDetector.mayContain("电话13800138000"))
        #expect(!PersonalDataDetector.mayContain("电话1380013800，1380013800"), "ten digits, twice")
        #expect(PersonalDataDetector.mayContain("zhang@example.com"))
        #expect(!PersonalDataDetector.mayContain("１３８００１３８０００"), "full-width digits are not ASCII")
        let alphabet: [Character] = ["1", "3", "8", "0", "9", "X", "@", "a", ".", "年", " ", "\n", "-"]
        var random = SeededGenerator(seed: 11)
        func next(_ bound: Int) -> Int { random.below(bound) }
        var found = 0
        for _ in 0..<20_000 {
            let text = String((0..<next(40)).map { _ in next(3) == 0 ? alphabet[next(alphabet.count)] : "1" })
            let hits = PersonalDataDetector.find(in: text)
            found += hits.count
            #expect(hits.isEmpty || PersonalDataDetector.mayContain(text), "\(text.debugDescription)")
        }
        #expect(found > 100, "the random texts have hits, so the test can fail")
    }

    @Test("mobile numbers are found as whole digit runs and masked as 138****1234")
    func mobiles() {
        let found = PersonalDataDetector.find(in: "联系人手机13812341234，办公电话0771-1234567。")
        #expect(found.map(\.kind) == [.mobile])
        #expect(found.first?.masked == "138****1234")
        #expect(found.first?.offset == 5) // after 联系人手机
        // Part of a longer number, or not a mobile prefix: not a phone.
        #expect(PersonalDataDetector.find(in: "索引号 2013812341234 与 12812341234").isEmpty)
    }

    @Test("resident ID numbers need a valid check digit")
    func idNumbers() {
        #expect(PersonalDataDetector.find(in: "身份证11010519491231002X。").map(\.kind) == [.idNumber])
        #expect(PersonalDataDetector.find(in: "身份证11010519491231002X").first?.masked == "110105********002X")
        // Same digits with a wrong check digit are not an ID number.
        #expect(PersonalDataDetector.find(in: "编号110105194912310021").isEmpty)
    }

    @Test("bank card numbers must pass the Luhn check")
    func bankCards() {
        #expect(PersonalDataDetector.find(in: "卡号6222020200112233446").map(\.kind) == [.bankCard])
        #expect(PersonalDataDetector.find(in: "卡号6222020200112233446").first?.masked == "****3446")
        #expect(PersonalDataDetector.find(in: "卡号6222020200112233445").isEmpty)
        #expect(PersonalDataDetector.find(in: "0000000000000000").isEmpty)
    }

    @Test("personal webmail is found; official and example addresses are not")
    func webmail() {
        let found = PersonalDataDetector.find(in: "请发送至 zhangsan88@qq.com 或 office@example.org 或 jxb@gov.cn")
        #expect(found.map(\.text) == ["zhangsan88@qq.com"])
        #expect(found.first?.masked == "z***@qq.com")
    }
}

@Suite("The privacy guard in a build")
struct PrivacyGuardTests {
    static func site(privacy: String?, body: String) throws -> TestSite {
        var files = TestSite.minimal
        if let privacy { files["content/site.yaml"]! += "\n" + privacy }
        files["content/pages/contact.md"] = "---\ntitle: 联系我们\n---\n\(body)\n"
        return try TestSite(files)
    }

    @Test("by default a mobile number fails the build at its file and line")
    func failsByDefault() throws {
        let site = try Self.site(privacy: nil, body: "第一行\n\n手机 13812341234")
        defer { site.remove() }
        let error = try #require(throws: DiagnosticsError.self) { try site.build() }
        let hit = try #require(error.diagnostics.first { $0.message.contains("手机号码") })
        #expect(hit.location.file == "content/pages/contact.md")
        #expect(hit.location.line == 6)
        #expect(hit.severity == .error)
        #expect(!FileManager.default.fileExists(atPath: site.output.path))
    }

    @Test("mask writes the de-identified form and never the number")
    func masks() throws {
        let site = try Self.site(privacy: "privacy: { mobile: mask, webmail: mask }", body: "手机 13812341234，邮箱 lisi@163.com")
        defer { site.remove() }
        let report = try site.build()
        #expect(report.warnings.all.contains { $0.message.contains("138****1234") })
        let page = try site.read("contact.html")
        #expect(page.contains("138****1234"))
        #expect(page.contains("l***@163.com"))
        for (_, data) in try site.snapshot() {
            #expect(!String(decoding: data, as: UTF8.self).contains("13812341234"))
        }
    }

    @Test("allow publishes the number as written")
    func allows() throws {
        let site = try Self.site(privacy: "privacy: { mobile: allow }", body: "值班手机 13812341234")
        defer { site.remove() }
        _ = try site.build()
        #expect(try site.read("contact.html").contains("13812341234"))
    }

    @Test("an unknown policy value is an error in site.yaml")
    func badPolicy() throws {
        let site = try Self.site(privacy: "privacy: { mobile: hide }", body: "无")
        defer { site.remove() }
        let error = try #require(throws: DiagnosticsError.self) { try site.build() }
        #expect(error.diagnostics.contains { $0.location.file == "content/site.yaml" && $0.message.contains("hide") })
    }
}
