import Foundation
import JixiaoCore
import Testing
@testable import JixiaoInterchange

@Suite struct IndicatorImportTests {
    @Test func seed004SumsTo100WithTheHandCountedLevels() throws {
        let system = try Fixtures.system("seed004-kaopingbiao.xlsx")
        #expect(system.usesWeight)
        #expect(system.total == 100)
        #expect(system.declaredTotal == 100)
        #expect(system.indicators.map(\.name) == ["职能工作目标", "行政能力目标"])
        #expect(system.indicators.map(\.points) == [65, 35])
        let functional = system.indicators[0]
        #expect(functional.children.map(\.name) == ["重点工作目标", "常规工作目标", "动态工作目标"])
        #expect(functional.children.map(\.points) == [40, 20, 5])
        #expect(system.indicators[1].children.map(\.points) == [7, 7, 7, 7, 7])
        #expect(system.indicators[1].children.map(\.name) == ["科学民主行政", "依法行政", "高效行政", "廉洁行政", "管理创新"])
        // 1-1 is merged over two rows: a parent with two items; 2-1 a single leaf.
        let key = functional.children[0]
        #expect(key.children.count == 10)
        #expect(key.children[0].id == "1-1")
        #expect(key.children[0].children.map(\.id) == ["1-1.1", "1-1.2"])
        #expect(key.children[0].children[0].criteria == "推进生态文明试验，落实生态环境损害赔偿制度")
        #expect(key.children[0].children[0].owners == Owners(office: "法规科", leader: "黄永生", person: "蔡文波"))
        #expect(key.children[9].name == "危险废物监管")
        let routine = functional.children[1]
        #expect(routine.children.map(\.id) == (1...10).map { "2-\($0)" })
        #expect(routine.children[0].isLeaf && routine.children[0].name == "提升执法水平")
        #expect(functional.children[2].children.first?.children.map(\.points) == [1, 2, 2])
        let admin = system.indicators[1].children[0]
        #expect(admin.children.map(\.id) == ["4-1", "4-2", "4-3", "4-4", "4-5"])
        #expect(admin.children[3].owners.leader == "倪向群、陈清松、黄永生")
        #expect(system.all.filter(\.isLeaf).count == 54)
        #expect(system.all.filter(\.isLeaf).allSatisfy { $0.rule == .manual })
        #expect(Set(system.all.map(\.id)).count == system.all.count)
    }

    @Test func seed001SecondSheetByIndexAndName() throws {
        for selector in ["2", "考核表"] {
            let system = try Fixtures.system("seed001-kaohebiao.xlsx", sheet: selector)
            #expect(system.usesWeight == false)
            #expect(system.total == 19)
            #expect(system.indicators.count == 1)
            let category = try #require(system.indicators.first?.children.first)
            #expect(category.name == "业务工作指标")
            #expect(category.points == 19)
            #expect(category.children.count == 10)
            #expect(category.children.map(\.points) == [2, 1.5, 3, 1.8, 1.2, 2, 1.5, 3, 1.5, 1.5])
            #expect(category.children[0].name == "（一）商事登记制度改革")
            #expect(system.all.filter(\.isLeaf).count == 34)
            let first = category.children[0].children
            #expect(first.map(\.name) == ["企业登记注册业务培训", "开办企业“一窗通办”", "住所（经营场所）申报承诺制"])
            // “……未设置的扣0.5分。” on a 0.5-point item is certain; two deductions are not.
            #expect(first[1].rule == .binary)
            #expect(category.children[1].children[0].rule == .manual)
        }
    }

    @Test func wrongSubtotalIsReportedAtTheNameCell() throws {
        let grid = try Fixtures.grid("wrong-total.xlsx", sheet: "考核表")
        let diagnostics = Fixtures.diagnostics { () throws(DiagnosticsError) in _ = try IndicatorSheetReader(grid: grid).read() }
        // Both groups whose header says 3分 (the fixture changes every “（2分）”).
        #expect(diagnostics.map(\.location.file) == ["wrong-total.xlsx:考核表!C3", "wrong-total.xlsx:考核表!C20"], "\(diagnostics)")
        #expect(diagnostics.first?.message.contains("写明 3 分，下级指标合计 2 分，相差 1 分") == true)
    }

    @Test func textInThePointsColumnIsLocated() throws {
        let grid = try Fixtures.grid("seed004-bad-points.xlsx")
        let diagnostics = Fixtures.diagnostics { () throws(DiagnosticsError) in _ = try IndicatorSheetReader(grid: grid).read() }
        #expect(diagnostics.map(\.location.description) == ["seed004-bad-points.xlsx:考评表!F9"])
        #expect(diagnostics.first?.message == "分值“两分”不是数值")
    }
}

@Suite struct HeaderMapTests {
    @Test func unusualHeadersNeedAMap() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("odd.csv", """
            考核事项,考核细项,分数,说明
            党建工作（3分）,理论学习,1,未开展的扣1分。
            ,组织建设,2,每缺一次扣0.5分
            业务工作,窗口服务,7,
            """)
        let grid = try SpreadsheetInput.gridForTest(folder.url.appendingPathComponent("odd.csv"))
        let unmapped = Fixtures.diagnostics { () throws(DiagnosticsError) in _ = try IndicatorSheetReader(grid: grid).read() }
        #expect(unmapped.first?.message.contains("找不到表头行") == true)
        let map = try #require(try? HeaderMap.parse(["考核事项=level", "考核细项=level", "分数=分值", "说明=criteria"]))
        var system: ImportedSystem?
        let problems = Fixtures.diagnostics { () throws(DiagnosticsError) in system = try IndicatorSheetReader(grid: grid, map: map).read().0 }
        #expect(problems.isEmpty, "\(problems)")
        let read = try #require(system)
        #expect(read.total == 10)
        #expect(read.indicators.map(\.name) == ["党建工作", "业务工作"])
        #expect(read.indicators[0].children.map(\.id) == ["A1", "A2"])
        #expect(read.indicators[0].children[0].rule == .binary)
        #expect(read.indicators[0].children[1].rule == .manual)
        #expect(read.indicators[1].children[0].criteria == nil)
        let bad = Fixtures.diagnostics { () throws(DiagnosticsError) in _ = try HeaderMap.parse(["考核事项"]) }
        #expect(bad.first?.location.file == "--map")
    }
}
