import Foundation
import Testing
@testable import JixiaoCore

/// Worked examples built from the seed documents; every expected number is
/// computed by hand in the comments, not by the code under test.
@Suite("Worked examples from the seeds")
struct WorkedExampleTests {
    /// Seed 001 (县市场监管局): 绩效评估得分 = 指标考核×70% + 公众评议×20% + 县领导评价（主要领导50% + 其他领导50%）×10%
    /// + 正向激励加分（不设上限）+ 察访核验扣分（不设上限）.
    @Test("001 county market supervision: composite with grouped leaders, awards and inspections")
    func seed001() {
        let fixture = Fixture(
            evaluation: """
            title: 县市场监督管理局绩效评估
            year: 2022
            units:
              - { slug: scjgj, name: 县市场监督管理局 }
            formula:
              components:
                - { id: indicators, name: 指标考核, weight: 70, source: indicators }
                - { id: public, name: 公众评议, weight: 20 }
                - id: leaders
                  name: 县领导评价
                  weight: 10
                  groups:
                    - { id: main, name: 主要领导, weight: 50 }
                    - { id: other, name: 其他领导, weight: 50 }
            """,
            indicators: """
            total: 6.1
            indicators:
              - id: C1
                name: 开展公平竞争审查，工作有总结
                points: 0.5
                criteria: 未开展公平竞争审查工作的，扣0.2分；无总结扣0.3分。
                rule: { kind: checklist, items: [{ id: review, text: 未开展公平竞争审查工作, deduction: 0.2 }, { id: summary, text: 无总结, deduction: 0.3 }] }
              - id: C2
                name: 做好重大活动餐饮服务食品安全保障工作
                points: 0.5
                criteria: 未参与重大活动餐饮服务食品安全保障，一次扣0.2分，扣完为止。
                rule: { kind: per_occurrence, deduction: 0.2 }
              - id: C3
                name: 全年产品抽检合格率
                points: 1.5
                criteria: 全年产品抽检合格率达到90%以上，得1.5分；85%≤全年产品抽检合格率<90%，扣1分，全年产品抽检合格率<85%，扣1.5分。
                rule: { kind: bands, bands: [{ min: 0.9, score: 1.5 }, { min: 0.85, max: 0.9, deduction: 1 }, { max: 0.85, deduction: 1.5 }] }
              - id: C4
                name: 全县未发生区域性、系统性产品质量安全事件
                points: 3
                rule: { kind: event, deduction: 3 }
              - id: C5
                name: 完成年度改革工作要点中的改革事项
                points: 0.6
                criteria: 被省、市有关部门督查督办通报批评每次扣0.4分，被县直有关部门督查督办通报批评每次扣0.2分。
                rule: { kind: per_kind, deductions: { 省市通报: 0.4, 县直通报: 0.2 } }
            bonus:
              items:
                - { id: P1, name: 工作受到表彰, cap: 3, rule: { kind: award, levels: { 国家级: 2, 省级: 1, 市级: 0.5, 县级: 0.2 } } }
                - { id: P2, name: 效能建设点赞台被点赞, cap: 0.5 }
            """,
            results: ["scjgj": """
            reviewer: 县效能办（示例）
            scores:
              C1: { failed: [summary], self: 0.5, reasons: [无总结] }
              C2: { count: 1, reason: 未参与1次保障 }
              C3: { value: 0.87, reason: 抽检合格率87% }
              C4: { occurred: false }
              C5: { counts: { 县直通报: 1 }, reason: 被县直部门通报1次 }
            components: { public: 86.5, leaders: { main: [92, 90], other: [85, 88, 86] } }
            bonus:
              P1: { awards: [{ level: 省级, title: 省级表彰（示例） }, { level: 县级, title: 县级表彰（示例） }] }
              P2: { points: 0.5, reason: 被点赞 }
            adjustments:
              - { points: -0.5, kind: inspection, reason: 暗访发现窗口脱岗（示例）, source: 县效能办 }
              - { points: -0.3, kind: inspection, reason: 随机抽查发现问题（示例）, source: 县委督查室 }
            """])
        #expect(fixture.errors.isEmpty, "\(fixture.errors)")
        let unit = fixture.unit("scjgj")!
        // Indicators: C1 0.5 − 0.3 = 0.2; C2 0.5 − 0.2 = 0.3; C3 87% in [85%, 90%) → 1.5 − 1 = 0.5;
        // C4 not occurred → 3; C5 0.6 − 1 × 0.2 = 0.4. Sum 0.2 + 0.3 + 0.5 + 3 + 0.4 = 4.4 of 6.1.
        #expect(unit.score("C1")?.score == d("0.2"))
        #expect(unit.score("C3")?.score == d("0.5"))
        #expect(unit.indicatorTotal == d("4.4"))
        // 指标考核 4.4 × 100 / 6.1 = 72.1311… → 72.13; × 70% = 50.491 → 50.49
        // 公众评议 86.5 × 20% = 17.30
        // 县领导评价: 主要领导 (92 + 90) / 2 = 91; 其他领导 (85 + 88 + 86) / 3 = 86.333… → 86.33;
        //   91 × 50% + 86.33 × 50% = 88.665 → 88.67; × 10% = 8.867 → 8.87
        #expect(unit.components.map(\.value) == [d("72.13"), d("86.5"), d("88.67")])
        #expect(unit.components.map(\.weighted) == [d("50.49"), d("17.3"), d("8.87")])
        // 加分: 省级 1 + 县级 0.2 = 1.2; 点赞 0.5 → 1.7 (不设上限)
        #expect(unit.bonusTotal == d("1.7"))
        // 察访核验: −0.5 − 0.3 = −0.8
        #expect(unit.adjustmentTotal == d("-0.8"))
        // 50.49 + 17.30 + 8.87 + 1.7 − 0.8 = 77.56
        #expect(unit.total == d("77.56"))
        #expect(unit.computation == "指标考核 72.13×70% + 公众评议 86.50×20% + 县领导评价 88.67×10% + 加分 1.70 − 察访核验 0.80 = 77.56")
        #expect(fixture.has(.warning, "自评得分0.5与考评得分0.20不一致"))
    }

