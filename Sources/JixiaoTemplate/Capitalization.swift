/// `capitalized()` without Foundation, following Foundation's `String.capitalized`
/// (what swift-mustache calls): the first cased letter of each word is title-cased and
/// the letters after it lower-cased. A word ends at any character that is neither a
/// letter nor one of the few marks Foundation skips over (apostrophes, combining marks…).
enum Capitalization {
    static func capitalized(_ string: String) -> String {
        var result = ""
        result.reserveCapacity(string.utf8.count)
        var previousIsCased = false
        for scalar in string.unicodeScalars {
            let properties = scalar.properties
            switch properties.generalCategory {
            case .uppercaseLetter, .titlecaseLetter:
                if previousIsCased {
                    result += properties.lowercaseMapping
                } else {
                    result.unicodeScalars.append(scalar)
                }
                previousIsCased = true
            case .lowercaseLetter:
                if previousIsCased {
                    result.unicodeScalars.append(scalar)
                } else {
                    result += properties.titlecaseMapping
                }
                previousIsCased = true
            default:
                result.unicodeScalars.append(scalar)
                if !isCaseIgnorable(scalar, properties) {
                    previousIsCased = false
                }
            }
        }
        return result
    }

    /// Characters that neither start nor end a word.
    private static func isCaseIgnorable(_ scalar: Unicode.Scalar, _ properties: Unicode.Scalar.Properties) -> Bool {
        switch scalar.value {
        case 0x27, 0xAD, 0x2019: return true
        default: break
        }
        switch properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .modifierLetter, .modifierSymbol: return true
        default: return false
        }
    }
}
