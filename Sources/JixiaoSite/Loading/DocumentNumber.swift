import JixiaoCore

/// Checks a 文号 such as `桂粮发〔2019〕51号`: the year stands in 〔〕 (GB/T 9704),
/// not in [] or () or with a bracket lost in copying.
enum DocumentNumber {
    static func check(_ number: String, at location: SourceLocation) -> [Diagnostic] {
        let hint = "文号中的年份用六角括号〔〕，例如 桂粮发〔2019〕51号。"
        let wrongBrackets: [Character] = ["[", "]", "(", ")", "（", "）", "【", "】", "［", "］"]
        if number.contains(where: { wrongBrackets.contains($0) }) {
            return [.error(at: location, "文号“\(number)”的年份括号不规范", hint: hint)]
        }
        let opens = number.filter { $0 == "〔" }.count
        let closes = number.filter { $0 == "〕" }.count
        if opens != 1 || closes != 1 {
            return [.error(at: location, "文号“\(number)”缺少或多出〔〕", hint: hint)]
        }
        return []
    }
}
