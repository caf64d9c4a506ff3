import JixiaoCore

/// A ranking laid out for a terminal, with columns aligned although Chinese
/// characters take two cells.
public enum TerminalTable {
    public static func ranking(_ result: EvaluationResult) -> String {
        let precision = result.settings.precision
        let components = result.settings.formula?.components ?? []
        var rows: [[String]] = [["名次", "并列", "单位"] + components.map { "\($0.name)" } + ["指标", "加分", "核验/调整", "总分", "等次"]]
        for unit in result.ranking {
            rows.append(["\(unit.rank)", unit.tied ? "并列" : "", unit.unit.name]
                        + unit.components.map { Format.score($0.value, precision) }
                        + [Format.score(unit.indicatorTotal, precision), Format.signed(unit.bonusTotal, precision),
                           Format.signed(unit.adjustmentTotal, precision), Format.score(unit.total, precision), unit.gradeName])
        }
        let columns = rows.map(\.count).max() ?? 0
        let widths = (0..<columns).map { column in rows.map { $0.count > column ? displayWidth($0[column]) : 0 }.max() ?? 0 }
        let numeric = Set(3..<columns - 1).union([0])
        return rows.map { row in
            row.enumerated().map { column, text in
                let padding = String(repeating: " ", count: widths[column] - displayWidth(text))
                return numeric.contains(column) ? padding + text : text + padding
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }.joined(separator: "\n") + "\n"
    }

    /// Terminal cells: East Asian wide and fullwidth characters take two.
    static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { width, scalar in
            let v = scalar.value
            let wide = (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
                || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v)
            return width + (wide ? 2 : 1)
        }
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
