/// A1-style cell references: column letters and 1-based row numbers.
public enum CellReference {
    /// 0-based column index → "A", "Z", "AA" …
    public static func columnName(_ index: Int) -> String {
        var number = index + 1
        var letters: [Character] = []
        while number > 0 {
            let remainder = (number - 1) % 26
            letters.append(Character(Unicode.Scalar(UInt8(65 + remainder))))
            number = (number - 1) / 26
        }
        return String(letters.reversed())
    }

    /// "C12" → (column 2, row 12); nil when malformed.
    public static func parse(_ reference: String) -> (column: Int, row: Int)? {
        var column = 0
        var row = 0
        var sawLetter = false
        var sawDigit = false
        for scalar in reference.unicodeScalars {
            let value = Int(scalar.value)
            switch value {
            case 36: continue // "$" of absolute references
            case 65...90, 97...122:
                guard !sawDigit else { return nil }
                sawLetter = true
                column = column * 26 + (value & ~0x20) - 64
                if column > 16384 { return nil }
            case 48...57:
                guard sawLetter else { return nil }
                sawDigit = true
                row = row * 10 + value - 48
                if row > 1_048_576 { return nil }
            default: return nil
            }
        }
        guard sawLetter, sawDigit, row > 0 else { return nil }
        return (column - 1, row)
    }

    /// "A1:C3" → the corners (0-based columns, 1-based rows).
    public static func parseRange(_ range: String) -> (first: (column: Int, row: Int), last: (column: Int, row: Int))? {
        let parts = range.split(separator: ":")
        guard let first = parts.first.flatMap({ parse(String($0)) }) else { return nil }
        if parts.count == 1 { return (first, first) }
        guard parts.count == 2, let last = parse(String(parts[1])) else { return nil }
        return (first, last)
    }
}
