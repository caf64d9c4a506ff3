import JixiaoBytes
import CJixiaoDeflate
import Foundation
@testable import JixiaoCore
import JixiaoSite
import Testing
import ZIPFoundation
@testable import JixiaoInterchange
import JixiaoZIP

/// A small evaluated site: three units, two indicators (from the site tests' minimal content).
enum SampleSite {
    static let files: [String: String] = [
        "content/site.yaml": """
            title: 测试站点
            host: 测试局
            organizer: 测试局办公室
            site_code: "0000000000"
            icp: 示例ICP备00000000号
            police_record: 示例公网安备00000000000000号
            """,
        "content/2020-test/evaluation.yaml": """
            title: 2020年度测试考核
            year: 2020
            sample_data: true
            unit_kind: 单位
            units:
              - { slug: alpha, name: 甲单位 }
              - { slug: beta, name: 乙单位 }
              - { slug: gamma, name: 丙单位 }
            grading:
              pass_line: 6
              excellent_quota: 1/3
            """,
        "content/2020-test/indicators.yaml": """
            total: 10
            indicators:
              - id: A
                name: 组织培训
                points: 4
                criteria: 组织培训，未组织的扣4分。
                rule: { kind: binary }
              - id: B
                name: 按期报送
                points: 6
                criteria: 每缺报一期扣0.5分，扣完为止。
                rule: { kind: per_occurrence, deduction: 0.5 }
            """,
        "content/2020-test/results.csv": """
            unit,indicator,self,pass,count,reason
            alpha,A,4,true,,
            alpha,B,6,,1,缺报1期
            beta,A,4,false,,未组织培训
            beta,B,5,,2,缺报2期
            gamma,A,4,true,,
            gamma,B,6,,0,
            """,
    ]

    static func make() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        for (path, text) in files { try folder.write(path, text) }
        return folder
    }

    static func result(_ folder: TemporaryFolder, slug: String = "2020-test") throws -> EvaluationResult {
        let site: EvaluatedSite
        do throws(DiagnosticsError) {
            site = try SiteBuilder.evaluate(root: folder.url).0
        } catch {
            throw TestFailure(error.description)
        }
        guard let evaluation = site.evaluations.first(where: { $0.slug == slug }) else { throw TestFailure("no \(slug)") }
        return evaluation.result
    }
}

/// Runs a program and returns its standard output; fails on a non-zero exit.
func run(_ arguments: [String], in folder: URL? = nil) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    if let folder { process.currentDirectoryURL = folder }
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    let errorData = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw TestFailure("\(arguments.joined(separator: " ")) exited \(process.terminationStatus): " + String(decoding: errorData, as: UTF8.self))
    }
    return String(decoding: data, as: UTF8.self)
}

@Suite(.serialized) struct ExportTests {
    @Test("XML escaping: markup and forbidden characters, and Chinese text left as it is", arguments: [
        ("得分，扣分：0.5", "得分，扣分：0.5"), ("a<b & \"c\">", "a&lt;b &amp; &quot;c&quot;&gt;"),
        ("x\u{1}y\u{FFFE}z\u{FFFF}", "xyz"), ("行一\n行二\t", "行一\n行二\t"), ("\u{FFFD}\u{EFBF}", "\u{FFFD}\u{EFBF}"),
        ("\u{FFFF}", ""), ("末\u{FFFE}", "末"), ("&", "&amp;"), ("\u{FEFF}\u{FFEF}", "\u{FEFF}\u{FFEF}"),
    ])
    func xmlEscaping(text: String, expected: String) {
        #expect(XLSXPackage.escape(text) == expected)
        // Written into a sheet's bytes after what is there.
        var bytes = ByteBuffer(capacity: 1)
        bytes.append("<t>")
        XLSXPackage.appendEscaped(text, to: &bytes)
        #expect(bytes.string() == "<t>" + expected)
    }

    @Test("sheet XML numbers are written as their decimal digits, and columns are as wide as those",
          arguments: [0, 7, 9, 10, 99, 100, 123_456_789, -1, -42, Int.max, Int.min])
    func numberBytes(number: Int) {
        // From a block of the least capacity, filled to its end first, so the digits make it grow.
        var bytes = ByteBuffer(capacity: 1)
        bytes.append(String(repeating: "r", count: 63) + "=")
        bytes.appendDigits(number)
        #expect(bytes.string() == String(repeating: "r", count: 63) + "=\(number)")
        #expect(digitCount(number) == String(number).count)
    }

    @Test("a workbook's fingerprint changes with every property it is written from, and only with those")
    func workbookFingerprint() {
        let sheet = XLSXWorkbook.Sheet(name: "排名", title: "标题", header: ["单位", "总分"],
                                       rows: [[.text("甲"), .number("92.5")], [.empty, .integer(3)]], wrapColumns: [1])
        let base = XLSXWorkbook(sheets: [sheet], precision: 2)
        #expect(XLSXWorkbook(sheets: [sheet], precision: 2).fingerprint == base.fingerprint)
        var variants: [XLSXWorkbook] = []
        func vary(_ change: (inout XLSXWorkbook) -> Void) {
            var workbook = base
            change(&workbook)
            variants.append(workbook)
        }
        vary { $0.precision = 1 }
        vary { $0.sheets[0].name = "得分" }
        vary { $0.sheets[0].title = nil }
        vary { $0.sheets[0].title = "" }
        vary { $0.sheets[0].header = ["单位总分"] }
        vary { $0.sheets[0].wrapColumns = [] }
        vary { $0.sheets[0].rows[0][1] = .text("92.5") }
        vary { $0.sheets[0].rows[1][0] = .text("") }
        vary { $0.sheets[0].rows[1][1] = .integer(4) }
        vary { $0.sheets[0].rows.append([]) }
        vary { $0.sheets.append(sheet) }
        let fingerprints = [base.fingerprint] + variants.map(\.fingerprint)
        #expect(Set(fingerprints).count == fingerprints.count, "every change gives another fingerprint")
    }

