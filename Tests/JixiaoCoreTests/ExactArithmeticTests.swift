import Foundation
@testable import JixiaoCore
import JixiaoTestSupport
import Testing

/// The integer paths of decimal arithmetic must give what Foundation gives, down
/// to the stored bytes (scores are hashed into the build cache and written out),
/// on every kind of operand: small and 64-bit significands, trailing zeros, zeros
/// with exponents, both signs, and 38-digit quotients that only Foundation handles.
@Suite("Decimal arithmetic through integer parts")
struct ExactArithmeticTests {
    static func bytes(_ value: Decimal) -> [UInt8] {
        var copy = value
        return withUnsafeBytes(of: &copy) { Array($0) }
    }

    static func foundationRounded(_ value: Decimal, _ places: Int) -> Decimal {
        var source = value
        var result = Decimal()
        NSDecimalRound(&result, &source, places, .plain)
        return result
    }

    /// A decimal of a random kind.
    static func operand(_ generator: inout SeededGenerator) -> Decimal {
        let kind = generator.next() % 10
        let negative = generator.next() % 3 == 0
        switch kind {
        case 0:
            // Zero written with decimals ("0.00"), which Foundation keeps with its exponent.
            return Decimal(string: "0." + String(repeating: "0", count: Int(generator.next() % 4)))!
        case 1:
            // A 38-digit quotient: beyond 64 bits, Foundation's path.
            let quotient = Decimal(Int(generator.next() % 1000) + 1) / Decimal(Int(generator.next() % 97) + 3)
            return negative ? -quotient : quotient
        case 2:
            // Near the 64-bit limit, so that aligning or multiplying overflows.
            let value = Decimal(sign: negative ? .minus : .plus, exponent: -Int(generator.next() % 6),
                                significand: Decimal(UInt64.max - generator.next() % 1000))
            return value
        case 3:
            return written(&generator, negative: negative, maxDigits: 19, maxDecimals: 12)
        default:
            return written(&generator, negative: negative, maxDigits: 9, maxDecimals: 6)
        }
    }

    /// A number as someone could write it in a results table (at most 15 integer
    /// digits and 12 decimals, what the reader accepts), trailing zeros kept in the text.
    static func written(_ generator: inout SeededGenerator, negative: Bool, maxDigits: Int, maxDecimals: Int) -> Decimal {
        let digits = Int(generator.next() % UInt64(maxDigits)) + 1
        var text = String(generator.next() % UInt64(pow(10.0, Double(digits))))
        let decimals = max(Int(generator.next() % UInt64(maxDecimals + 1)), digits - 15)
        if decimals > 0 {
            while text.count <= decimals { text = "0" + text }
            text.insert(".", at: text.index(text.endIndex, offsetBy: -decimals))
        }
        return Decimal(string: (negative ? "-" : "") + text)!
    }

    @Test("sums, differences, products and comparisons agree with Foundation byte for byte on 40,000 pairs")
    func arithmetic() {
        var generator = SeededGenerator(seed: 24)
        var fast = 0
        for _ in 0..<40_000 {
            let a = Self.operand(&generator), b = Self.operand(&generator)
            #expect(Self.bytes(a.plus(b)) == Self.bytes(a + b), "\(a) + \(b)")
            #expect(Self.bytes(a.minus(b)) == Self.bytes(a - b), "\(a) - \(b)")
            #expect(Self.bytes(a.times(b)) == Self.bytes(a * b), "\(a) × \(b)")
            let order: ComparisonResult = a < b ? .orderedAscending : a == b ? .orderedSame : .orderedDescending
            #expect(a.compared(to: b) == order, "\(a) <=> \(b)")
            #expect(a.isBelow(b) == (a < b))
            #expect(a.isAbove(b) == (a > b))
            #expect(a.isSameNumber(as: b) == (a == b))
            #expect(a.isSameNumber(as: a))
            if let x = DecimalParts(a), let y = DecimalParts(b), DecimalParts.sum(x, y, negatingSecond: false) != nil {
                fast += 1
            }
        }
        // Most pairs take the integer path; were it never taken, the agreement above would prove nothing.
        #expect(fast > 20_000)
    }

