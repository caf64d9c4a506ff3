/// The content `jixiao new site` writes: a complete small evaluation that builds
/// and checks clean, for the office to edit rather than start from nothing.
/// `{YEAR}` is the evaluation year, `{NEXT}` the year after (when results are
/// published).
enum SampleSite {
    static func files(year: Int) -> [(path: String, text: String)] {
        let slug = "\(year)-sample"
        return templates.map { template in
            let path = template.path.replacingOccurrences(of: "{SLUG}", with: slug)
            let text = template.text
                .replacingOccurrences(of: "{YEAR}", with: String(year))
                .replacingOccurrences(of: "{NEXT}", with: String(year + 1))
                .replacingOccurrences(of: "{SLUG}", with: slug)
            return (path, text)
        }
    }

    static let templates: [(path: String, text: String)] = [
        ("content/site.yaml", """
        # 站点配置：网站名称、主办/承办单位和备案号显示在每页的页头页脚。
        title: 绩效管理信息公开
        description: 本单位年度绩效考评的工作方案、指标体系、考评结果和通报公示。
        host: 示例局
        organizer: 示例局办公室
        site_code: "0000000000"
        icp: 示例ICP备00000000号
        police_record: 示例公网安备00000000000000号
        theme: default

        """),
        ("content/pages/about.md", """
        ---
        title: 关于本站
        published: {NEXT}-01-10
        ---
        本站发布本单位年度绩效考评的工作方案、指标体系、考评结果和通报公示。

        示例考核见[{YEAR}年度示例考核]({SLUG}/index.html)；考评结果均为**示例数据**，请替换为实际内容。

        """),
        ("content/{SLUG}/evaluation.yaml", """
        # 一项考核一个文件夹。文件夹名用作网址：小写字母、数字和连字符。
        title: {YEAR}年度所属单位绩效考评（示例）
        short_title: {YEAR}年度绩效考评
        year: {YEAR}
        issuer: 示例局
        summary: 按年度绩效考评工作方案，对所属三个单位开展考评。考评结果为示例数据。
        sample_data: true          # 结果是示例数据：每页都会注明；真实结果请改为 false
        precision: 2
        unit_kind: 单位
        units:
          - { slug: first, name: 第一分局 }
          - { slug: second, name: 第二分局 }
          - { slug: third, name: 第三分局 }
        grading:
          pass_line: 60
          excellent_quota: 1/3
        # 公开范围：公开构建（默认）只含公开部分。排名和得分卡默认仅内部可见，
        # 这里设为公开；自评得分和扣分理由仍仅内部可见（jixiao build --audience internal）。
        audience: { ranking: public, units: public }

        """),
        ("content/{SLUG}/indicators.yaml", """
        # 指标体系：下级指标分值之和必须等于上级分值，一级指标之和等于 total。
        total: 100
        indicators:
          - id: A
            name: 重点工作
            points: 60
            children:
              - id: A1
                name: 年度重点任务完成情况
                points: 40
                criteria: 按年度任务清单逐项考核，完成率达到100%的得满分，低于100%的按完成比例得分。
                evidence: [任务台账, 完成情况报告]
                rule: { kind: proportional, target: 1 }
              - id: A2
                name: 信息按期报送
                points: 20
                criteria: 每月报送工作信息，每缺报或迟报一期扣2分，扣完为止。
                rule: { kind: per_occurrence, deduction: 2 }
          - id: B
            name: 内部管理
            points: 40
            children:
              - id: B1
                name: 制度建设
                points: 15
                criteria: 建立健全内部管理制度的得满分，未建立的不得分。
                rule: { kind: binary }
              - id: B2
                name: 安全生产
                points: 25
                criteria: 全年未发生安全生产责任事故的得满分；发生一般事故的扣10分。
                rule: { kind: event, deduction: 10 }

        """),
        ("content/{SLUG}/results.csv", """
        unit,indicator,score,self,reason,actual,count,pass,occurred
        first,A1,,40,,1,,,
        first,A2,,20,,,0,,
        first,B1,,15,,,,true,
        first,B2,,25,,,,,false
        second,A1,,36,完成率90%,0.9,,,
        second,A2,,16,缺报2期,,2,,
        second,B1,,15,,,,true,
        second,B2,,25,,,,,false
        third,A1,,32,完成率80%,0.8,,,
        third,A2,,20,,,0,,
        third,B1,,0,未建立内部管理制度,,,false,
        third,B2,,15,发生一般安全生产事故1起,,,,true

        """),
        ("content/{SLUG}/plan.md", """
        ---
        title: 示例局{YEAR}年度所属单位绩效考评工作方案
        doc_number: 示发〔{YEAR}〕1号
        issuer: 示例局
        recipients: 局属各单位
        written: {YEAR}-03-01
        published: {YEAR}-03-05
        disclosure: 主动公开
        topic: 绩效管理
        validity: 有效
        phases:
          - { name: 自评, start: {YEAR}-12-01, end: {YEAR}-12-15, description: 各单位对照指标体系自评并报送佐证材料 }
          - { name: 考评, start: {YEAR}-12-16, end: {YEAR}-12-31, description: 考评组核验材料、评分 }
        contacts:
          - { role: 联系人, name: 联系人（示例）, phone: 0000-0000000, email: contact@example.org }
        ---
        ## 一、考评对象

        局属第一分局、第二分局、第三分局。

        ## 二、考评内容

        按[指标体系](indicators.html)考评重点工作和内部管理两个方面，满分100分。

        ## 三、结果运用

        考评结果按得分排名，排名前三分之一且得分在60分以上的评为优秀；结果经公示后通报，见[考评结果公示](notices/gongshi.md)。

        """),
        ("content/{SLUG}/notices/gongshi.md", """
        ---
        title: 关于{YEAR}年度所属单位绩效考评结果的公示
        kind: 公示
        issuer: 示例局
        written: {NEXT}-01-10
        published: {NEXT}-01-10
        disclosure: 主动公开
        objection: { start: {NEXT}-01-10, end: {NEXT}-01-16, channel: 电话 0000-0000000（示例） }
        ---
        > 本公示所列考评结果为示例数据。

        根据[工作方案](../plan.md)，现将{YEAR}年度所属单位绩效考评结果公示如下：

        {{< ranking >}}

        公示期内对结果有异议的，请以书面形式向局办公室反映。

        """),
    ]
}