    /// Seed 002 (广西粮食安全指标, 满分4分): three cities, results from results.csv plus
    /// results/<unit>.md for bonus and vetoes.
    @Test("002 Guangxi grain: thresholds, R4, n/a equal, veto, rank bonus, grades")
    func seed002() {
        let fixture = Fixture(
            evaluation: """
            title: 2019年度设区市绩效考评粮食安全指标考核
            year: 2019
            units:
              - { slug: nanning, name: 南宁市 }
              - { slug: liuzhou, name: 柳州市 }
              - { slug: guilin, name: 桂林市 }
            grading: { pass_line: 2.4, excellent_quota: 1/3, excellent_min: 3.6 }
            """,
            indicators: """
            total: 4
            indicators:
              - id: A1
                name: 政策性粮食收购和储备粮管理
                points: 1.5
                children:
                  - id: A1.1
                    name: 直补订单普通早中稻收购
                    points: 0.7
                    children:
                      - { id: A1.1.1, name: 五日报表报送, points: 0.2, rule: { kind: per_occurrence, deduction: 0.02, cap: 0.2 } }
                      - { id: A1.1.2, name: 订单收购计划完成, points: 0.5, rule: { kind: threshold, threshold: 0.95 } }
                  - { id: A1.2, name: 收购资金筹措与支付, points: 0.3, rule: { kind: per_occurrence, deduction: 0.05, cap: 0.3 } }
                  - id: A1.3
                    name: 市县储备粮管理
                    points: 0.5
                    children:
                      - { id: A1.3.1, name: 储备粮库存, points: 0.3, rule: { kind: threshold, threshold: 0.7, reading: scaled } }
                      - { id: A1.3.2, name: 应急成品粮库存, points: 0.2, rule: { kind: threshold, threshold: 0.9 } }
              - id: A2
                name: 粮食仓储设施和优质粮食工程项目建设
                points: 1.5
                rule: { kind: per_occurrence, deduction: 0.2, cap: 1.5 }
                children:
                  - { id: A2.1, name: 仓储设施新建与维修, points: 0.5, rule: { kind: threshold, threshold: 0.9 } }
                  - id: A2.2
                    name: 优质粮食工程
                    points: 1
                    children:
                      - { id: A2.2.1, name: 产后服务体系, points: 0.4, rule: { kind: threshold, threshold: 0.9 }, not_applicable: equal }
                      - { id: A2.2.2, name: 质检体系, points: 0.3, rule: { kind: proportional }, not_applicable: equal }
                      - { id: A2.2.3, name: 好粮油行动, points: 0.3, rule: { kind: threshold, threshold: 0.9 }, not_applicable: equal }
              - id: A3
                name: 军粮供应
                points: 1
                children:
                  - { id: A3.1, name: 完成军粮供应需求量, points: 0.3, rule: { kind: binary } }
                  - id: A3.2
                    name: 部队满意率
                    points: 0.1
                    rule: { kind: bands, bands: [{ min: 0.95, max: 1, max_inclusive: true, score: 0.1 }, { min: 0, max: 0.95, score: 0 }] }
                  - { id: A3.3, name: 军粮监管与质量, points: 0.1, rule: { kind: binary } }
                  - { id: A3.4, name: 联席工作机制, points: 0.1, rule: { kind: binary } }
                  - { id: A3.5, name: 工程按规划实施, points: 0.2, rule: { kind: status, levels: { 按规划实施: 0.2, 规划变动较小: 0.1, 规划变动较大: 0 } }, not_applicable: equal }
                  - { id: A3.6, name: 工程建设进度, points: 0.2, rule: { kind: status, levels: { 开工且进度符合工期: 0.2, 开工但进度滞后: 0.1, 未开工: 0 } }, not_applicable: equal }
            bonus:
              items:
                - { id: B1, name: 政策性粮食收购超额加分, cap: 0.6, rule: { kind: rank, top: 2, value_name: 优质稻收购实绩占比 } }
                - { id: B3, name: 绿色储粮技术应用加分, cap: 0.2 }
            vetoes:
              - { id: V6, name: 收购和库存数据作假超过30%, scope: { ancestor: A1 } }
            """,
            results: [
                "nanning": "bonus:\n  B1: { value: 0.55 }\n  B3: { points: 0.2, reason: 新仓应用绿色储粮技术 }",
                "liuzhou": "bonus:\n  B1: { value: 0.60 }",
                "guilin": "vetoes: [{ id: V6, reason: 虚报库存超过30%（示例） }]\nbonus:\n  B1: { value: 0.40 }",
            ],
            csv: """
            unit,indicator,count,ratio,actual,target,pass,value,status,na,reason
            nanning,A1.1.1,1,,,,,,,,缺报1期
            nanning,A1.1.2,,1.05,,,,,,,
            nanning,A1.2,0,,,,,,,,
            nanning,A1.3.1,,0.65,,,,,,,库存低于70%
            nanning,A1.3.2,,0.85,,,,,,,库存低于90%
            nanning,A2,2,,,,,,,,察访核验发现2起问题
            nanning,A2.1,,,1326,1350,,,,,
            nanning,A2.2.1,,,,,,,,true,无该项目
            nanning,A2.2.2,,,3,4,,,,,完成3项
            nanning,A2.2.3,,0.8,,,,,,,支出率80%
            nanning,A3.1,,,,,true,,,,
            nanning,A3.2,,,,,,0.99,,,
            nanning,A3.3,,,,,true,,,,
            nanning,A3.4,,,,,false,,,,未建立机制
            nanning,A3.5,,,,,,,,true,无工程项目
            nanning,A3.6,,,,,,,,true,无工程项目
            liuzhou,A1.1.1,0,,,,,,,,
            liuzhou,A1.1.2,,0.98,,,,,,,
            liuzhou,A1.2,0,,,,,,,,
            liuzhou,A1.3.1,,0.9,,,,,,,
            liuzhou,A1.3.2,,0.95,,,,,,,
            liuzhou,A2,0,,,,,,,,
            liuzhou,A2.1,,0.95,,,,,,,
            liuzhou,A2.2.1,,0.97,,,,,,,
            liuzhou,A2.2.2,,,4,4,,,,,
            liuzhou,A2.2.3,,0.96,,,,,,,
            liuzhou,A3.1,,,,,true,,,,
            liuzhou,A3.2,,,,,,0.95,,,
            liuzhou,A3.3,,,,,true,,,,
            liuzhou,A3.4,,,,,true,,,,
            liuzhou,A3.5,,,,,,,按规划实施,,
            liuzhou,A3.6,,,,,,,开工且进度符合工期,,
            guilin,A1.1.1,0,,,,,,,,
            guilin,A1.1.2,,1,,,,,,,
            guilin,A1.2,0,,,,,,,,
            guilin,A1.3.1,,0.8,,,,,,,
            guilin,A1.3.2,,0.9,,,,,,,
            guilin,A2,0,,,,,,,,
            guilin,A2.1,,0.9,,,,,,,
            guilin,A2.2.1,,0.9,,,,,,,
            guilin,A2.2.2,,,2,2,,,,,
            guilin,A2.2.3,,0.9,,,,,,,
            guilin,A3.1,,,,,true,,,,
            guilin,A3.2,,,,,,1,,,
            guilin,A3.3,,,,,true,,,,
            guilin,A3.4,,,,,true,,,,
            guilin,A3.5,,,,,,,按规划实施,,
            guilin,A3.6,,,,,,,开工且进度符合工期,,
            """)
        #expect(fixture.errors.isEmpty, "\(fixture.errors)")
        let nanning = fixture.unit("nanning")!
        // A1: A1.1.1 0.2 − 0.02 = 0.18; A1.1.2 105% ≥ 95% → 0.5; A1.2 → 0.3;
        //     A1.3.1 0.3 × 0.65 / 0.7 = 0.27857 → 0.28; A1.3.2 0.2 × 0.85 = 0.17 → A1 = 1.43
        #expect(nanning.score("A1.3.1")?.score == d("0.28"))
        #expect(nanning.score("A1")?.score == d("1.43"))
        // A2.2: A2.2.1 n/a, its 0.4 split 0.2 / 0.2 over A2.2.2 and A2.2.3.
        //   A2.2.2: 0.3 × 3/4 = 0.225 → 0.23 on 0.3, then 0.23 × 0.5 / 0.3 = 0.3833 → 0.38
        //   A2.2.3: 0.3 × 0.8 = 0.24 on 0.3, then 0.24 × 0.5 / 0.3 = 0.4
        #expect(nanning.score("A2.2.2")?.points == d("0.5"))
        #expect(nanning.score("A2.2.2")?.score == d("0.38"))
        #expect(nanning.score("A2.2.3")?.score == d("0.4"))
        // A2: 1326/1350 = 98.2% → 0.5; children 0.5 + 0.78 = 1.28; R4: − 2 × 0.2 = 0.88
        #expect(nanning.score("A2")?.score == d("0.88"))
        // A3: A3.5 and A3.6 n/a, 0.4 spread as 0.1 to each of A3.1–A3.4 (0.05 from each):
        //   0.4 + 0.2 + 0.2 + 0 = 0.8
        #expect(nanning.score("A3.1")?.points == d("0.4"))
        #expect(nanning.score("A3")?.score == d("0.8"))
        // Indicator total 1.43 + 0.88 + 0.8 = 3.11; bonus: B1 value 0.55 is 2nd of (0.60, 0.55, 0.40) → top 2 → 0.6;
        // B3 0.2 → total 3.11 + 0.8 = 3.91
        #expect(nanning.indicatorTotal == d("3.11"))
        #expect(nanning.total == d("3.91"))
        // 柳州: full marks 4 + B1 0.6 = 4.6
        #expect(fixture.unit("liuzhou")?.total == d("4.6"))
        // 桂林: V6 zeroes A1 → 0 + 1.5 + 1 = 2.5; B1 0.6 × 0.40 / 0.55 = 0.43636… → 0.44 → 2.94
        #expect(fixture.unit("guilin")?.score("A1")?.score == 0)
        #expect(fixture.unit("guilin")?.total == d("2.94"))
        // Ranking 4.6, 3.91, 2.94; ⌊3 × 1/3⌋ = 1 优秀 (柳州 ≥ 3.6); the others ≥ 2.4 are 合格.
        let ranking = fixture.result!.ranking
        #expect(ranking.map(\.unit.slug) == ["liuzhou", "nanning", "guilin"])
        #expect(ranking.map(\.gradeName) == ["优秀", "合格", "合格"])
    }

