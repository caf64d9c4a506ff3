import Foundation
import JixiaoCore

/// What a column of a 考核表 holds.
public enum IndicatorColumn: String, Sendable, CaseIterable {
    /// An indicator level (一级/二级/三级…): level columns nest left to right.
    case level
    case id, name, content, points, criteria
    case office, leader, person, evidence, verification

    /// The header names offices use for each column (compared after
    /// `HeaderNormalization`).
    static let headerNames: [IndicatorColumn: [String]] = [
        .level: ["一级指标", "一级", "项目", "考核项目", "二级指标", "二级", "指标类别", "考核类别", "三级指标", "三级",
                 "四级指标", "四级", "一级指标名称", "二级指标名称", "三级指标名称"],
        .id: ["序号", "编号", "指标编号", "代码", "id"],
        .name: ["指标名称", "指标", "考核指标", "名称", "name"],
        .content: ["目标内容", "目标内容与责任分解", "工作目标", "年度工作目标", "工作任务", "考核内容", "指标内容",
                   "工作内容", "目标任务", "具体目标", "考核要点", "指标说明", "指标解释"],
        .points: ["分值", "权重", "分数", "标准分", "标准分值", "满分", "考核分值", "分值权重", "points", "weight"],
        .criteria: ["评分标准", "评分办法", "评分细则", "计分方法", "计分办法", "考核标准", "评分方法", "扣分标准",
                    "评分规则", "考评标准", "考核评分标准", "criteria"],
        .office: ["责任单位", "责任处室", "责任科室", "责任股室", "责任部门", "牵头单位", "牵头部门", "责任处(室)",
                  "责任科(室)", "牵头处室", "责任单位(处室)"],
        .leader: ["责任领导", "分管领导", "分管局领导", "牵头领导"],
        .person: ["责任人", "具体责任人", "经办人", "联系人"],
        .evidence: ["佐证材料", "佐证资料", "考核依据", "佐证", "证明材料", "台账资料", "evidence"],
        .verification: ["核验方式", "核验", "考核方式", "核查方式", "验证方式", "是否现场核验", "verification"],
    ]

    static let lookup: [String: IndicatorColumn] = {
        var table: [String: IndicatorColumn] = [:]
        for (column, names) in headerNames {
            for name in names { table[HeaderNormalization.normalize(name)] = column }
        }
        return table
    }()

    /// The column a header text names, if any. "一级指标、二级指标"-style combined
    /// headers are not guessed.
    static func match(_ header: String) -> IndicatorColumn? {
        let normalized = HeaderNormalization.normalize(header)
        if let exact = lookup[normalized] { return exact }
        // "一级指标(分值)" or "权重(%)": the name before a parenthesis.
        if let open = normalized.firstIndex(of: "("), open != normalized.startIndex {
            return lookup[String(normalized[..<open])]
        }
        return nil
    }

    public var label: String {
        switch self {
        case .level: "指标层级"
        case .id: "序号"
        case .name: "指标名称"
        case .content: "目标内容"
        case .points: "分值"
        case .criteria: "评分标准"
        case .office: "责任单位"
        case .leader: "责任领导"
        case .person: "责任人"
        case .evidence: "佐证材料"
        case .verification: "核验方式"
        }
    }

}

/// `--map` entries: `表头文字=role`, e.g. `考核事项=level`, `分数=points`; the
/// role may also be written with its Chinese label (`分数=分值`).
public struct HeaderMap: Sendable {
    public var entries: [String: String]

    public init(entries: [String: String] = [:]) { self.entries = entries }

    /// Parses `header=role` strings; problems are reported against `--map`.
    public static func parse(_ items: [String]) throws(DiagnosticsError) -> HeaderMap {
        var entries: [String: String] = [:]
        var diagnostics: [Diagnostic] = []
        for item in items {
            let parts = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                diagnostics.append(.error(at: SourceLocation(file: "--map"), "“\(item)”不是“表头=列含义”的形式",
                                          hint: "例如 --map 考核事项=level --map 分数=points。"))
                continue
            }
            entries[HeaderNormalization.normalize(parts[0])] = parts[1]
        }
        if !diagnostics.isEmpty { throw DiagnosticsError(diagnostics) }
        return HeaderMap(entries: entries)
    }

    /// The role named for a header, or nil when the map does not mention it.
    /// `ignore` (or 忽略) drops the column.
    func role<Role: RawRepresentable & CaseIterable>(for header: String, labels: (Role) -> String) -> MappedRole<Role>? {
        guard let target = entries[HeaderNormalization.normalize(header)] else { return nil }
        if target == "ignore" || target == "忽略" { return .ignored }
        for role in Role.allCases where (role.rawValue as? String) == target || labels(role) == target {
            return .role(role)
        }
        return .unknown(target)
    }
}

enum MappedRole<Role> {
    case role(Role)
    case ignored
    case unknown(String)
}
