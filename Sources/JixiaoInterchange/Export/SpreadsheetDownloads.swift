import Foundation
import JixiaoSite

/// The site's Excel downloads beside ranking.csv and scores.csv; `jixiao build`
/// passes these to `SiteBuilder.Options(extraDownloads:)`.
public enum SpreadsheetDownloads {
    public static let formats: [DownloadFormat] = [
        DownloadFormat(fileName: "ranking.xlsx", title: "排名 Excel", readsProvenance: false) { result in
            prepared(ExportTables.workbook(result, table: .ranking))
        },
        DownloadFormat(fileName: "scores.xlsx", title: "得分明细 Excel", readsProvenance: false) { result in
            prepared(ExportTables.workbook(result, table: .scores))
        }.madeByUnit { result, keys, previous in
            try ExportTables.workbook(result, table: .scores, groupsMadeWhenWritten: true).data(keys: keys, previous: previous)
        },
    ]

    /// The workbook's cells are its fingerprint: writing them out as XML and
    /// compressing it is what an unchanged workbook saves.
    static func prepared(_ workbook: XLSXWorkbook) -> DownloadFormat.Prepared {
        DownloadFormat.Prepared(fingerprint: { workbook.fingerprint }, make: { try workbook.data() })
    }
}

extension XLSXWorkbook {
    /// Every property of the workbook, its sheets and their cells, hashed.
    var fingerprint: StableHash {
        var hash = StableHash()
        hash.add(precision)
        hash.add(sheets.count)
        for sheet in sheets {
            hash.add(sheet.name)
            hash.add(sheet.title.map { "1\($0)" } ?? "0")
            hash.add(sheet.header.count)
            for name in sheet.header { hash.add(name) }
            hash.add(sheet.wrapColumns.sorted().map(String.init).joined(separator: ","))
            hash.add(sheet.groupSizes.map { "1" + $0.map(String.init).joined(separator: ",") } ?? "0")
            hash.add(sheet.sharedTexts.count)
            for text in sheet.sharedTexts { hash.add(text) }
            hash.add(sheet.rows.count)
            for row in sheet.rows {
                hash.add(row.count)
                for cell in row {
                    switch cell {
                    case .empty: hash.add(0)
                    case .text(let text): hash.add(1); hash.add(text)
                    case .number(let text): hash.add(2); hash.add(text)
                    case .integer(let number): hash.add(3); hash.add(number)
                    case .sharedText(let index): hash.add(4); hash.add(index)
                    }
                }
            }
        }
        return hash
    }
}
