import Foundation

/// Spreadsheet dates: serial day numbers shown through a date number format.
enum DateSerial {
    /// Built-in number formats that show dates or times (ECMA-376 18.8.30, plus
    /// the Chinese built-ins 27–36 and 50–58 Excel uses for 年月日).
    static let builtInDateFormats: Set<Int> = Set(14...22).union(27...36).union(45...47).union(50...58)

    /// True when a format code shows a date or time: it has y, m, d, h or s outside
    /// quoted text, `[…]` sections (colours, conditions, locale) and escapes.
    static func isDateFormat(_ code: String) -> Bool {
        var inQuotes = false
        var inBracket = false
        var escaped = false
        for character in code.lowercased() {
            if escaped { escaped = false; continue }
            switch character {
            case "\\": escaped = true
            case "\"": inQuotes.toggle()
            case "[": if !inQuotes { inBracket = true }
            case "]": if !inQuotes { inBracket = false }
            case "y", "m", "d", "h", "s", "年", "月", "日":
                if !inQuotes && !inBracket { return true }
            default: break
            }
        }
        return false
    }

    /// ISO text of a serial: "2019-08-22", or with a time "2019-08-22 10:30:00".
    /// Serials count days from 1899-12-30 (the 1900 system, whose fictitious
    /// 1900-02-29 is serial 60) or from 1904-01-01.
    static func isoText(_ serial: Decimal, date1904: Bool) -> String? {
        guard serial >= 0, serial < 2_958_466 else { return nil }
        var wholeDays = serial
        var rounded = Decimal()
        NSDecimalRound(&rounded, &wholeDays, 0, .down)
        let days = NSDecimalNumber(decimal: rounded).intValue
        let fraction = serial - rounded
        var secondsDecimal = fraction * 86400
        var secondsRounded = Decimal()
        NSDecimalRound(&secondsRounded, &secondsDecimal, 0, .plain)
        var seconds = NSDecimalNumber(decimal: secondsRounded).intValue
        var dayOffset: Int
        if date1904 {
            dayOffset = days + daysFromCivil(1904, 1, 1)
        } else {
            if days == 60 { return seconds == 0 ? "1900-02-29" : nil }
            dayOffset = days + daysFromCivil(1899, 12, days < 60 ? 31 : 30)
        }
        if seconds >= 86400 { seconds -= 86400; dayOffset += 1 }
        let (year, month, day) = civilFromDays(dayOffset)
        var text = String(format: "%04d-%02d-%02d", year, month, day)
        if seconds > 0 {
            text += String(format: " %02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
        }
        return text
    }

    // Howard Hinnant's civil calendar algorithms (proleptic Gregorian).
    static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    static func civilFromDays(_ z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp + (mp < 10 ? 3 : -9)
        return (m <= 2 ? y + 1 : y, m, d)
    }
}
