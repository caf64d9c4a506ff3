import Foundation
import JixiaoSite

/// The site's Excel downloads beside ranking.csv and scores.csv; `jixiao build`
/// passes these to `SiteBuilder.Options(extraDownloads:)`.
public enum SpreadsheetDownloads {
    public static let formats: [DownloadFormat] = [
        DownloadFormat(fileName: "ranking.xlsx", title: "排名 Excel") { result in
            try ExportTables.workbook(result, table: .ranking).data()
        },
        DownloadFormat(fileName: "scores.xlsx", title: "得分明细 Excel") { result in
            try ExportTables.workbook(result, table: .scores).data()
        },
    ]
}
