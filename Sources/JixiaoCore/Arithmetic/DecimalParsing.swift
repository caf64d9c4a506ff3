import Foundation

/// Why a scalar could not be read as an exact decimal.
public enum DecimalParseFailure: Error, Sendable, Hashable {
    /// Not a plain decimal numeral (letters, exponents, `inf`, `NaN`, thousands separators …).
    case notANumber
    /// More digits than any score or count needs; almost always a typing mistake.
    case tooLarge

    /// The user-facing explanation.
    public var message: String {
        switch self {
        case .notANumber: "不是数值"
        case .tooLarge: "数值的位数过多（整数部分最多15位，小数部分最多12位）"
        }
    }
}

/// Exact decimal numbers read straight from their text, never through binary
/// floating point: "0.1" is exactly one tenth.
public enum DecimalText {
    static let maxIntegerDigits = 15
    static let maxFractionDigits = 12

    /// Reads `[+-]digits[.digits]` (also `.5` and `5.`) as an exact `Decimal`.
    public static func parse(_ raw: String) -> Result<Decimal, DecimalParseFailure> {
        let text = raw.trimmedSpaces()
        var scalars = Substring(text).unicodeScalars[...]
        var negative = false
        if let first = scalars.first, first == "+" || first == "-" {
            negative = first == "-"
            scalars = scalars.dropFirst()
        }
        var integerDigits: [UInt8] = []
        var fractionDigits: [UInt8] = []
        var seenPoint = false
        for scalar in scalars {
            if scalar == "." {
                if seenPoint { return .failure(.notANumber) }
                seenPoint = true
            } else if let digit = asciiDigit(scalar) {
                if seenPoint { fractionDigits.append(digit) } else { integerDigits.append(digit) }
            } else {
                return .failure(.notANumber)
            }
        }
        if integerDigits.isEmpty && fractionDigits.isEmpty { return .failure(.notANumber) }
        // Leading zeros do not count towards the magnitude.
        let significantInteger = integerDigits.drop { $0 == 0 }
        if significantInteger.count > maxIntegerDigits || fractionDigits.count > maxFractionDigits {
            return .failure(.tooLarge)
        }
        var significand = Decimal(0)
        for digit in significantInteger + fractionDigits {
            significand = significand * 10 + Decimal(Int(digit))
        }
        var value = Decimal(sign: .plus, exponent: -fractionDigits.count, significand: significand)
        if negative && value != 0 { value.negate() }
        return .success(value)
    }

    /// The value, or nil when the text is not an acceptable decimal.
    public static func decimal(_ text: String) -> Decimal? {
        if case .success(let value) = parse(text) { return value }
        return nil
    }

    private static func asciiDigit(_ scalar: Unicode.Scalar) -> UInt8? {
        guard scalar.value >= 48 && scalar.value <= 57 else { return nil }
        return UInt8(scalar.value - 48)
    }
}
