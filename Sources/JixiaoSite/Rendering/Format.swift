import Foundation
import JixiaoBytes
import JixiaoCore

/// Small text helpers shared by page contexts and downloads.
enum Format {
    /// A score with the evaluation's precision, e.g. "92.35".
    static func score(_ value: Decimal, _ precision: Int) -> String {
        formatScore(value, precision: precision)
    }

    static func score(_ value: Decimal?, _ precision: Int) -> String? {
        value.map { formatScore($0, precision: precision) }
    }

    /// Points as written in the indicator system: no trailing zeros ("0.5", "40").
    static func points(_ value: Decimal) -> String {
        formatPlain(value)
    }

    /// A signed value for bonus and adjustments: "+0.60", "−0.50", "0.00".
    static func signed(_ value: Decimal, _ precision: Int) -> String {
        if value > 0 { return "+" + score(value, precision) }
        if value < 0 { return "−" + score(-value, precision) }
        return score(value, precision)
    }

    /// One CSV line (RFC 4180: a field holding a comma, quote or line break is
    /// quoted, its quotes doubled), ending in CRLF.
    static func csvLine(_ fields: [String]) -> String {
        var bytes = ByteBuffer(capacity: 256)
        appendCSVLine(fields, to: &bytes)
        return bytes.string()
    }

    /// `csvLine` appended as UTF-8 bytes: scores.csv is a million fields, and
    /// growing a String line by line and field by field showed in every build.
    static func appendCSVLine(_ fields: [String], to bytes: inout ByteBuffer) {
        for (index, field) in fields.enumerated() {
            appendCSVField(field, first: index == 0, to: &bytes)
        }
        endCSVLine(&bytes)
    }

    /// One field of a CSV line, after a comma unless it is the `first`; a line
    /// written field by field makes no array of its fields (scores.csv's 80,000
    /// lines an evaluation).
    static func appendCSVField(_ field: String, first: Bool = false, to bytes: inout ByteBuffer) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        field.withUTF8Bytes { utf8 in
            // Bytes, not Characters: the four markers are ASCII.
            let quote = UInt8(ascii: "\"")
            guard utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == quote || $0 == 0x0A || $0 == 0x0D }) else {
                bytes.append(utf8)
                return
            }
            bytes.append(quote)
            for byte in utf8 {
                if byte == quote { bytes.append(quote) }
                bytes.append(byte)
            }
            bytes.append(quote)
        }
    }

    /// The CRLF that ends a CSV line.
    static func endCSVLine(_ bytes: inout ByteBuffer) {
        bytes.append(0x0D)
        bytes.append(0x0A)
    }

    /// A JSON string literal.
    static func jsonString(_ text: String) -> String {
        JSONText.quoted(text)
    }
}
