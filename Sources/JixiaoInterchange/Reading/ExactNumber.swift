import Foundation
import JixiaoCore

/// Numbers as spreadsheets store them (`<v>0.1</v>`, `1E-3`, `2.5E+2`) read as exact
/// decimals straight from the digits. Excel keeps 15 significant digits; a stored
/// value with more (`0.30000000000000004`, left by a formula) is rounded half-up to
/// 15 significant digits, which is what Excel shows.
enum ExactNumber {
    static let significantDigits = 15

    /// The value and its canonical text, or nil when the text is not a number.
    static func parse(_ raw: String) -> (Decimal, String)? {
        let text = raw.trimmingCharacters(in: .whitespaces)
        var scalars = Array(text.unicodeScalars)
        guard !scalars.isEmpty else { return nil }
        var negative = false
        if scalars[0] == "-" || scalars[0] == "+" {
            negative = scalars[0] == "-"
            scalars.removeFirst()
        }
        var digits: [Int] = []
        var pointPosition: Int?
        var exponent = 0
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "." {
                guard pointPosition == nil else { return nil }
                pointPosition = digits.count
            } else if let digit = digitValue(scalar) {
                digits.append(digit)
            } else if scalar == "E" || scalar == "e" {
                let rest = String(String.UnicodeScalarView(scalars[(index + 1)...]))
                guard let value = Int(rest), abs(value) < 400 else { return nil }
                exponent = value
                index = scalars.count
                break
            } else {
                return nil
            }
            index += 1
        }
        guard !digits.isEmpty else { return nil }
        // value = 0.d1d2d3… × 10^(pointPosition + exponent)
        var magnitude = (pointPosition ?? digits.count) + exponent
        while let first = digits.first, first == 0, digits.count > 1 {
            digits.removeFirst()
            magnitude -= 1
        }
        if digits == [0] { return (0, "0") }
        if digits.count > significantDigits {
            let roundUp = digits[significantDigits] >= 5
            digits = Array(digits.prefix(significantDigits))
            if roundUp {
                var position = digits.count - 1
                while position >= 0 {
                    if digits[position] == 9 { digits[position] = 0; position -= 1 } else { digits[position] += 1; break }
                }
                if position < 0 { digits.insert(1, at: 0); digits.removeLast(); magnitude += 1 }
            }
        }
        while digits.count > 1, digits.last == 0 { digits.removeLast() }
        // Build the positional text.
        var body: String
        let digitText = digits.map(String.init).joined()
        if magnitude <= 0 {
            body = "0." + String(repeating: "0", count: -magnitude) + digitText
        } else if magnitude >= digits.count {
            body = digitText + String(repeating: "0", count: magnitude - digits.count)
        } else {
            let split = digitText.index(digitText.startIndex, offsetBy: magnitude)
            body = digitText[..<split] + "." + digitText[split...]
        }
        let canonical = (negative ? "-" : "") + body
        var significand = Decimal(0)
        for digit in digits { significand = significand * 10 + Decimal(digit) }
        var value = Decimal(sign: .plus, exponent: magnitude - digits.count, significand: significand)
        if negative { value.negate() }
        return (value, canonical)
    }

    private static func digitValue(_ scalar: Unicode.Scalar) -> Int? {
        scalar.value >= 48 && scalar.value <= 57 ? Int(scalar.value - 48) : nil
    }
}
