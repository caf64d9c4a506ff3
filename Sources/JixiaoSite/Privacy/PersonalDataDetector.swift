import JixiaoBytes

/// Finds personal information in text: mobile numbers, resident ID numbers
/// (checksum verified), bank card numbers (Luhn verified) and personal webmail
/// addresses. A run of digits is judged as a whole, so a long reference number
/// is not mistaken for a phone number inside it.
public enum PersonalDataDetector {
    /// Mail domains of personal accounts; official addresses (gov.cn, org) are not matched.
    static let webmailDomains: Set<String> = [
        "qq.com", "vip.qq.com", "foxmail.com", "163.com", "126.com", "yeah.net", "vip.163.com", "sina.com",
        "sina.cn", "sohu.com", "139.com", "189.cn", "wo.cn", "aliyun.com", "gmail.com", "hotmail.com",
        "outlook.com", "live.com", "yahoo.com", "icloud.com", "me.com",
    ]

    public static func find(in text: String) -> [PersonalDataMatch] {
        guard mayContain(text) else { return [] }
        var matches: [PersonalDataMatch] = []
        let characters = Array(text)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character.isASCII && character.isNumber {
                var end = index
                while end < characters.count, characters[end].isASCII, characters[end].isNumber { end += 1 }
                // An ID number may end in X.
                if end - index == 17, end < characters.count, characters[end] == "X" || characters[end] == "x" { end += 1 }
                let run = String(characters[index..<end])
                if let kind = classify(digits: run) {
                    matches.append(PersonalDataMatch(kind: kind, text: run, offset: index))
                }
                index = end
            } else if character == "@" {
                if let match = webmail(in: characters, at: index) { matches.append(match) }
                index += 1
            } else {
                index += 1
            }
        }
        return matches
    }

    /// A quick byte scan: every kind needs either a run of at least 11 ASCII
    /// digits or an "@", and most content has neither, so the character-by-
    /// character search can be skipped (it was a tenth of a large build).
    static func mayContain(_ text: String) -> Bool {
        // On the bytes in place: a large results table is megabytes.
        text.withUTF8Bytes { bytes in
            var run = 0
            for byte in bytes {
                if byte &- 0x30 <= 9 {
                    run += 1
                    if run >= 11 { return true }
                } else {
                    if byte == 0x40 { return true }
                    run = 0
                }
            }
            return false
        }
    }

    static func classify(digits run: String) -> PersonalDataKind? {
        let digits = Array(run)
        if digits.count == 11, digits[0] == "1", "3456789".contains(digits[1]) { return .mobile }
        if digits.count == 18, isResidentID(digits) { return .idNumber }
        if (16...19).contains(digits.count), digits.allSatisfy(\.isNumber), passesLuhn(digits), !isAllSame(digits) {
            return .bankCard
        }
        return nil
    }

    /// GB 11643 check digit, plus a plausible birth date.
    static func isResidentID(_ digits: [Character]) -> Bool {
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        let checks: [Character] = ["1", "0", "X", "9", "8", "7", "6", "5", "4", "3", "2"]
        var sum = 0
        for (digit, weight) in zip(digits.prefix(17), weights) {
            guard let value = digit.wholeNumberValue else { return false }
            sum += value * weight
        }
        guard Character(digits[17].uppercased()) == checks[sum % 11] else { return false }
        guard let year = Int(String(digits[6..<10])), let month = Int(String(digits[10..<12])),
              let day = Int(String(digits[12..<14])) else { return false }
        return (1900...2100).contains(year) && (1...12).contains(month) && (1...31).contains(day)
    }

    static func passesLuhn(_ digits: [Character]) -> Bool {
        var sum = 0
        for (position, digit) in digits.reversed().enumerated() {
            guard var value = digit.wholeNumberValue else { return false }
            if position % 2 == 1 {
                value *= 2
                if value > 9 { value -= 9 }
            }
            sum += value
        }
        return sum % 10 == 0
    }

    static func isAllSame(_ digits: [Character]) -> Bool {
        digits.allSatisfy { $0 == digits[0] }
    }

    static func webmail(in characters: [Character], at: Int) -> PersonalDataMatch? {
        func isLocal(_ c: Character) -> Bool { c.isASCII && (c.isLetter || c.isNumber || "._%+-".contains(c)) }
        func isDomain(_ c: Character) -> Bool { c.isASCII && (c.isLetter || c.isNumber || c == "." || c == "-") }
        var start = at
        while start > 0, isLocal(characters[start - 1]) { start -= 1 }
        var end = at + 1
        while end < characters.count, isDomain(characters[end]) { end += 1 }
        guard start < at else { return nil }
        var domain = String(characters[(at + 1)..<end]).lowercased()
        while domain.hasSuffix(".") { domain.removeLast(); end -= 1 }
        guard webmailDomains.contains(domain) else { return nil }
        return PersonalDataMatch(kind: .webmail, text: String(characters[start..<end]), offset: start)
    }
}