    @Test("sheet XML: columns as wide as their widest line (CJK counts two), cells in order with their styles and shared strings")
    func sheetXML() throws {
        let sheet = XLSXWorkbook.Sheet(name: "表", title: "标题", header: ["单位", "总分", "备注"], rows: [
            [.text("甲局"), .number("92.35"), .text("第一行\n较长的第二行")],
            [.text("乙"), .integer(12345), .empty],
            [.text("甲局")],
        ], wrapColumns: [2])
        var strings = SharedStrings()
        var pieces = 0
        var bytes: [UInt8] = []
        try XLSXSheetWriter.xml(sheet, strings: &strings) { bytes += $0; pieces += 1 }
        let xml = String(decoding: bytes, as: UTF8.self)
        #expect(pieces == 1)
        // 单位 4 and 甲局 4 → at least 6; 92.35 is 5 + 2; the wrapped column's widest line is 较长的第二行, 12.
        #expect(xml.contains("<cols><col min=\"1\" max=\"1\" width=\"6\" customWidth=\"1\"/><col min=\"2\" max=\"2\" width=\"9\" customWidth=\"1\"/>"
            + "<col min=\"3\" max=\"3\" width=\"14\" customWidth=\"1\"/></cols>"))
        let (title, header, text, wrapped) = (XLSXStyles.title, XLSXStyles.header, XLSXStyles.text, XLSXStyles.wrappedText)
        let rows: [String] = [
            "<sheetData><row r=\"1\" ht=\"28\" customHeight=\"1\"><c r=\"A1\" s=\"\(title)\" t=\"s\"><v>0</v></c></row>",
            "<row r=\"2\"><c r=\"A2\" s=\"\(header)\" t=\"s\"><v>1</v></c><c r=\"B2\" s=\"\(header)\" t=\"s\"><v>2</v></c>",
            "<c r=\"C2\" s=\"\(header)\" t=\"s\"><v>3</v></c></row>",
            "<row r=\"3\"><c r=\"A3\" s=\"\(text)\" t=\"s\"><v>4</v></c><c r=\"B3\" s=\"\(XLSXStyles.number)\"><v>92.35</v></c>",
            "<c r=\"C3\" s=\"\(wrapped)\" t=\"s\"><v>5</v></c></row>",
            "<row r=\"4\"><c r=\"A4\" s=\"\(text)\" t=\"s\"><v>6</v></c><c r=\"B4\" s=\"\(XLSXStyles.integer)\"><v>12345</v></c>",
            "<c r=\"C4\" s=\"\(wrapped)\"/></row>",
            "<row r=\"5\"><c r=\"A5\" s=\"\(text)\" t=\"s\"><v>4</v></c><c r=\"B5\" s=\"\(text)\"/><c r=\"C5\" s=\"\(wrapped)\"/></row>",
            "</sheetData><mergeCells count=\"1\"><mergeCell ref=\"A1:C1\"/></mergeCells>",
        ]
        #expect(xml.contains(rows.joined()))
        #expect(strings.strings == ["标题", "单位", "总分", "备注", "甲局", "第一行\n较长的第二行", "乙"])
        #expect(strings.uses == 8)
    }

    @Test("text measured on bytes: widths as counted by scalars (CJK two), whitespace as Unicode's property")
    func textOnBytes() {
        for text in ["", "abc", "甲局", "第一行\n较长的第二行", "𠀀𠀁x", "é\u{301}ü", "😀ａＢ", "a\n\nb", "\u{3000}全角空格\u{3000}",
                     String(repeating: "长", count: 40), String(repeating: "ab\n", count: 30)] {
            var widest = 0, current = 0
            for scalar in text.unicodeScalars {
                if scalar == "\n" { (widest, current) = (max(widest, current), 0) } else { current += XLSXSheetWriter.isWide(scalar) ? 2 : 1 }
            }
            #expect(XLSXSheetWriter.widestLine(text) == min(XLSXSheetWriter.widestColumn, max(widest, current)), "\(text)")
        }
        #expect(XLSXSheetWriter.widestLine(String(repeating: "长", count: 40), upTo: 1_000) == 80)
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if XLSXPackage.isWhitespace(value) != scalar.properties.isWhitespace { Issue.record("U+\(String(value, radix: 16))") }
        }
        #expect(XLSXPackage.preservesSpace("\u{3000}甲") && XLSXPackage.preservesSpace("甲 ") && XLSXPackage.preservesSpace("甲\n乙"))
        #expect(!XLSXPackage.preservesSpace("甲 乙") && !XLSXPackage.preservesSpace(""))
    }

    @Test("a unit's rows written on their own: no row or cell references, texts inline (spaces kept), widths over every unit")
    func groupedRowsXML() throws {
        var rows: ArraySlice<Int> = []
        var xml = ByteBuffer(capacity: 1)
        let styles = [XLSXStyles.text, XLSXStyles.wrappedText]
        try XLSXSheetWriter.writeRows([[.text("甲局"), .text(" a<b\n")], [.integer(3), .empty], [.number("1.50")]],
                                      columnCount: 2, styles: styles, firstRow: nil, textIDs: &rows, xml: &xml, chunkSize: .max) { _ in }
        let (text, wrapped) = (XLSXStyles.text, XLSXStyles.wrappedText)
        #expect(xml.string() == [
            "<row><c s=\"\(text)\" t=\"inlineStr\"><is><t>甲局</t></is></c>",
            "<c s=\"\(wrapped)\" t=\"inlineStr\"><is><t xml:space=\"preserve\"> a&lt;b\n</t></is></c></row>",
            "<row><c s=\"\(XLSXStyles.integer)\"><v>3</v></c><c s=\"\(wrapped)\"/></row>",
            "<row><c s=\"\(XLSXStyles.number)\"><v>1.50</v></c><c s=\"\(wrapped)\"/></row>",
        ].joined())

        // The widest content of any unit sets a column's width, as in a sheet written in one piece.
        let sheet = XLSXWorkbook.Sheet(name: "表", title: "标题", header: ["单位", "备注"], rows: [
            [.text("甲"), .text("短")], [.text("乙单位的很长名称"), .empty], [.text("丙"), .text("较长的一段备注")],
        ], wrapColumns: [1], groupSizes: [1, 2, 0])
        var sheetByUnit = sheet
        sheetByUnit.groupsPerSegment = 1
        var strings = SharedStrings()
        var whole: [UInt8] = []
        try XLSXSheetWriter.xml(sheet, strings: &strings) { whole += $0 }
        let grouped = try XLSXSheetParts.segments(sheetByUnit, groupSizes: [1, 2, 0], number: 0, keys: nil, previous: nil)
        #expect(grouped.parts.map(\.widths) == [[2, 2], [16, 14], [0, 0]])
        let cols = "<cols><col min=\"1\" max=\"1\" width=\"18\" customWidth=\"1\"/><col min=\"2\" max=\"2\" width=\"16\" customWidth=\"1\"/></cols>"
        #expect(String(decoding: whole, as: UTF8.self).contains(cols))
        #expect(grouped.segments.count == 5, "head, three units, tail")
        // Units together in a segment: the widest of each column over them.
        let together = try XLSXSheetParts.segments(sheet, groupSizes: [1, 2, 0], number: 0, keys: nil, previous: nil)
        #expect(together.parts.map(\.widths) == [[16, 14]])
        #expect(together.segments.count == 3, "head, the three units, tail")

        // A column is measured only until it is as wide as it gets (its cap less the
        // margin): the widths are the sheet's written in one piece.
        let long = XLSXWorkbook.Sheet(name: "表", title: nil, header: ["单位", "备注"], rows: [
            [.text(String(repeating: "长", count: 30)), .text(String(repeating: "长", count: 60))], [.text("短"), .text("短")],
        ], wrapColumns: [1], groupSizes: [2])
        let longParts = try XLSXSheetParts.segments(long, groupSizes: [2], number: 0, keys: nil, previous: nil)
        #expect(longParts.parts.map(\.widths) == [[38, 48]])
        var longWhole: [UInt8] = []
        var longStrings = SharedStrings()
        try XLSXSheetWriter.xml(long, strings: &longStrings) { longWhole += $0 }
        let capped = "<cols><col min=\"1\" max=\"1\" width=\"40\" customWidth=\"1\"/><col min=\"2\" max=\"2\" width=\"50\" customWidth=\"1\"/></cols>"
        #expect(String(decoding: longWhole, as: UTF8.self).contains(capped))
        var opening = ByteBuffer(capacity: 1)
        XLSXSheetWriter.writeOpening(long, columnCount: 2, widths: [38, 48], to: &opening)
        #expect(opening.string().contains(capped))
    }

    /// A scores-like workbook of three units (two rows each), each unit's rows a
    /// segment of their own unless told otherwise.
    static func unitsWorkbook(_ beta: String = "4.00", groupsPerSegment: Int = 1) -> XLSXWorkbook {
        let rows: [[XLSXWorkbook.Cell]] = [
            [.text("alpha"), .text("甲单位"), .number("10.00")], [.text("alpha"), .text("组织培训"), .number("4.00")],
            [.text("beta"), .text("乙单位"), .number("9.00")], [.text("beta"), .text("组织培训"), .number(beta)],
            [.text("gamma"), .text("丙单位"), .number("5.00")], [.text("gamma"), .text("组织培训\n未组织"), .empty],
        ]
        var scores = XLSXWorkbook.Sheet(name: "得分明细", title: "得分明细（示例数据）", header: ["代码", "名称", "得分"], rows: rows,
                                        wrapColumns: [1], groupSizes: [2, 2, 2])
        scores.groupsPerSegment = groupsPerSegment
        let other = XLSXWorkbook.Sheet(name: "指标体系", title: nil, header: ["指标"], rows: [[.text("组织培训")]])
        return XLSXWorkbook(sheets: [scores, other], precision: 2)
    }

    @Test("a workbook made unit by unit copies unchanged units from the previous file, and is the bytes of one made whole")
    func unitPartsReused() throws {
        let keys = ["k-alpha", "k-beta", "k-gamma"]
        let first = try Self.unitsWorkbook().data(keys: keys, previous: nil)
        #expect(first.data == (try Self.unitsWorkbook().data()))
        #expect(Set(first.parts.map(\.key)).count == 3, "a part for each unit")

        // beta changed: its key too.
        let changedKeys = ["k-alpha", "k-beta2", "k-gamma"]
        let second = try Self.unitsWorkbook("3.50").data(keys: changedKeys, previous: PreviousDownload(file: first.data, parts: first.parts))
        let expected = try Self.unitsWorkbook("3.50").data()
        #expect(second.data == expected)

        // Copied, not made: a workbook whose beta differs under alpha's and gamma's old keys still gets their old rows.
        var lying = Self.unitsWorkbook("3.50")
        lying.sheets[0].rows[1][2] = .number("0.00")
        let copied = try lying.data(keys: changedKeys, previous: PreviousDownload(file: first.data, parts: first.parts))
        #expect(copied.data == expected, "alpha's rows came from the previous file")
        // …unless the previous file's bytes of that part changed.
        var damaged = first.data
        let alpha = try #require(first.parts.first)
        damaged[alpha.offset + alpha.length / 2] ^= 0xFF
        let remade = try lying.data(keys: changedKeys, previous: PreviousDownload(file: damaged, parts: first.parts))
        #expect(remade.data == (try lying.data()))
        #expect(remade.data != expected)

        // The joined segments are one valid stream with the right CRC, and the sheet reads
        // back as the same sheet written in one piece (shared strings, references) does.
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let file = folder.url.appendingPathComponent("scores.xlsx"), plainFile = folder.url.appendingPathComponent("plain.xlsx")
        try second.data.write(to: file)
        var plain = Self.unitsWorkbook("3.50")
        plain.sheets[0].groupSizes = nil
        try plain.data().write(to: plainFile)
        let script = """
            import json, sys, zipfile, openpyxl
            def read(path):
                wb = openpyxl.load_workbook(path)
                ws = wb.worksheets[0]
                return {"rows": [[c.value for c in r] for r in ws.iter_rows()], "freeze": ws.freeze_panes,
                        "merged": [str(m) for m in ws.merged_cells.ranges],
                        "widths": [ws.column_dimensions[c].width for c in "ABC"],
                        "styles": [[c.style_id for c in r] for r in ws.iter_rows()],
                        "other": [[c.value for c in r] for r in wb.worksheets[1].iter_rows()]}
            grouped, plain = read(sys.argv[1]), read(sys.argv[2])
            print(json.dumps({"bad": zipfile.ZipFile(sys.argv[1]).testzip(), "same": grouped == plain, "rows": grouped["rows"],
                              "widths": grouped["widths"], "other": grouped["other"]}, ensure_ascii=False))
            """
        let python = ProcessInfo.processInfo.environment["JIXIAO_PYTHON"] ?? "python3"
        let json = try #require(try JSONSerialization.jsonObject(with: Data(try run([python, "-c", script, file.path, plainFile.path]).utf8)) as? [String: Any])
        #expect(json["bad"] is NSNull)
        #expect(json["same"] as? Bool == true, "cells, styles, widths, frozen header and merged title as written in one piece")
        // 代码 and alpha, the widest line of 组织培训\n未组织 (CJK two each), 10.00 as a number: each + 2.
        #expect((json["widths"] as? [NSNumber])?.map(\.intValue) == [7, 10, 9])
        let rows = try #require(json["rows"] as? [[Any]])
        #expect(rows.count == 8)
        #expect(rows[0].first as? String == "得分明细（示例数据）")
        #expect(rows[1].compactMap { $0 as? String } == ["代码", "名称", "得分"])
        #expect(rows[5].compactMap { $0 as? String } == ["beta", "组织培训"])
        #expect((rows[5][2] as? NSNumber)?.doubleValue == 3.5)
        #expect(rows[7][1] as? String == "组织培训\n未组织")
        #expect(rows[7][2] is NSNull)
        #expect((json["other"] as? [[Any]])?.last?.first as? String == "组织培训")
    }

    /// The groups a sheet made (`makeGroup` is called from several threads).
    final class MadeGroups: @unchecked Sendable {
        private let lock = NSLock()
        private var groups: [Int] = []
        func add(_ group: Int) { lock.withLock { groups.append(group) } }
        func take() -> [Int] { lock.withLock { defer { groups = [] }; return groups.sorted() } }
    }

    /// `unitsWorkbook` with its units' rows made only when written, each call of `makeGroup` recorded.
    static func unitsWorkbookMadeWhenWritten(_ beta: String = "4.00", groupsPerSegment: Int = 1, made: MadeGroups,
                                             change: @escaping @Sendable ([[XLSXWorkbook.Cell]]) -> [[XLSXWorkbook.Cell]] = { $0 }) -> XLSXWorkbook {
        var workbook = unitsWorkbook(beta, groupsPerSegment: groupsPerSegment)
        let rows = workbook.sheets[0].rows
        workbook.sheets[0].rows = Array(repeating: [], count: rows.count)
        workbook.sheets[0].makeGroup = { group in
            made.add(group)
            return change(Array(rows[group * 2 ..< group * 2 + 2]))
        }
        return workbook
    }

    @Test("shared texts: written once at the head of the shared strings, referred to by number in a unit's rows, read back as the texts")
    func sharedTextsReadBackAsTexts() throws {
        // A unit's rows: a shared text is a reference without a row or cell reference, like the other cells there.
        var noTextIDs: ArraySlice<Int> = []
        var xml = ByteBuffer(capacity: 1)
        try XLSXSheetWriter.writeRows([[.sharedText(1), .text("甲")]], columnCount: 2, styles: [XLSXStyles.text, XLSXStyles.text],
                                      firstRow: nil, textIDs: &noTextIDs, sharedIDs: [7, 9], xml: &xml, chunkSize: .max) { _ in }
        #expect(xml.string()
            == "<row><c s=\"\(XLSXStyles.text)\" t=\"s\"><v>9</v></c><c s=\"\(XLSXStyles.text)\" t=\"inlineStr\"><is><t>甲</t></is></c></row>")

        // The units workbook with its codes and names shared, against the same one with them inline.
        let texts = ["alpha", "甲单位", "beta", "乙单位", "gamma", "丙单位", "组织培训"]
        var shared = Self.unitsWorkbook()
        shared.sheets[0].sharedTexts = texts
        for row in shared.sheets[0].rows.indices {
            for column in 0..<2 {
                if case .text(let text) = shared.sheets[0].rows[row][column], let place = texts.firstIndex(of: text) {
                    shared.sheets[0].rows[row][column] = .sharedText(place)
                }
            }
        }
        let keys = ["k-alpha", "k-beta", "k-gamma"]
        let made = try shared.data(keys: keys, previous: nil)
        #expect(made.data == (try shared.data()), "made unit by unit or whole, the same bytes")
        // A renamed unit changes every part's key: the ids in the rows may have moved.
        var renamed = shared
        renamed.sheets[0].sharedTexts[1] = "甲单位（新）"
        let remade = try renamed.data(keys: keys, previous: PreviousDownload(file: made.data, parts: made.parts))
        #expect(Set(remade.parts.map(\.key)).isDisjoint(with: made.parts.map(\.key)))
        #expect(remade.data == (try renamed.data()))

        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let sharedFile = folder.url.appendingPathComponent("shared.xlsx"), inlineFile = folder.url.appendingPathComponent("inline.xlsx")
        try made.data.write(to: sharedFile)
        try Self.unitsWorkbook().data().write(to: inlineFile)
        let script = """
            import json, sys, zipfile, re, openpyxl
            def read(path):
                wb = openpyxl.load_workbook(path)
                return [([[c.value for c in r] for r in ws.iter_rows()], [[c.style_id for c in r] for r in ws.iter_rows()],
                         [ws.column_dimensions[c].width for c in "ABC"]) for ws in wb.worksheets]
            sst = zipfile.ZipFile(sys.argv[1]).read("xl/sharedStrings.xml").decode()
            sheet = zipfile.ZipFile(sys.argv[1]).read("xl/worksheets/sheet1.xml").decode()
            print(json.dumps({"same": read(sys.argv[1]) == read(sys.argv[2]),
                              "strings": re.findall(r"<t[^>]*>([^<]*)</t>", sst),
                              "count": int(re.search(r' count="(\\d+)"', sst).group(1)),
                              "references": len(re.findall(r't="s"', sheet))}, ensure_ascii=False))
            """
        let python = ProcessInfo.processInfo.environment["JIXIAO_PYTHON"] ?? "python3"
        let json = try #require(try JSONSerialization.jsonObject(with: Data(try run([python, "-c", script, sharedFile.path, inlineFile.path]).utf8)) as? [String: Any])
        #expect(json["same"] as? Bool == true, "values, styles and widths as with the texts inline")
        let strings = try #require(json["strings"] as? [String])
        #expect(Array(strings.prefix(texts.count)) == texts, "the shared texts head the table, in order")
        // Eleven shared references (the codes, and all names but the two-line one); the
        // scores sheet's title and header are inline like its rows'; the other sheet
        // refers to its header and its one cell.
        #expect(json["references"] as? Int == 11)
        #expect(json["count"] as? Int == 11 + 2, "the table counts every reference")
    }

    @Test("a sheet whose units' rows are made when written: only the units not copied are made, and the bytes are the same")
    func groupsMadeWhenWritten() throws {
        let keys = ["k-alpha", "k-beta", "k-gamma"]
        let made = MadeGroups()
        let first = try Self.unitsWorkbookMadeWhenWritten(made: made).data(keys: keys, previous: nil)
        #expect(first.data == (try Self.unitsWorkbook().data()))
        #expect(made.take() == [0, 1, 2])

        let second = try Self.unitsWorkbookMadeWhenWritten("3.50", made: made)
            .data(keys: ["k-alpha", "k-beta2", "k-gamma"], previous: PreviousDownload(file: first.data, parts: first.parts))
        #expect(second.data == (try Self.unitsWorkbook("3.50").data()))
        #expect(made.take() == [1], "alpha and gamma were copied, not made")

        // Rows wider than the header would change the sheet's columns, known before they are made: no workbook.
        let wide = Self.unitsWorkbookMadeWhenWritten(made: made) { $0.map { $0 + [.text("多")] } }
        #expect(throws: (any Error).self) { try wide.data(keys: keys, previous: nil) }
        // Nor from rows fewer than the group's size.
        let short = Self.unitsWorkbookMadeWhenWritten(made: made) { Array($0.prefix(1)) }
        #expect(throws: (any Error).self) { try short.data(keys: keys, previous: nil) }

        // The scores sheet made either way gives the same file.
        let (site, _) = try SiteBuilder.evaluate(root: Fixtures.repository)
        for result in site.evaluations.map(\.result) where !result.units.isEmpty {
            let whole = try ExportTables.workbook(result, table: .scores).data()
            let unitKeys = result.units.map(\.unit.slug)
            #expect(try ExportTables.workbook(result, table: .scores, groupsMadeWhenWritten: true)
                .data(keys: unitKeys, previous: nil).data == whole, "\(result.settings.title)")
        }
    }

    @Test("units compressed together: a changed unit makes its segment's units again, copies the others, and the bytes are the same")
    func unitsSharingASegment() throws {
        #expect(XLSXSheetParts.segmentSpans(groupCount: 5, groupsPerSegment: 2) == [0..<2, 2..<4, 4..<5])
        #expect(XLSXSheetParts.segmentSpans(groupCount: 3, groupsPerSegment: 0) == [0..<1, 1..<2, 2..<3])
        #expect(XLSXSheetParts.segmentSpans(groupCount: 0, groupsPerSegment: 16).isEmpty)

        let keys = ["k-alpha", "k-beta", "k-gamma"]
        let made = MadeGroups()
        let first = try Self.unitsWorkbookMadeWhenWritten(groupsPerSegment: 2, made: made).data(keys: keys, previous: nil)
        #expect(first.data == (try Self.unitsWorkbook(groupsPerSegment: 2).data()), "made in parts or whole, the same bytes")
        #expect(first.data != (try Self.unitsWorkbook().data()), "compressed otherwise")
        #expect(made.take() == [0, 1, 2])
        #expect(first.parts.count == 2, "alpha and beta, then gamma")

        // gamma changed: alpha and beta are copied.
        let gammaChanged = ["k-alpha", "k-beta", "k-gamma2"]
        let second = try Self.unitsWorkbookMadeWhenWritten(groupsPerSegment: 2, made: made)
            .data(keys: gammaChanged, previous: PreviousDownload(file: first.data, parts: first.parts))
        #expect(second.data == first.data)
        #expect(made.take() == [2])
        // beta changed: alpha, in beta's segment, is made again too; gamma is copied.
        let betaChanged = ["k-alpha", "k-beta2", "k-gamma"]
        let third = try Self.unitsWorkbookMadeWhenWritten("3.50", groupsPerSegment: 2, made: made)
            .data(keys: betaChanged, previous: PreviousDownload(file: first.data, parts: first.parts))
        #expect(third.data == (try Self.unitsWorkbook("3.50", groupsPerSegment: 2).data()))
        #expect(made.take() == [0, 1])
        // A segment's key is its units' keys together: none is another segment's.
        #expect(Set(third.parts.map(\.key)).intersection(first.parts.map(\.key)).count == 1, "gamma's")
    }

    @Test("an incremental build's scores.xlsx and scores.csv, made unit by unit, are a clean build's bytes")
    func incrementalSpreadsheets() throws {
        let folder = try SampleSite.make()
        defer { folder.remove() }
        func build(cached: Bool) throws -> URL {
            let output = folder.url.appendingPathComponent(cached ? "site" : "clean")
            var options = SiteBuilder.Options(root: folder.url, output: output, extraDownloads: SpreadsheetDownloads.formats)
            options.audience = .internal // where the ranking and its downloads are published
            options.cache = cached ? folder.url.appendingPathComponent(".jixiao-cache") : nil
            do throws(DiagnosticsError) {
                _ = try SiteBuilder.build(options)
            } catch {
                throw TestFailure(error.description)
            }
            return output
        }
        let results = folder.url.appendingPathComponent("content/2020-test/results.csv")
        let table = try String(contentsOf: results, encoding: .utf8)
        for (step, edit) in [("first build", "beta,B,5,,2,缺报2期"), ("beta's count", "beta,B,5,,3,缺报3期"),
                             ("beta's reason", "beta,B,5,,3,缺报第3期")] {
            try table.replacingOccurrences(of: "beta,B,5,,2,缺报2期", with: edit).write(to: results, atomically: true, encoding: .utf8)
            let site = try build(cached: true)
            let clean = try build(cached: false)
            for name in ["scores.xlsx", "scores.csv", "ranking.xlsx"] {
                let made = try Data(contentsOf: site.appendingPathComponent("2020-test/\(name)"))
                #expect(made == (try Data(contentsOf: clean.appendingPathComponent("2020-test/\(name)"))), "\(step): \(name)")
            }
        }
        let index = folder.url.appendingPathComponent(".jixiao-cache/downloads/2020-test%2Fscores.xlsx")
        let lines = try String(contentsOf: index, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2, "the header and one part: the sample's three units are compressed together")
    }

    @Test("shared strings: one entry per text, in order of first use, counting every use")
    func sharedStrings() {
        var strings = SharedStrings()
        let ids = ["甲", "乙", "甲", "a<b", "乙", "甲"].map { strings.id($0) }
        #expect(ids == [0, 1, 0, 2, 1, 0])
        let xml = String(decoding: strings.xml(), as: UTF8.self)
        #expect(xml.hasSuffix("count=\"6\" uniqueCount=\"3\"><si><t>甲</t></si><si><t>乙</t></si><si><t>a&lt;b</t></si></sst>"))
        // Equivalent texts written differently keep their own entries, with their own bytes.
        #expect(strings.id("caf\u{E9}") == 3 && strings.id("cafe\u{301}") == 4 && strings.id("caf\u{E9}") == 3)
    }

    @Test("CRC-32 as ZIP and zlib compute it, chained and combined; segments joined are one stream of their bytes")
    func crcAndSegments() throws {
        let check = Array("123456789".utf8)
        #expect(jixiao_crc32(0, check, check.count) == 0xCBF4_3926, "the standard check value")
        #expect(jixiao_crc32(0, [], 0) == 0)
        let first = jixiao_crc32(0, Array(check[..<4]), 4)
        #expect(jixiao_crc32(first, Array(check[4...]), 5) == 0xCBF4_3926, "chained")
        #expect(jixiao_crc32_combine(first, jixiao_crc32(0, Array(check[4...]), 5), 5) == 0xCBF4_3926, "combined")

        // A sheet-like text cut into segments; every segment but the last ends with an
        // empty stored block (a sync flush) and so on a byte boundary.
        let text = Array((0..<3_000).map { "<row><c s=\"4\"><v>\($0 % 97).50</v></c><c t=\"inlineStr\"><is><t>扣分\($0)</t></is></c></row>" }.joined().utf8)
        let cuts = [0, 1, 40_000, 40_001, 150_000, text.count]
        let segments = try zip(cuts, cuts.dropFirst()).enumerated().map { index, range in
            try DeflatedSegment(compressing: Array(text[range.0..<range.1]), last: index == cuts.count - 2)
        }
        for segment in segments.dropLast() {
            #expect(Array(segment.compressed.suffix(4)) == [0x00, 0x00, 0xFF, 0xFF])
        }
        #expect(DeflatedSegment.crc(of: segments) == UInt32(jixiao_crc32(0, text, text.count)))
        #expect(segments.reduce(0) { $0 + $1.compressed.count } < text.count / 4, "compressed")
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let joined = folder.url.appendingPathComponent("joined.deflate"), expected = folder.url.appendingPathComponent("expected")
        try Data(segments.map(\.compressed).joined()).write(to: joined)
        try Data(text).write(to: expected)
        let script = """
            import sys, zlib
            d = zlib.decompressobj(-15)
            out = d.decompress(open(sys.argv[1], "rb").read())
            print(out == open(sys.argv[2], "rb").read(), d.eof, len(d.unused_data))
            """
        let python = ProcessInfo.processInfo.environment["JIXIAO_PYTHON"] ?? "python3"
        #expect(try run([python, "-c", script, joined.path, expected.path]).trimmingCharacters(in: .whitespacesAndNewlines) == "True True 0",
                "the whole text, the stream ended, nothing after it")
    }

    @Test("ZIP writer: Python's zipfile reads every entry back, CRCs check, the same entries give the same bytes")
    func zipWriterReadBack() throws {
        var generator = SystemRandomNumberGenerator()
        let noise = (0..<70_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let entries: [(String, [UInt8])] = [
            ("empty.txt", []),
            ("[Content_Types].xml", Array("<Types>得分</Types>".utf8)),
            ("xl/worksheets/sheet1.xml", Array(String(repeating: "<row r=\"1\"><c t=\"s\"><v>12</v></c></row>", count: 50_000).utf8)),
            ("noise.bin", noise),   // incompressible: deflate's stored blocks
            ("xl/sharedStrings.xml", Array(String(repeating: "<si><t>考评组核查</t></si>", count: 20_000).utf8) + noise),
        ]
        func write() throws -> Data {
            var zip = ZIPWriter()
            for (path, bytes) in entries.dropLast() { try zip.add(path, bytes) }
            // The last entry written in pieces, one of them empty, as a sheet is.
            let (path, bytes) = entries.last!
            try zip.add(path) { entry in
                try entry.write(Array(bytes[..<1_000]))
                try entry.write([])
                // The rest in many pieces: more than wait to be compressed on the other thread at once.
                for start in stride(from: 1_000, to: bytes.count, by: 4_096) {
                    try entry.write(Array(bytes[start..<min(start + 4_096, bytes.count)]))
                }
            }
            return try zip.data()
        }
        let data = try write()
        #expect(try write() == data)
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let file = folder.url.appendingPathComponent("test.zip")
        try data.write(to: file)
        // The expected contents beside the archive, entry i as expected-i.
        for (index, entry) in entries.enumerated() {
            try Data(entry.1).write(to: folder.url.appendingPathComponent("expected-\(index)"))
        }
        let script = """
            import json, os, sys, zipfile
            z = zipfile.ZipFile(sys.argv[1])
            folder = os.path.dirname(sys.argv[1])
            same = [z.read(i) == open(os.path.join(folder, "expected-%d" % n), "rb").read() for n, i in enumerate(z.infolist())]
            print(json.dumps({"bad": z.testzip(), "same": same,
                              "entries": [[i.filename, i.compress_type, i.date_time[0], oct(i.external_attr >> 16)] for i in z.infolist()]}))
            """
        let python = ProcessInfo.processInfo.environment["JIXIAO_PYTHON"] ?? "python3"
        let json = try #require(try JSONSerialization.jsonObject(with: Data(try run([python, "-c", script, file.path]).utf8)) as? [String: Any])
        #expect(json["bad"] is NSNull)
        #expect(json["same"] as? [Bool] == [true, true, true, true, true])
        let read = try #require(json["entries"] as? [[Any]])
        #expect(read.map { $0[0] as? String } == entries.map(\.0))
        #expect(read.allSatisfy { $0[1] as? Int == 8 && $0[2] as? Int == 1980 && $0[3] as? String == "0o100644" })
        // The repetitive sheet XML is still compressed well.
        #expect(data.count < entries[2].1.count / 20 + 2 * noise.count + 20_000)
    }

    @Test("ZIP writer: ZIP64 where it is needed, read back by Python's zipfile: 70,000 entries, and sizes and offsets past the limit")
    func zip64ReadBack() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let python = ProcessInfo.processInfo.environment["JIXIAO_PYTHON"] ?? "python3"

        // More entries than the end record counts (65,535): its ZIP64 form and locator come before it.
        let segment = try DeflatedSegment(compressing: Array("绩效".utf8), last: true)
        var many = ZIPWriter()
        for index in 0..<70_000 { try many.add("f\(index).txt", segments: [segment]) }
        let manyFile = folder.url.appendingPathComponent("many.zip")
        let manyData = try many.data()
        try manyData.write(to: manyFile)
        // ZIPFoundation too (jixiao verify reads archives with it).
        #expect(try Archive(data: manyData, accessMode: .read).reduce(0) { count, _ in count + 1 } == 70_000)
        let countScript = """
            import sys, zipfile
            z = zipfile.ZipFile(sys.argv[1])
            print(len(z.infolist()), z.read("f0.txt").decode(), z.read("f69999.txt").decode(), z.testzip())
            """
        #expect(try run([python, "-c", countScript, manyFile.path]).trimmingCharacters(in: .whitespacesAndNewlines) == "70000 绩效 绩效 None")

        // Sizes and offsets from 100 bytes on written as if past 4 GB: in ZIP64 fields
        // (the local header's, the directory's) and the ZIP64 end record; smaller ones as usual.
        let entries: [(String, [UInt8])] = [
            ("small.txt", Array("得分".utf8)),
            ("sheet.xml", Array(String(repeating: "<row r=\"1\"><c t=\"s\"><v>12</v></c></row>", count: 2_000).utf8)),
            ("after.txt", Array("扣分理由".utf8)),
        ]
        var large = ZIPWriter(zip64Threshold: 100)
        for (path, bytes) in entries { try large.add(path, bytes) }
        let largeFile = folder.url.appendingPathComponent("large.zip")
        try large.data().write(to: largeFile)
        for (index, entry) in entries.enumerated() {
            try Data(entry.1).write(to: folder.url.appendingPathComponent("expected-\(index)"))
        }
        let fieldsScript = """
            import json, os, sys, zipfile
            z = zipfile.ZipFile(sys.argv[1])
            folder = os.path.dirname(sys.argv[1])
            print(json.dumps({"bad": z.testzip(),
                              "same": [z.read(i) == open(os.path.join(folder, "expected-%d" % n), "rb").read() for n, i in enumerate(z.infolist())],
                              "zip64": [i.extra[:2] == b"\\x01\\x00" for i in z.infolist()]}))
            """
        let json = try #require(try JSONSerialization.jsonObject(with: Data(try run([python, "-c", fieldsScript, largeFile.path]).utf8)) as? [String: Any])
        #expect(json["bad"] is NSNull)
        #expect(json["same"] as? [Bool] == [true, true, true])
        // The first entry is small and at 0; the sheet's sizes and the offset of the entry after it are past the limit.
        #expect(json["zip64"] as? [Bool] == [false, true, true])
    }

    @Test func rankingWorkbookReadBackByOpenpyxl() throws {
        let folder = try SampleSite.make()
        defer { folder.remove() }
        let result = try SampleSite.result(folder)
        let data = try ExportTables.workbook(result, table: .ranking).data()
        #expect(try ExportTables.workbook(result, table: .ranking).data() == data)   // deterministic bytes
        let file = folder.url.appendingPathComponent("ranking.xlsx")
        try data.write(to: file)
        let script = """
            import json, sys, openpyxl
            wb = openpyxl.load_workbook(sys.argv[1])
            ws = wb.worksheets[0]
            rows = [[None if c.value is None else (repr(c.value) if isinstance(c.value, (int, float)) else c.value) for c in r] for r in ws.iter_rows()]
            fmts = sorted({c.number_format for r in ws.iter_rows(min_row=3) for c in r if isinstance(c.value, float) or isinstance(c.value, int)})
            print(json.dumps({"sheets": wb.sheetnames, "rows": rows, "freeze": ws.freeze_panes, "merged": [str(m) for m in ws.merged_cells.ranges],
                              "bold": ws["A2"].font.b, "formats": fmts, "indicators": [[c.value for c in r] for r in wb.worksheets[1].iter_rows(min_row=3)]}, ensure_ascii=False))
            """
        // scripts/test points JIXIAO_PYTHON at the environment where openpyxl is installed.
        let python = ProcessInfo.processInfo.environment["JIXIAO_PYTHON"] ?? "python3"
        let output = try run([python, "-c", script, file.path])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        #expect(json["sheets"] as? [String] == ["排名", "指标体系"])
        #expect(json["freeze"] as? String == "A3")
        #expect(json["merged"] as? [String] == ["A1:I1"])
        #expect(json["bold"] as? Bool == true)
        #expect(json["formats"] as? [String] == ["0", "0.00"])
        let rows = try #require(json["rows"] as? [[Any]])
        #expect(rows[0].first as? String == "2020年度测试考核排名（示例数据）")
        #expect(rows[1].compactMap { $0 as? String } == ["排名", "并列", "单位", "代码", "指标得分", "加分", "加减分", "总分", "等次"])
        // Every number equals the published one, read back as a number.
        #expect(rows.count == 2 + result.ranking.count)
        for (index, unit) in result.ranking.enumerated() {
            let row = rows[index + 2]
            #expect(row[2] as? String == unit.unit.name)
            #expect(row[0] as? String == "\(unit.rank)")
            #expect((row[7] as? String).flatMap { Decimal(string: $0) } == unit.total)
            #expect((row[4] as? String).flatMap { Decimal(string: $0) } == unit.indicatorTotal)
        }
        #expect(result.ranking.map { formatScore($0.total, precision: 2) } == ["10.00", "9.50", "5.00"])
        let indicators = try #require(json["indicators"] as? [[Any]])
        #expect(indicators.map { $0[0] as? String } == ["A", "B"])
    }

    @Test func libreOfficeOpensTheExport() throws {
        let folder = try SampleSite.make()
        defer { folder.remove() }
        let result = try SampleSite.result(folder)
        let file = folder.url.appendingPathComponent("scores.xlsx")
        try ExportTables.workbook(result, table: .scores).data().write(to: file)
        let profile = folder.url.appendingPathComponent("lo-profile")
        _ = try run(["libreoffice", "-env:UserInstallation=file://\(profile.path)", "--headless", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1",
                     "--outdir", folder.url.path, file.path])
        let csv = try String(contentsOf: folder.url.appendingPathComponent("scores.csv"), encoding: .utf8)
        #expect(csv.contains("甲单位"))
        #expect(csv.contains("按期报送"))
        #expect(csv.contains("5.50"))   // beta B: 6 − 2 × 0.5 with the 0.00 number format
    }

    @Test func csvExportsRoundTripInUTF8WithBOMAndGB18030() throws {
        let folder = try SampleSite.make()
        defer { folder.remove() }
        let result = try SampleSite.result(folder)
        let utf8 = try TextExport.csv(result, table: .scores)
        let gb = try TextExport.csv(result, table: .scores, encoding: .gb18030)
        #expect(utf8.prefix(3) == Data([0xEF, 0xBB, 0xBF]))
        #expect(gb.prefix(3) != Data([0xEF, 0xBB, 0xBF]))
        #expect(String(data: gb, encoding: .utf8) == nil)   // really GB18030, not UTF-8
        let a = folder.url.appendingPathComponent("a.csv")
        let b = folder.url.appendingPathComponent("b.csv")
        try utf8.write(to: a)
        try gb.write(to: b)
        let fromUTF8 = try SpreadsheetInput.gridForTest(a)
        let fromGB = try SpreadsheetInput.gridForTest(b)
        #expect(fromUTF8.rows == fromGB.rows)
        #expect(fromGB.rows.contains { $0.contains(.text("乙单位")) })
        #expect(fromGB.rows.count == 1 + 3 * 2)
    }
}

