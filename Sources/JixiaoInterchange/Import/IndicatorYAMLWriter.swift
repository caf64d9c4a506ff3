import Foundation
import JixiaoCore

/// Writes an imported indicator system as indicators.yaml (docs/content-format.md):
/// criteria verbatim, owners, evidence, verification, and the rule (`manual`
/// unless recognised with certainty).
public enum IndicatorYAMLWriter {
    public static func yaml(_ system: ImportedSystem) -> String {
        var lines: [String] = [
            "# 由 jixiao import indicators 从 \(system.source.replacingOccurrences(of: "\n", with: " ")) 导入。",
            "# 评分标准照录原表；评分规则除能确定的以外都是 manual（由考评人按评分标准打分），请逐项核对。",
            "total: \(formatPlain(system.declaredTotal ?? system.total))",
            "indicators:",
        ]
        for indicator in system.indicators {
            write(indicator, indent: 2, usesWeight: system.usesWeight, into: &lines)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func write(_ indicator: ImportedIndicator, indent: Int, usesWeight: Bool, into lines: inout [String]) {
        let pad = String(repeating: " ", count: indent)
        lines.append(pad + "- id: " + YAMLText.scalar(indicator.id))
        let inner = pad + "  "
        lines.append(inner + "name: " + YAMLText.scalar(indicator.name))
        lines.append(inner + (usesWeight ? "weight: " : "points: ") + formatPlain(indicator.points))
        if let criteria = indicator.criteria {
            lines.append(inner + "criteria: " + YAMLText.scalar(criteria))
        }
        let owners = [("office", indicator.owners.office), ("leader", indicator.owners.leader), ("person", indicator.owners.person)]
            .compactMap { key, value in value.map { "\(key): \(YAMLText.scalar($0))" } }
        if !owners.isEmpty {
            lines.append(inner + "owners: { " + owners.joined(separator: ", ") + " }")
        }
        if !indicator.evidence.isEmpty {
            lines.append(inner + "evidence: [" + indicator.evidence.map(YAMLText.scalar).joined(separator: ", ") + "]")
        }
        if let verification = indicator.verification {
            lines.append(inner + "verification: " + YAMLText.scalar(verification))
        }
        if indicator.isLeaf {
            switch indicator.rule ?? .manual {
            case .manual: lines.append(inner + "rule: { kind: manual }")
            case .binary: lines.append(inner + "rule: { kind: binary }")
            }
        } else {
            lines.append(inner + "children:")
            for child in indicator.children {
                write(child, indent: indent + 4, usesWeight: usesWeight, into: &lines)
            }
        }
    }
}