    @Test("rounding half-up, counting decimals and whole numbers agree with NSDecimalRound on 40,000 values")
    func rounding() {
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<40_000 {
            let value = Self.operand(&generator)
            for places in 0...4 {
                #expect(Self.bytes(value.roundedHalfUp(places)) == Self.bytes(Self.foundationRounded(value, places)),
                        "\(value) to \(places)")
            }
            var places = 0
            while places < 40 && Self.foundationRounded(value, places) != value { places += 1 }
            #expect(value.decimalPlaces == places, "\(value)")
            var floored = value
            var source = value
            NSDecimalRound(&floored, &source, 0, .down)
            #expect(value.isWholeNumber == (value == floored), "\(value)")
        }
        #expect(Self.bytes(Decimal(string: "2.395")!.roundedHalfUp(2)) == Self.bytes(Decimal(string: "2.4")!))
        #expect(Decimal(string: "-2.345")!.roundedHalfUp(2) == Decimal(string: "-2.35")!)
    }

    @Test("a product's rounded quotient agrees with Foundation's division and rounding on 40,000 triples")
    func quotients() {
        var generator = SeededGenerator(seed: 11)
        var fast = 0
        var checked = 0
        while checked < 40_000 {
            let a = Self.operand(&generator), b = Self.operand(&generator), c = Self.operand(&generator)
            guard c != 0 else { continue }
            checked += 1
            let places = Int(generator.next() % 5)
            let expected = Self.foundationRounded(a * b / c, places)
            #expect(Self.bytes(Decimal.productQuotient(a, b, dividedBy: c, roundedHalfUpTo: places)) == Self.bytes(expected),
                    "\(a) × \(b) ÷ \(c) to \(places)")
            if let x = DecimalParts(a), let y = DecimalParts(b), let z = DecimalParts(c),
               DecimalParts.roundedQuotient(x, y, z, places: places) != nil {
                fast += 1
            }
        }
        #expect(fast > 10_000)
        // Ties go away from zero, as 四舍五入 does.
        #expect(Decimal.productQuotient(5, Decimal(string: "0.977")!, dividedBy: 1, roundedHalfUpTo: 2) == Decimal(string: "4.89")!)
        #expect(Decimal.productQuotient(-1, 1, dividedBy: 8, roundedHalfUpTo: 2) == Decimal(string: "-0.13")!)
        #expect(Decimal.productQuotient(2, 1, dividedBy: 3, roundedHalfUpTo: 2) == Decimal(string: "0.67")!)
    }

    @Test("a ratio's percentage from actual and target is the one from their 38-digit quotient")
    func ratioText() {
        // Rounding actual × 100 ÷ target once is dividing first, for every actual and target a
        // results table can hold (far beyond them, Foundation's own multiplication of a
        // 38-digit ratio by 100 loses digits).
        var generator = SeededGenerator(seed: 12)
        for _ in 0..<20_000 {
            let actual = Self.written(&generator, negative: false, maxDigits: 19, maxDecimals: 12)
            let target = Self.written(&generator, negative: false, maxDigits: 19, maxDecimals: 12)
            guard target != 0 else { continue }
            #expect(RatioScoring.ratioText(actual, dividedBy: target) == RatioScoring.ratioText(actual / target), "\(actual) ÷ \(target)")
        }
        #expect(RatioScoring.ratioText(Decimal(string: "0.977")!, dividedBy: 1) == "97.7%")
        #expect(RatioScoring.ratioText(2, dividedBy: 3) == "66.67%")
    }
}

@Suite("Whole numbers read from text")
struct IntegerReadingTests {
    @Test("whole numbers in any notation are read, fractions and huge values refused", arguments: [
        ("3", 3), ("-12", -12), ("3.0", 3), ("3.00", 3), ("0", 0), ("0.00", 0), ("12.000", 12), ("-0", 0),
        ("999999999", 999_999_999), ("-999999999", -999_999_999),
        ("3.5", nil), ("1000000000", nil), ("-1000000000", nil), ("1e30", nil), ("0.1", nil), ("abc", nil),
    ] as [(String, Int?)])
    func integers(text: String, expected: Int?) {
        var diagnostics: [Diagnostic] = []
        let value = SourceValue.scalar(text, at: SourceLocation(file: "results.csv")).integer("count", diagnostics: &diagnostics)
        #expect(value == expected, "\(text)")
        #expect(diagnostics.isEmpty == (expected != nil), "\(text)")
    }
}
