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
        return parseShort(text) ?? parseDigits(text)
    }

    /// `parse` for any length, digit by digit.
    static func parseDigits(_ text: String) -> Result<Decimal, DecimalParseFailure> {
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

    /// `parse` for a text of at most 18 digits, gathered in an integer rather than
    /// by a Decimal multiplication and addition per digit (which was most of reading
    /// a results table's numbers); the same value, stored the same way (a test
    /// compares the bytes). nil when the text has more digits.
    static func parseShort(_ text: String) -> Result<Decimal, DecimalParseFailure>? {
        var negative = false
        var significand: UInt64 = 0
        var integerDigits = 0, fractionDigits = 0, digits = 0
        var seenPoint = false
        var bytes = text.utf8[...]
        if let first = bytes.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            negative = first == UInt8(ascii: "-")
            bytes = bytes.dropFirst()
        }
        for byte in bytes {
            if byte == UInt8(ascii: ".") {
                if seenPoint { return .failure(.notANumber) }
                seenPoint = true
            } else if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                let digit = UInt64(byte - UInt8(ascii: "0"))
                digits += 1
                if seenPoint {
                    fractionDigits += 1
                } else if integerDigits > 0 || digit != 0 {
                    integerDigits += 1 // leading zeros do not count towards the magnitude
                }
                if integerDigits + fractionDigits > 18 { return nil }
                significand = significand * 10 + digit
            } else {
                return .failure(.notANumber)
            }
        }
        if digits == 0 { return .failure(.notANumber) }
        if integerDigits > maxIntegerDigits || fractionDigits > maxFractionDigits { return .failure(.tooLarge) }
        var value = Decimal(sign: .plus, exponent: -fractionDigits, significand: Decimal(significand))
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
