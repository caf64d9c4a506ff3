import Foundation
import JixiaoCore
import JixiaoTemplate

/// Coordinates of the ranking's horizontal bar chart (inline SVG), computed here so
/// that templates only place numbers: a label column, the bars scaled to the
/// highest total, and the value after each bar.
struct BarChartGeometry {
    static let width = 760
    static let labelWidth = 130
    static let barSpace = 540
    static let rowHeight = 30
    static let barHeight = 20
    static let top = 8

    let count: Int

    var height: Int { Self.top * 2 + count * Self.rowHeight }

    var context: [String: Any] {
        ["width": Self.width, "height": height, "label_x": Self.labelWidth - 10, "bar_x": Self.labelWidth,
         "axis_y1": Self.top - 4, "axis_y2": height - Self.top + 4]
    }

    static let barShape = TemplateShape.immortal(["y", "height", "width", "text_y", "value_x"])

    /// One bar: a record, as there is one per unit.
    func bar(index: Int, value: Decimal, maximum: Decimal) -> TemplateValue {
        let y = Self.top + index * Self.rowHeight + (Self.rowHeight - Self.barHeight) / 2
        var width: Decimal = 0
        if maximum.isAbove(0), value.isAbove(0) {
            width = Decimal.productQuotient(value, Decimal(Self.barSpace), dividedBy: maximum, roundedHalfUpTo: 1)
        }
        return Self.barShape.record(values: [
            .int(y), .int(Self.barHeight), .string(formatPlain(width)), // y, height, width
            .int(y + Self.barHeight / 2 + 6), .string(formatPlain(Decimal(Self.labelWidth) + width + 6)), // text_y, value_x
        ])
    }
}
