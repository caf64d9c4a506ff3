/// Kinds of personal information that must not reach a public page by accident
/// (政务公开 de-identification rules).
public enum PersonalDataKind: String, Sendable, CaseIterable, Hashable {
    case mobile = "mobile"           // mainland mobile numbers, 11 digits
    case idNumber = "id_number"      // 18-digit resident identity numbers
    case bankCard = "bank_card"      // 16–19 digit card numbers passing the Luhn check
    case webmail = "webmail"         // personal webmail addresses

    /// What users read in messages.
    public var label: String {
        switch self {
        case .mobile: "手机号码"
        case .idNumber: "居民身份证号码"
        case .bankCard: "银行卡号"
        case .webmail: "个人邮箱"
        }
    }
}

/// One piece of personal information found in a text.
public struct PersonalDataMatch: Sendable, Hashable {
    public var kind: PersonalDataKind
    public var text: String
    /// Offset (in characters) of the match in the text searched.
    public var offset: Int

    /// The de-identified form: 138****1234, 110101********123X, ****1234, z***@qq.com.
    public var masked: String {
        let characters = Array(text)
        switch kind {
        case .mobile:
            return String(characters.prefix(3)) + "****" + String(characters.suffix(4))
        case .idNumber:
            return String(characters.prefix(6)) + String(repeating: "*", count: 8) + String(characters.suffix(4))
        case .bankCard:
            return "****" + String(characters.suffix(4))
        case .webmail:
            guard let at = characters.firstIndex(of: "@"), at > 0 else { return "***" }
            return String(characters[0]) + "***" + String(characters[at...])
        }
    }
}