@Suite("Downloads that do not read provenance")
struct ProvenanceFreeDownloadsTests {
    /// Every indicator score of every unit with other evidence, rule inputs, source and reviewer.
    static func changedProvenance(_ result: EvaluationResult) -> EvaluationResult {
        func change(_ score: IndicatorScore) -> IndicatorScore {
            var score = score
            score.evidence.append("新增佐证")
            score.inputs.append(RuleInput(name: "count", text: "9"))
            score.source = (score.source ?? "") + "（复核）"
            score.reviewer = (score.reviewer ?? "") + "（复核）"
            score.children = score.children.map(change)
            return score
        }
        func change(_ unit: UnitScore) -> UnitScore {
            var unit = unit
            unit.indicators = unit.indicators.map(change)
            return unit
        }
        var result = result
        result.units = result.units.map(change)
        result.ranking = result.ranking.map(change)
        return result
    }

    @Test("formats that say they read no evidence, inputs, source or reviewer give the same bytes when those change")
    func sameBytes() throws {
        let (site, _) = try SiteBuilder.evaluate(root: Fixtures.repository)
        let results = site.evaluations.map(\.result).filter { !$0.units.isEmpty }
        #expect(results.count >= 3)
        let formats = DownloadFormat.builtIn + SpreadsheetDownloads.formats
        #expect(formats.allSatisfy { !$0.readsProvenance }, "every built-in format says so")
        // A format that shows evidence tells the change apart: the test can fail.
        let evidence = DownloadFormat(fileName: "evidence.txt", title: "佐证") { result in
            Data(result.units.flatMap(\.indicators).flatMap(\.evidence).joined(separator: "\n").utf8)
        }
        for result in results {
            let changed = Self.changedProvenance(result)
            #expect(try evidence.prepare(result).make() != evidence.prepare(changed).make())
            for format in formats {
                #expect(try format.prepare(result).make() == format.prepare(changed).make(),
                        "\(format.fileName) of \(result.settings.title)")
            }
        }
    }
}
