import Foundation

/// A decimal as sign, integer significand and power of ten, when the significand
/// fits in 64 bits (every score, point value and ratio does). Formatting through
/// these parts is integer arithmetic; going through `Decimal.description` and
/// string surgery was a tenth of a large build.
struct DecimalParts: Equatable {
    var negative: Bool
    var significand: UInt64
    var exponent: Int

    /// Reads the parts straight from Decimal's storage (exponent byte, length and
    /// sign bits, 16-bit mantissa words). Foundation does not make that storage
    /// public, so `layoutIsKnown` proves the reading right once, on sample values,
    /// before it is ever trusted; otherwise callers take the slow path.
    init?(_ value: Decimal) {
        guard Self.layoutIsKnown else { return nil }
        guard let parts = Self.read(value) else { return nil }
        self = parts
    }

    init(negative: Bool, significand: UInt64, exponent: Int) {
        self.negative = negative
        self.significand = significand
        self.exponent = exponent
    }

    /// Decimal's 20 bytes: exponent, flags (length << 4, sign 0x08, compact 0x04),
    /// two reserved bytes, eight 16-bit mantissa words, least significant first.
    private typealias Storage = (exponent: UInt8, flags: UInt8, reserved: UInt16,
                                 UInt16, UInt16, UInt16, UInt16, UInt16, UInt16, UInt16, UInt16)

    private static func read(_ value: Decimal) -> DecimalParts? {
        guard MemoryLayout<Decimal>.size == MemoryLayout<Storage>.size else { return nil }
        // A bit cast, in registers: through `withUnsafeBytes` this was 1.4% of a build.
        let storage = unsafeBitCast(value, to: Storage.self)
        let exponent = Int(Int8(bitPattern: storage.exponent))
        let length = Int(storage.flags >> 4)
        let negative = storage.flags & 0x08 != 0
        // Length 0 with the sign bit is NaN, not a number with parts.
        guard length <= 4, length > 0 || !negative else { return nil }
        var significand: UInt64 = 0
        if length > 3 { significand = UInt64(storage.6) }
        if length > 2 { significand = significand << 16 | UInt64(storage.5) }
        if length > 1 { significand = significand << 16 | UInt64(storage.4) }
        if length > 0 { significand = significand << 16 | UInt64(storage.3) }
        return DecimalParts(negative: negative, significand: significand, exponent: exponent)
    }

    /// The same number stored as Foundation stores the result of its arithmetic:
    /// compact (no trailing zero digits in the significand, flag set). Zero has no
    /// single such form (Foundation keeps some zeros' exponents), so it is nil, as
    /// is a number whose exponent does not fit; callers then take Foundation's path.
    var compactDecimal: Decimal? {
        guard Self.layoutIsKnown, significand != 0 else { return nil }
        let compact = withoutTrailingZeros
        guard compact.exponent >= -128 && compact.exponent <= 127 else { return nil }
        return Self.write(compact)
    }

    /// The same number with no trailing zero digits in the significand (zero as it is).
    var withoutTrailingZeros: DecimalParts {
        var parts = self
        while parts.significand != 0 && parts.significand % 10 == 0 {
            parts.significand /= 10
            parts.exponent += 1
        }
        return parts
    }

    /// Storage of a nonzero value in the layout `read` reads, marked compact.
    private static func write(_ parts: DecimalParts) -> Decimal {
        let significand = parts.significand
        // The 16-bit words the significand needs.
        let length = (64 - significand.leadingZeroBitCount + 15) / 16
        let storage: Storage = (
            exponent: UInt8(bitPattern: Int8(parts.exponent)),
            flags: UInt8(length << 4) | (parts.negative ? 0x08 : 0) | 0x04, reserved: 0,
            UInt16(truncatingIfNeeded: significand), UInt16(truncatingIfNeeded: significand >> 16),
            UInt16(truncatingIfNeeded: significand >> 32), UInt16(truncatingIfNeeded: significand >> 48),
            0, 0, 0, 0)
        return unsafeBitCast(storage, to: Decimal.self)
    }

