import Foundation
import JixiaoCore
import JixiaoSite

/// CSV and JSON exports: the site's own tables (ResultTables), in UTF-8 with a
/// BOM so that Excel shows Chinese correctly, or in GB18030 on request.
public enum TextExport {
    public static func csv(_ result: EvaluationResult, table: ExportTables.Table, encoding: CSVGrid.Encoding = .utf8) throws -> Data {
        var text = table == .ranking ? ResultTables.rankingCSV(result) : ResultTables.scoresCSV(result)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        switch encoding {
        case .utf8:
            return Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8)
        case .gb18030:
            guard let data = text.data(using: CSVGrid.gb18030) else { throw EncodingFailure() }
            return data
        }
    }

    public static func json(_ result: EvaluationResult, table: ExportTables.Table) -> Data {
        switch table {
        case .ranking:
            return Data(ResultTables.rankingJSON(result).utf8)
        case .scores:
            let precision = result.settings.precision
            var rows: [String] = []
            for unit in result.units {
                func walk(_ item: IndicatorScore) {
                    var fields = [
                        "\"unit\": \(quoted(unit.unit.slug))", "\"indicator\": \(quoted(item.indicator.id))",
                        "\"name\": \(quoted(item.indicator.name))", "\"points\": \(quoted(formatScore(item.points, precision: precision)))",
                    ]
                    fields.append("\"score\": " + (item.score.map { quoted(formatScore($0, precision: precision)) } ?? "null"))
                    fields.append("\"self\": " + (item.selfScore.map { quoted(formatScore($0, precision: precision)) } ?? "null"))
                    fields.append("\"reasons\": [" + item.reasons.map(quoted).joined(separator: ", ") + "]")
                    rows.append("  {" + fields.joined(separator: ", ") + "}")
                    item.children.forEach(walk)
                }
                unit.indicators.forEach(walk)
            }
            return Data(("[\n" + rows.joined(separator: ",\n") + "\n]\n").utf8)
        }
    }

    static func quoted(_ text: String) -> String {
        JSONText.quoted(text)
    }

    struct EncodingFailure: Error, CustomStringConvertible {
        var description: String { "有字符无法用 GB18030 编码" }
    }
}
