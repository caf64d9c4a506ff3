import Foundation

/// R13 among one group of siblings: the points of n/a indicators go equally to the
/// applicable siblings, to a named sibling, or the parent is rescaled. A sibling
/// that receives points keeps its achievement fraction (score / points).
struct NotApplicableRedistribution {
    let unitName: String
    let precision: Int

    /// Adjusts the receiving siblings in place and returns the group's total
    /// (nil when every sibling is n/a) with a line saying how it was formed.
    /// `location`: where an indicator's result was written, for messages.
    func apply(to siblings: inout [IndicatorScore], parentPoints: Decimal, parentLabel: String,
               diagnostics: inout [Diagnostic], location: (String) -> SourceLocation) -> (total: Decimal?, computation: String) {
        let applicable = siblings.indices.filter { !siblings[$0].notApplicable }
        guard !applicable.isEmpty else { return (nil, "下级指标均不适用") }
        var extra: [Int: Decimal] = [:]
        var notes: [String] = []
        var rescale = false
        for index in siblings.indices where siblings[index].notApplicable {
            let child = siblings[index].shared.value
            let points = child.points
            switch child.notApplicable {
            case .equal?:
                spreadEqually(points, over: applicable, into: &extra)
                notes.append("\(child.id)不适用，其\(formatPlain(points))分均分给\(applicable.map { siblings[$0].indicator.id }.joined(separator: "、"))")
            case .to(let target)?:
                if let receiver = applicable.first(where: { siblings[$0].indicator.id == target }) {
                    extra[receiver, default: 0] += points
                    notes.append("\(child.id)不适用，其\(formatPlain(points))分计入\(target)")
                } else {
                    diagnostics.append(.error(
                        at: location(child.id),
                        "\(unitName)的指标\(child.id)不适用时分值应计入\(target)，但\(target)也不适用",
                        hint: "改用 not_applicable: equal 或 rescale，或核对两项的不适用标记。"))
                }
            case .rescale?:
                rescale = true
            case nil:
                break // reported where the indicator was marked n/a
            }
        }
        for (index, added) in extra.sorted(by: { $0.key < $1.key }) {
            receive(added, into: &siblings[index])
        }
        let sum = applicable.reduce(Decimal(0)) { $0.plus(siblings[$1].score ?? 0) }
        let terms = applicable.map { "\(siblings[$0].indicator.id) \(formatScore(siblings[$0].score ?? 0, precision: precision))" }
        var computation = "下级指标合计：" + terms.joined(separator: " + ") + " = \(formatScore(sum, precision: precision))"
        if !notes.isEmpty { computation = notes.joined(separator: "；") + "；" + computation }
        guard rescale else { return (sum, computation) }
        let applicablePoints = applicable.reduce(Decimal(0)) { $0.plus(siblings[$1].points) }
        let rescaled = Decimal.productQuotient(sum, parentPoints, dividedBy: applicablePoints, roundedHalfUpTo: precision)
        computation += "；有不适用指标，\(parentLabel)按适用部分折算：\(formatScore(sum, precision: precision)) × \(formatPlain(parentPoints)) ÷ \(formatPlain(applicablePoints)) = \(formatScore(rescaled, precision: precision))"
        return (rescaled, computation)
    }

    /// Equal shares rounded half-up; the last receiver takes the rounding
    /// remainder so that no point is lost or created (1 over 3: 0.33, 0.33, 0.34).
    private func spreadEqually(_ points: Decimal, over receivers: [Int], into extra: inout [Int: Decimal]) {
        let share = (points / Decimal(receivers.count)).roundedHalfUp(precision)
        for (position, index) in receivers.enumerated() {
            let isLast = position == receivers.count - 1
            extra[index, default: 0] += isLast ? points - share * Decimal(receivers.count - 1) : share
        }
    }

    /// The receiver's points grow; its score keeps the fraction score / points.
    private func receive(_ added: Decimal, into node: inout IndicatorScore) {
        let oldPoints = node.points
        let newPoints = oldPoints.plus(added)
        let oldScore = node.score ?? 0
        let newScore = oldScore.isSameNumber(as: oldPoints) ? newPoints
            : Decimal.productQuotient(oldScore, newPoints, dividedBy: oldPoints, roundedHalfUpTo: precision)
        node.points = newPoints
        node.score = newScore
        node.deduction = newPoints.minus(newScore)
        node.computation += "；因同级指标不适用，分值由\(formatPlain(oldPoints))调整为\(formatPlain(newPoints))，"
            + "按得分率折算：\(formatScore(oldScore, precision: precision)) × \(formatPlain(newPoints)) ÷ \(formatPlain(oldPoints)) = \(formatScore(newScore, precision: precision))分"
    }
}
