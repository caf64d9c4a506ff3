import JixiaoBytes
import JixiaoCore
import Testing
@testable import JixiaoSite

/// The CSV the downloads write (RFC 4180, CRLF, quoting only where needed), read
/// back by the reader results.csv goes through.
@Suite struct CSVWritingTests {
    @Test("fields are quoted only when they hold a comma, quote or line break; quotes doubled; CRLF after each line")
    func quoting() {
        #expect(Format.csvLine(["a", "甲,乙", "说\"好\"", "一\n二", "三\r四", "", "；分号"])
            == "a,\"甲,乙\",\"说\"\"好\"\"\",\"一\n二\",\"三\r四\",,；分号\r\n")
        #expect(Format.csvLine([]) == "\r\n")
        // A line written field by field is the same line.
        var bytes = ByteBuffer(capacity: 1)
        Format.appendCSVField("a", first: true, to: &bytes)
        for field in ["甲,乙", "说\"好\"", "一\n二", "三\r四", "", "；分号"] { Format.appendCSVField(field, to: &bytes) }
        Format.endCSVLine(&bytes)
        #expect(bytes.string() == Format.csvLine(["a", "甲,乙", "说\"好\"", "一\n二", "三\r四", "", "；分号"]))
    }

    @Test("what is written reads back as the same cells")
    func roundTrip() throws {
        let rows = [["unit", "reason", "note"], ["alpha", "缺报2期，已通报", "说\"好\""], ["beta", "第一行\n第二行", ""]]
        let text = rows.map(Format.csvLine).joined()
        let read = try CSVSource.parse(text: text, file: "t.csv")
        #expect(read.count == 2)
        #expect(read[0]["reason"]?.text == "缺报2期，已通报")
        #expect(read[0]["note"]?.text == "说\"好\"")
        #expect(read[1]["reason"]?.text == "第一行\n第二行")
        #expect(read[1]["note"]?.isNull == true)
    }
}
