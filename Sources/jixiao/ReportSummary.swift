import JixiaoSite

extension SiteBuilder.Report {
    /// What a build made and kept, as `jixiao build` and `jixiao serve` print it:
    /// 共 N 个文件, how many of them were kept from the previous build, and how many
    /// evaluations were carried over unscored.
    var filesSummary: String {
        var text = "共 \(files) 个文件"
        if reused > 0 { text += "，其中 \(reused) 个未变、沿用上次的结果" }
        if carriedEvaluations > 0 { text += "；\(carriedEvaluations) 项考核的文件未变，未重新计分" }
        if reusedUnits > 0 { text += "；重新计分的考核中有 \(reusedUnits) 个考核对象的结果未变，沿用上次的得分" }
        return text
    }
}
