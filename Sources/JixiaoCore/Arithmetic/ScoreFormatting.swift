import Foundation

/// A score as published: rounded half-up to `precision` decimals and written with
/// exactly that many, e.g. "92.35", "0.30", "100.00" (precision 0 gives "92").
public func formatScore(_ value: Decimal, precision: Int) -> String {
    let places = max(0, precision)
    if let parts = DecimalParts(value), let units = parts.scaled(to: places) {
        let text = DecimalParts.digits(units, places: places)
        return parts.negative && units != 0 ? "-" + text : text
    }
    return formatScoreByDescription(value, places: places)
}

/// The general path, through `Decimal.description`, for values beyond 64-bit significands.
func formatScoreByDescription(_ value: Decimal, places: Int) -> String {
    let rounded = value.roundedHalfUp(places)
    let negative = rounded < 0
    let magnitude = negative ? -rounded : rounded
    var text = plainDigits(magnitude)
    var integer = text
    var fraction = ""
    if let point = text.firstIndex(of: ".") {
        integer = String(text[..<point])
        fraction = String(text[text.index(after: point)...])
    }
    fraction += String(repeating: "0", count: max(0, places - fraction.count))
    text = places > 0 ? integer + "." + fraction : integer
    return negative ? "-" + text : text
}

/// A number as written in the indicator system, without trailing zeros: "0.5", "40", "0.02".
public func formatPlain(_ value: Decimal) -> String {
    value < 0 ? "-" + plainDigits(-value) : plainDigits(value)
}

/// A ratio as a percentage without trailing zeros: 0.9 → "90%", 0.955 → "95.5%".
public func formatPercent(_ ratio: Decimal) -> String {
    formatPlain(ratio.times(100)) + "%"
}

/// Digits of a non-negative decimal in positional notation (never scientific).
func plainDigits(_ value: Decimal) -> String {
    if let parts = DecimalParts(value), let whole = parts.scaled(to: max(0, -parts.exponent)) {
        var significand = whole
        var places = max(0, -parts.exponent)
        while places > 0 && significand % 10 == 0 {
            significand /= 10
            places -= 1
        }
        return DecimalParts.digits(significand, places: places)
    }
    // Decimal's description is locale independent and positional ("0.02", "100").
    let text = value.description
    guard text.contains(".") else { return text }
    var trimmed = Substring(text)
    while trimmed.last == "0" { trimmed = trimmed.dropLast() }
    if trimmed.last == "." { trimmed = trimmed.dropLast() }
    return String(trimmed)
}