    /// Seed 004 (晋江生态环境局): 职能工作目标65 (重点40 + 常规20 + 动态5) + 行政能力目标35 = 100, no grading.
    @Test("004 Jinjiang ecology: weight tree 65 (40 + 20 + 5) + 35, proportional target, no grades")
    func seed004() {
        let fixture = Fixture(
            evaluation: """
            title: 2021年度泉州市晋江生态环境局绩效管理目标考评
            year: 2021
            unit_kind: 参评单位
            units:
              - { slug: jinjiang-bureau, name: 泉州市晋江生态环境局 }
            """,
            indicators: """
            total: 100
            indicators:
              - id: A
                name: 职能工作目标
                weight: 65
                children:
                  - id: A1
                    name: 重点工作目标
                    weight: 40
                    children:
                      - id: 1-1
                        name: 生态体制改革
                        weight: 4
                        children:
                          - { id: 1-1.1, name: 生态文明试验和生态环境损害赔偿, weight: 2 }
                          - { id: 1-1.2, name: 生态环境保护目标任务完成率指标工作, weight: 2 }
                      - id: 1-2
                        name: 强化大气环境治理
                        weight: 4
                        children:
                          - { id: 1-2.1, name: 扬尘和陶瓷行业整治, weight: 2 }
                          - { id: 1-2.2, name: 大气减排治理项目和空气质量优良率, weight: 2 }
                      - { id: 1-7.1, name: 入河排污口整治, weight: 2, rule: { kind: proportional, target: 150 } }
                      - { id: 1-R, name: 其他重点工作, weight: 30 }
                  - { id: A2, name: 常规工作目标, weight: 20 }
                  - { id: A3, name: 动态工作目标, weight: 5 }
              - id: B
                name: 行政能力目标
                weight: 35
                children:
                  - { id: B1, name: 依法行政, weight: 7 }
                  - { id: B2, name: 服务群众, weight: 7 }
                  - { id: B3, name: 政务公开, weight: 7 }
                  - { id: B4, name: 作风建设, weight: 7 }
                  - { id: B5, name: 廉政建设, weight: 7 }
            """,
            results: ["jinjiang-bureau": """
            scores:
              "1-1.1": { score: 2, self: 2 }
              "1-1.2": { score: 2, self: 2 }
              "1-2.1": { score: 2, self: 2 }
              "1-2.2": { score: 1.6, self: 1.6, reason: 空气质量优良率96.2%，未达到97%的目标 }
              "1-7.1": { actual: 142, self: 1.89, reason: 150个入河排污口完成整治142个 }
              "1-R": { score: 30, self: 30 }
              A2: { score: 19.8, self: 19.8, reason: 个别常规工作滞后 }
              A3: { score: 5, self: 5 }
              B1: { score: 7, self: 7 }
              B2: { score: 7, self: 7 }
              B3: { score: 6.5, self: 6.5, reason: 信访件同比上升 }
              B4: { score: 7, self: 7 }
              B5: { score: 7, self: 7 }
            """])
        #expect(fixture.errors.isEmpty, "\(fixture.errors)")
        #expect(fixture.warnings.isEmpty, "\(fixture.warnings)")
        let unit = fixture.unit("jinjiang-bureau")!
        // 1-7.1: 2 × 142 / 150 = 1.8933… → 1.89
        #expect(unit.score("1-7.1")?.score == d("1.89"))
        // A1: 2 + 2 + 2 + 1.6 + 1.89 + 30 = 39.49; A: 39.49 + 19.8 + 5 = 64.29
        #expect(unit.score("A1")?.score == d("39.49"))
        #expect(unit.score("A")?.score == d("64.29"))
        // B: 7 + 7 + 6.5 + 7 + 7 = 34.5; total 64.29 + 34.5 = 98.79
        #expect(unit.score("B")?.score == d("34.5"))
        #expect(unit.total == d("98.79"))
        // Self total: 2+2+2+1.6+1.89+30 + 19.8 + 5 + 34.5 = 98.79 as well.
        #expect(unit.selfTotal == d("98.79"))
        #expect(unit.grade == .ungraded)
        #expect(unit.rank == 1)
        #expect(fixture.system?.indicators.allSatisfy(\.usesWeight) == true)
    }
}
