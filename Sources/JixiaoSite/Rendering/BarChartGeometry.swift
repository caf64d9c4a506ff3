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

    static let barShape = TemplateShape(["y", "height", "width", "text_y", "value_x"])

    /// One bar: a record, as there is one per unit.
    func bar(index: Int, value: Decimal, maximum: Decimal) -> TemplateValue {
        let y = Self.top + index * Self.rowHeight + (Self.rowHeight - Self.barHeight) / 2
        var width: Decimal = 0
        if maximum > 0, value > 0 { width = (value * Decimal(Self.barSpace) / maximum).roundedHalfUp(1) }
        return Self.barShape.record(["y": .int(y), "height": .int(Self.barHeight), "width": .string(formatPlain(width)),
                                     "text_y": .int(y + Self.barHeight / 2 + 6),
                                     "value_x": .string(formatPlain(Decimal(Self.labelWidth) + width + 6))])
    }
}
