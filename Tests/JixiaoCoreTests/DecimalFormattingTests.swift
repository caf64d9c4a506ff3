import Foundation
@testable import JixiaoCore
import JixiaoTestSupport
import Testing

/// The integer fast path of score formatting must agree with Foundation's own
/// rounding and description on every kind of value.
@Suite("Score formatting through integer parts")
struct DecimalFormattingTests {
    /// What formatScore means, written through Foundation only.
    static func reference(_ value: Decimal, _ places: Int) -> String {
        var source = value
        var rounded = Decimal()
        NSDecimalRound(&rounded, &source, places, .plain)
        let negative = rounded < 0
        var text = (negative ? -rounded : rounded).description
        if places > 0 {
            if !text.contains(".") { text += "." }
            let decimals = text.count - 1 - text.distance(from: text.startIndex, to: text.firstIndex(of: ".")!)
            text += String(repeating: "0", count: places - decimals)
        }
        return negative ? "-" + text : text
    }

    @Test("the storage layout was recognised, so the fast path is in use")
    func layoutKnown() {
        #expect(DecimalParts.layoutIsKnown)
        #expect(DecimalParts(Decimal(string: "-0.125")!) == DecimalParts(negative: true, significand: 125, exponent: -3))
    }

    @Test("agrees with Foundation on 20,000 pseudo-random values and every precision 0…4")
    func randomValues() {
        var generator = SeededGenerator(seed: 2026)
        for _ in 0..<20_000 {
            let digits = Int(generator.next() % 14) + 1
            var text = String(generator.next() % UInt64(pow(10.0, Double(digits))))
            let decimals = Int(generator.next() % 8)
            if decimals > 0 {
                while text.count <= decimals { text = "0" + text }
                text.insert(".", at: text.index(text.endIndex, offsetBy: -decimals))
            }
            if generator.next() % 3 == 0 { text = "-" + text }
            let value = Decimal(string: text)!
            for places in 0...4 {
                #expect(formatScore(value, precision: places) == Self.reference(value, places), "\(text) at \(places)")
            }
        }
    }

    @Test("every small number taken from the table agrees with Foundation, and so do its edges")
    func smallTexts() {
        let largest = Int(DecimalParts.SmallTexts.largest)
        for places in 0...4 {
            // Beyond the table on both sides of its edge, and at 4 places (no table).
            for units in Array(0...largest) + [largest + 1, largest + 9, 123_456] {
                let value = Decimal(sign: .plus, exponent: -places, significand: Decimal(units))
                #expect(formatScore(value, precision: places) == Self.reference(value, places), "\(units) at \(places)")
                #expect(formatScore(-value, precision: places) == Self.reference(-value, places), "-\(units) at \(places)")
            }
        }
        #expect(formatScore(Decimal(string: "100")!, precision: 2) == "100.00")
        #expect(formatScore(Decimal(string: "100.01")!, precision: 2) == "100.01")
        #expect(formatPlain(Decimal(string: "0.5")!) == "0.5")
        #expect(formatPlain(Decimal(string: "10000")!) == "10000")
        #expect(formatPlain(Decimal(string: "10001")!) == "10001")
    }

    @Test("halves round away from zero; results of arithmetic; trailing zeros", arguments: [
        ("2.345", 2, "2.35"), ("-2.345", 2, "-2.35"), ("-0.004", 2, "0.00"), ("0.005", 2, "0.01"),
        ("99.995", 2, "100.00"), ("1e3", 2, "1000.00"), ("12.3400", 1, "12.3"), ("0", 3, "0.000"),
    ])
    func examples(value: String, places: Int, expected: String) {
        #expect(formatScore(Decimal(string: value)!, precision: places) == expected)
    }

    @Test("sums and quotients keep their exact digits")
    func arithmetic() {
        let third = Decimal(1) / Decimal(3) // 38 significant digits: beyond 64 bits, general path
        #expect(formatScore(third, precision: 2) == "0.33")
        #expect(formatPlain(Decimal(string: "0.1")! + Decimal(string: "0.2")!) == "0.3")
        #expect(formatPlain(Decimal(string: "40.000")!) == "40")
        #expect(formatPlain(Decimal(sign: .plus, exponent: 3, significand: 5)) == "5000")
        #expect(formatPlain(third).hasPrefix("0.3333333333"))
        #expect(formatPercent(Decimal(string: "0.955")!) == "95.5%")
    }
}