    /// The storage layout matches what `read` expects and `write` makes, checked
    /// on values whose parts are known.
    static let layoutIsKnown: Bool = {
        let samples: [(String, DecimalParts)] = [
            ("-12.34", DecimalParts(negative: true, significand: 1234, exponent: -2)),
            ("1", DecimalParts(negative: false, significand: 1, exponent: 0)),
            ("0", DecimalParts(negative: false, significand: 0, exponent: 0)),
            ("123456789012.5", DecimalParts(negative: false, significand: 1_234_567_890_125, exponent: -1)),
            ("0.000000000001", DecimalParts(negative: false, significand: 1, exponent: -12)),
            ("-18446744073709551615", DecimalParts(negative: true, significand: UInt64.max, exponent: 0)),
        ]
        for (text, expected) in samples {
            guard let value = Decimal(string: text), let parts = read(value) else { return false }
            // A value may be stored un-normalised (trailing zeros); compare as numbers.
            let rebuilt = Decimal(sign: parts.negative ? .minus : .plus, exponent: parts.exponent,
                                  significand: Decimal(parts.significand))
            guard rebuilt == value, parts.negative == expected.negative else { return false }
            // Foundation's own compact form (what `init(sign:exponent:significand:)` makes), byte for byte.
            if parts.significand != 0 {
                var written = write(DecimalParts(negative: parts.negative, significand: parts.significand,
                                                 exponent: parts.exponent))
                var made = rebuilt
                let same = withUnsafeBytes(of: &written) { w in withUnsafeBytes(of: &made) { m in w.elementsEqual(m) } }
                guard same else { return false }
            }
        }
        return true
    }()

    /// 10^0 … 10^19, written out: a literal table is laid out when the program is
    /// built, where a computed one is made on first use and every read of it first
    /// checks that it was (`swift_once`, a million times in a thousand cards).
    static let powersOfTen: [UInt64] = [
        1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000,
        10_000_000_000, 100_000_000_000, 1_000_000_000_000, 10_000_000_000_000, 100_000_000_000_000,
        1_000_000_000_000_000, 10_000_000_000_000_000, 100_000_000_000_000_000, 1_000_000_000_000_000_000,
        10_000_000_000_000_000_000,
    ]

    /// Rounded half-up (away from zero) to `places` decimals, as the integer count
    /// of 10^-places units; nil when that does not fit in 64 bits.
    func scaled(to places: Int) -> UInt64? {
        let shift = exponent + places
        if shift >= 0 {
            guard shift < Self.powersOfTen.count else { return significand == 0 ? 0 : nil }
            let (product, overflow) = significand.multipliedReportingOverflow(by: Self.powersOfTen[shift])
            return overflow ? nil : product
        }
        guard -shift < Self.powersOfTen.count else { return 0 }
        let divisor = Self.powersOfTen[-shift]
        let (quotient, remainder) = significand.quotientAndRemainder(dividingBy: divisor)
        return remainder >= divisor - remainder ? quotient + 1 : quotient
    }

    /// `units` × 10^-places written positionally with exactly `places` decimals.
    /// Most numbers a site writes are small (scores from 0.00 to 100.00), and each
    /// is written several times (card, downloads, ranking): those are taken from a
    /// table made once, not made as a new String each time.
    static func digits(_ units: UInt64, places: Int) -> String {
        if units <= SmallTexts.largest {
            switch places {
            case 0: return SmallTexts.noPlaces[Int(units)]
            case 1: return SmallTexts.onePlace[Int(units)]
            case 2: return SmallTexts.twoPlaces[Int(units)]
            case 3: return SmallTexts.threePlaces[Int(units)]
            default: break
            }
        }
        return writtenDigits(units, places: places)
    }

    /// The texts of 0 to `largest` units at 0 to 3 places, each table made the first
    /// time a number with that many places is written. Kept for the whole run, in
    /// memory no count tracks: read on every core without a retain of the table.
    enum SmallTexts {
        static var largest: UInt64 { 10_000 }
        nonisolated(unsafe) static let noPlaces = make(places: 0)
        nonisolated(unsafe) static let onePlace = make(places: 1)
        nonisolated(unsafe) static let twoPlaces = make(places: 2)
        nonisolated(unsafe) static let threePlaces = make(places: 3)

        private static func make(places: Int) -> UnsafeBufferPointer<String> {
            let texts = UnsafeMutableBufferPointer<String>.allocate(capacity: Int(largest) + 1)
            _ = texts.initialize(from: (0...largest).lazy.map { writtenDigits($0, places: places) })
            return UnsafeBufferPointer(texts)
        }
    }

    /// `digits` without the table: digit by digit from the right into a buffer on the stack.
    static func writtenDigits(_ units: UInt64, places: Int) -> String {
        let capacity = 24 + max(0, places)
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { buffer in
            var start = capacity
            var rest = units
            var written = 0
            repeat {
                start -= 1
                buffer[start] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                written += 1
                if written == places {
                    start -= 1
                    buffer[start] = UInt8(ascii: ".")
                }
            } while rest > 0 || written <= places
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<capacity]), as: UTF8.self)
        }
    }
}
