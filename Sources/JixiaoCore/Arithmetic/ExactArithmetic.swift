import Foundation

/// Sums, differences, products, comparisons and rounded quotients of decimals
/// done in 64- and 128-bit integers when the operands' significands fit, which
/// every score, point value and ratio's does. Foundation's operators go through
/// heap-allocated digit arrays (about half a microsecond an addition), and
/// scoring does a few dozen of them per indicator: a tenth of a build.
///
/// Each gives the very Decimal Foundation's operator gives, bytes included (the
/// tests compare them on random operands). Foundation computes it for a zero
/// operand (it keeps some zeros' exponents), a product or rounded quotient of
/// zero, a value that does not fit, or an unknown storage layout.
extension Decimal {
    /// `self + other`.
    public func plus(_ other: Decimal) -> Decimal {
        if let a = DecimalParts(self), let b = DecimalParts(other), let sum = DecimalParts.sum(a, b, negatingSecond: false) {
            return sum
        }
        return self + other
    }

    /// `self - other`.
    public func minus(_ other: Decimal) -> Decimal {
        if let a = DecimalParts(self), let b = DecimalParts(other), let difference = DecimalParts.sum(a, b, negatingSecond: true) {
            return difference
        }
        return self - other
    }

    /// `self * other`.
    public func times(_ other: Decimal) -> Decimal {
        if let a = DecimalParts(self), let b = DecimalParts(other), a.significand != 0, b.significand != 0 {
            let (product, overflow) = a.significand.multipliedReportingOverflow(by: b.significand)
            if !overflow, let result = DecimalParts(negative: a.negative != b.negative, significand: product,
                                                    exponent: a.exponent + b.exponent).compactDecimal {
                return result
            }
        }
        return self * other
    }

    /// The order of `self` and `other`, as `<` and `==` give it.
    public func compared(to other: Decimal) -> ComparisonResult {
        if let a = DecimalParts(self), let b = DecimalParts(other), let (x, y) = DecimalParts.signedAligned(a, b) {
            return x < y ? .orderedAscending : x > y ? .orderedDescending : .orderedSame
        }
        return self < other ? .orderedAscending : self == other ? .orderedSame : .orderedDescending
    }

    /// `self < other` (Foundation's `isLess(than:)` is the slow one).
    public func isBelow(_ other: Decimal) -> Bool { compared(to: other) == .orderedAscending }
    /// `self > other`.
    public func isAbove(_ other: Decimal) -> Bool { compared(to: other) == .orderedDescending }
    /// `self == other`.
    public func isSameNumber(as other: Decimal) -> Bool { compared(to: other) == .orderedSame }

    /// `(a * b / c).roundedHalfUp(places)`: the product's quotient computed as an
    /// exact fraction of integers and rounded once. Foundation divides to 38
    /// significant digits before rounding; while the scaled numerator stays below
    /// 10^35 that cannot move the result across a rounding boundary (the fraction
    /// is at least 1 / (2c) units from any boundary it is not on, and the 38-digit
    /// error is below its numerator × 10^-37 units), so both give the same number.
    public static func productQuotient(_ a: Decimal, _ b: Decimal, dividedBy c: Decimal,
                                       roundedHalfUpTo places: Int) -> Decimal {
        if places >= 0, let x = DecimalParts(a), let y = DecimalParts(b), let z = DecimalParts(c),
           let result = DecimalParts.roundedQuotient(x, y, z, places: places) {
            return result
        }
        return (a * b / c).roundedHalfUp(places)
    }
}

extension DecimalParts {
    private static let limit128: UInt128 = { (0..<35).reduce(UInt128(1)) { value, _ in value * 10 } }()

    /// `a + b` (or `a - b`), compact; nil for zero operands or results, or no fit.
    static func sum(_ a: DecimalParts, _ b: DecimalParts, negatingSecond: Bool) -> Decimal? {
        guard a.significand != 0, b.significand != 0 else { return nil }
        guard let (x, y, exponent) = aligned(a, b) else { return nil }
        let bNegative = b.negative != negatingSecond
        let result: DecimalParts
        if a.negative == bNegative {
            let (total, overflow) = x.addingReportingOverflow(y)
            guard !overflow else { return nil }
            result = DecimalParts(negative: a.negative, significand: total, exponent: exponent)
        } else if x >= y {
            result = DecimalParts(negative: a.negative, significand: x - y, exponent: exponent)
        } else {
            result = DecimalParts(negative: bNegative, significand: y - x, exponent: exponent)
        }
        // A nonzero difference that cancels out is Foundation's plain zero.
        return result.significand == 0 ? Decimal() : result.compactDecimal
    }

    /// Both significands scaled to the smaller of the two exponents; nil when one does not fit.
    private static func aligned(_ a: DecimalParts, _ b: DecimalParts) -> (x: UInt64, y: UInt64, exponent: Int)? {
        let exponent = min(a.exponent, b.exponent)
        guard let x = a.scaled(to: -exponent), let y = b.scaled(to: -exponent) else { return nil }
        return (x, y, exponent)
    }

    /// Both values as signed integers of the same power of ten; nil when they do not fit.
    static func signedAligned(_ a: DecimalParts, _ b: DecimalParts) -> (Int128, Int128)? {
        guard let (x, y, _) = aligned(a, b) else { return nil }
        return (a.negative ? -Int128(x) : Int128(x), b.negative ? -Int128(y) : Int128(y))
    }

    /// `a × b ÷ c` rounded half-up (away from zero) to `places` decimals; nil for a
    /// zero operand or result, or when the fraction is too large to be sure of.
    static func roundedQuotient(_ a: DecimalParts, _ b: DecimalParts, _ c: DecimalParts, places: Int) -> Decimal? {
        guard a.significand != 0, b.significand != 0, c.significand != 0 else { return nil }
        // Units of 10^-places: a·b·10^(ea+eb+places) / (c·10^ec).
        var numerator = UInt128(a.significand) * UInt128(b.significand)
        var denominator = UInt128(c.significand)
        let shift = a.exponent + b.exponent + places - c.exponent
        if shift >= 0 {
            guard let scaled = multiply(numerator, byPowerOfTen: shift) else { return nil }
            numerator = scaled
        } else {
            guard let scaled = multiply(denominator, byPowerOfTen: -shift) else { return nil }
            denominator = scaled
        }
        guard numerator < limit128 else { return nil }
        let (quotient, remainder) = numerator.quotientAndRemainder(dividingBy: denominator)
        let units = remainder >= denominator - remainder ? quotient + 1 : quotient
        guard units != 0, let significand = UInt64(exactly: units) else { return nil }
        return DecimalParts(negative: (a.negative != b.negative) != c.negative, significand: significand,
                            exponent: -places).compactDecimal
    }

    private static func multiply(_ value: UInt128, byPowerOfTen power: Int) -> UInt128? {
        guard power < 39 else { return nil }
        var result = value
        for _ in 0..<power {
            let (product, overflow) = result.multipliedReportingOverflow(by: 10)
            guard !overflow else { return nil }
            result = product
        }
        return result
    }
}
