import Foundation
@testable import JixiaoCore
import JixiaoTestSupport
import Testing

@Suite("Exact decimals, half-up rounding and formatting")
struct ArithmeticTests {
    @Test("0.1 + 0.2 is exactly 0.3")
    func exactAddition() {
        #expect(d("0.1") + d("0.2") == d("0.3"))
        #expect(d("0.02") * 3 == d("0.06"))
        #expect(d("0.3") - d("0.1") == d("0.2"))
    }

    @Test("half-up rounding to the precision", arguments: [
        ("2.345", 2, "2.35"), ("2.344", 2, "2.34"), ("2.3449", 2, "2.34"), ("-2.345", 2, "-2.35"),
        ("0.005", 2, "0.01"), ("91.225", 2, "91.23"), ("2.5", 0, "3"), ("1.45", 1, "1.5"),
    ])
    func halfUp(value: String, precision: Int, expected: String) {
        #expect(d(value).roundedHalfUp(precision) == d(expected))
    }

    @Test("scores are written with exactly `precision` decimals", arguments: [
        ("92.35", 2, "92.35"), ("0.3", 2, "0.30"), ("100", 2, "100.00"), ("0", 2, "0.00"),
        ("2.345", 2, "2.35"), ("91.2", 0, "91"), ("-0.5", 2, "-0.50"), ("-0.001", 2, "0.00"), ("7", 3, "7.000"),
    ])
    func formatting(value: String, precision: Int, expected: String) {
        #expect(formatScore(d(value), precision: precision) == expected)
    }

    @Test("plain and percent formats drop trailing zeros")
    func plainFormats() {
        #expect(formatPlain(d("0.50")) == "0.5")
        #expect(formatPlain(d("40")) == "40")
        #expect(formatPercent(d("0.9")) == "90%")
        #expect(formatPercent(d("0.955")) == "95.5%")
    }

    @Test("decimal text parses exactly, never through Double", arguments: [
        ("0.1", "0.1"), ("-3", "-3"), ("+2.50", "2.5"), (".5", "0.5"), ("5.", "5"), ("007", "7"),
        ("123456789012345", "123456789012345"), ("0.000000000001", "0.000000000001"),
    ])
    func parses(text: String, expected: String) throws {
        let value = try #require(DecimalText.decimal(text))
        #expect(formatPlain(value) == expected)
    }

    @Test("non-numbers, NaN, infinities, exponents and absurd magnitudes are rejected", arguments: [
        "nan", "NaN", ".inf", "inf", "-inf", "1e3", "1E-2", "1,000", "0x10", "", "-", ".", "1.2.3", "九十", "90%",
        "1_000",
    ])
    func rejects(text: String) {
        #expect(DecimalText.decimal(text) == nil)
    }

    @Test("magnitudes beyond 15 integer or 12 fraction digits are 'too large'")
    func tooLarge() {
        #expect(DecimalText.parse("1234567890123456") == .failure(.tooLarge))
        #expect(DecimalText.parse("0.0000000000001") == .failure(.tooLarge))
        #expect(DecimalText.parse("abc") == .failure(.notANumber))
    }

    @Test("⌊N × quota⌋ is exact for thirds", arguments: [(3, 1), (14, 4), (12, 4), (2, 0), (0, 0), (9, 3)])
    func quotaFloor(count: Int, expected: Int) {
        #expect(Fraction.oneThird.floorOfMultiple(count) == expected)
    }

    @Test("other quota forms: 0.3 and 30%")
    func otherQuotas() {
        #expect(Fraction(numerator: d("0.3"), denominator: 1).floorOfMultiple(10) == 3)
        #expect(Fraction(numerator: 30, denominator: 100).floorOfMultiple(9) == 2)
    }
}

@Suite("Short decimal texts read through an integer")
struct ShortDecimalParsingTests {
    static func bytes(_ result: Result<Decimal, DecimalParseFailure>?) -> String {
        switch result {
        case .success(var value)?: withUnsafeBytes(of: &value) { $0.map { String($0) }.joined(separator: ",") }
        case .failure(let failure)?: "\(failure)"
        case nil: "long"
        }
    }

    @Test("the same value, stored in the same bytes, and the same failures as reading digit by digit")
    func agreesWithDigits() {
        let pieces = ["0", "1", "5", "9", "00", "10", "25", ".", "-", "+", "x", " ", "１", "000000000"]
        var generator = SeededGenerator(seed: 13)
        var short = 0
        for _ in 0..<50_000 {
            let text = (0..<Int.random(in: 0...10, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let fast = DecimalText.parseShort(text)
            if fast != nil { short += 1 } else { continue }
            #expect(Self.bytes(fast) == Self.bytes(DecimalText.parseDigits(text)), "\(text)")
        }
        #expect(short > 40_000)
        // Longer than 18 digits: left to the digit-by-digit reading.
        #expect(DecimalText.parseShort("123456789012345.1234") == nil)
        #expect(DecimalText.decimal("123456789012345.123456789012") == Decimal(string: "123456789012345.123456789012"))
        #expect(DecimalText.parse("1234567890123456") == .failure(.tooLarge))
        #expect(DecimalText.parse("0000000000000000000001.5") == .success(Decimal(string: "1.5")!))
    }
}
