import Foundation

/// One line in Chinese per rule, shown beside every computed score.
enum RuleDescription {
    static func describe(_ rule: ScoringRule?, points: Decimal, onParent: Bool) -> String {
        guard let rule else { return onParent ? "下级指标得分之和" : "由考评人按评分标准评定" }
        let v = formatPlain(points)
        let prefix = onParent ? "下级指标得分合计后，" : ""
        switch rule {
        case .manual:
            return "由考评人按评分标准评定，最高\(v)分，扣分须说明理由"
        case .binary:
            return "达到要求得\(v)分，否则不得分"
        case .checklist(let items):
            let list = items.map { "\($0.text)扣\(formatPlain($0.deduction))分" }.joined(separator: "；")
            return prefix + "按检查项扣分：\(list)；扣完为止"
        case .perOccurrence(let deduction, let cap):
            return prefix + "每次扣\(formatPlain(deduction))分，最多扣\(formatPlain(cap ?? points))分"
        case .perKind(let deductions, let cap):
            let list = deductions.map { "\($0.kind)每次扣\(formatPlain($0.deduction))分" }.joined(separator: "，")
            return prefix + "\(list)，最多扣\(formatPlain(cap ?? points))分"
        case .status(let levels):
            return "按状态计分：" + levels.map { "\($0.status)得\(formatPlain($0.points))分" }.joined(separator: "；")
        case .proportional(let target):
            let goal = target.map { "（目标\(formatPlain($0))）" } ?? ""
            return "完成目标\(goal)得\(v)分，未完成的按实际完成比例计分（\(v)×实际÷目标）"
        case .threshold(let threshold, let reading):
            let t = formatPercent(threshold)
            switch reading {
            case .ratio: return "完成率不低于\(t)得\(v)分；低于\(t)的按实际完成比例计分（\(v)×完成率）"
            case .scaled: return "完成率不低于\(t)得\(v)分；低于\(t)的按与标准线之比计分（\(v)×完成率÷\(t)）"
            }
        case .steps(let target, let step, let deduction, let partial):
            let goal = target.map { "目标\(formatPlain($0))，" } ?? ""
            let rounding = partial == .floor ? "不足一档不扣" : "不足一档按一档扣"
            return "\(goal)每少\(formatPlain(step))扣\(formatPlain(deduction))分（\(rounding)），扣完为止"
        case .bands(let bands):
            return bands.map { band in
                switch band.outcome {
                case .score(let score): "\(band.intervalText)得\(formatPlain(score))分"
                case .deduction(let deduction): "\(band.intervalText)扣\(formatPlain(deduction))分"
                }
            }.joined(separator: "；")
        case .event(let deduction):
            return prefix + "发生时扣\(formatPlain(deduction))分"
        }
    }
}
