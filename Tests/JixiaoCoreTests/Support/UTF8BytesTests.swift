import Foundation
import Testing
@testable import JixiaoCore

@Suite("UTF-8 read in place agrees with Swift's own decoding")
struct UTF8BytesTests {
    static let texts = ["", "a", "得分", "é\u{301}", "😀ａＢ", "x\n", "\u{7F}\u{80}\u{7FF}\u{800}\u{FFFF}\u{10000}\u{10FFFF}",
                        "末\u{3000}", "𠀀", "]("]

    @Test("each scalar, its length, the last one's start and whether a byte is there")
    func decoding() {
        for text in Self.texts {
            var copy = text
            copy.withUTF8 { bytes in
                var decoded: [UInt32] = []
                var index = 0
                while index < bytes.count {
                    let (value, length) = unicodeScalar(in: bytes, at: index)
                    #expect(length == String(Unicode.Scalar(value)!).utf8.count, "\(text)")
                    decoded.append(value)
                    index += length
                }
                #expect(decoded == text.unicodeScalars.map(\.value), "\(text)")
                let lastLength = text.unicodeScalars.last.map { String($0).utf8.count } ?? 0
                #expect(lastScalarStart(in: bytes) == max(bytes.count - lastLength, 0), "\(text)")
            }
            for byte in [UInt8(0x0A), 0x5D, 0x61, 0xE5, 0xBF, 0x00] {
                #expect(text.utf8Contains(byte) == text.utf8.contains(byte), "\(text) \(byte)")
            }
        }
    }
}
