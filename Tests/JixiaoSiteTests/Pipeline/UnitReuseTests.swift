import Foundation
import JixiaoTemplate
import Testing
@testable import JixiaoCore
@testable import JixiaoSite

/// A unit's own scores kept in bytes (UnitScoreCoding) must decode to exactly
/// what scoring gave, or a build that reuses them would publish other numbers.
@Suite("Unit scores in bytes")
struct UnitScoreCodingTests {
    /// The example site, evaluated: every kind of rule, formula components,
    /// adjustments, vetoes, not-applicable indicators, self-reports.
    static func exampleSite() throws -> EvaluatedSite {
        try SiteBuilder.evaluate(root: TestSite.repository).0
    }

    /// `decoded` with what the evaluation sets after scoring taken from `original`.
    static func finished(_ decoded: UnitScore, like original: UnitScore) -> UnitScore {
        var unit = decoded
        unit.bonus = original.bonus
        unit.bonusTotal = original.bonusTotal
        unit.total = original.total
        unit.rank = original.rank
        unit.tied = original.tied
        unit.grade = original.grade
        unit.gradeName = original.gradeName
        unit.gradeNote = original.gradeNote
        unit.computation = original.computation
        return unit
    }

    @Test("every stored property of a unit's score and its parts is written or set by the evaluation")
    func inventory() throws {
        let site = try Self.exampleSite()
        let unit = try #require(site.evaluations.flatMap(\.result.units).first)
        // A new property fails here until UnitScoreCoding writes it (or the evaluation sets it after scoring).
        #expect(Mirror(reflecting: unit).children.compactMap(\.label).sorted()
            == (UnitScoreCoding.writtenFields + UnitScoreCoding.evaluationFields).sorted())
        #expect(Set(UnitScoreCoding.writtenFields).isDisjoint(with: UnitScoreCoding.evaluationFields))
        // Bonus scores are set by the evaluation (see `evaluationFields`); every other part is written whole.
        for part in [try #require(unit.indicators.first)] + ScoreCardFingerprintTests.parts where !(part is BonusScore) {
            let type = String(describing: Swift.type(of: part))
            #expect(Mirror(reflecting: part).children.compactMap(\.label) == UnitScoreCoding.partFields[type], "\(type)")
        }
        #expect(UnitScoreCoding.partFields.count == 5)
    }

    @Test("every unit of the example site decodes to the same score and diagnostics, to the byte")
    func roundTrip() throws {
        let site = try Self.exampleSite()
        var seen = (components: false, adjustments: false, vetoes: false, notApplicable: false, inputs: false, selfTotal: false)
        var units = 0
        for evaluation in site.evaluations {
            guard let system = evaluation.result.system else { continue }
            let shared = SharedIndicators(system)
            for unit in evaluation.result.units {
                let diagnostics = [
                    Diagnostic(.warning, at: SourceLocation(file: "content/x/results.csv", line: 12, column: 3), "第一条\t警告", hint: "提示"),
                    Diagnostic(.error, at: SourceLocation(file: "content/x/results/a.md", line: 2), "第一条\t警告", hint: nil),
                ]
                let bytes = UnitScoreCoding.encode(unit, diagnostics: diagnostics)
                let decoded = try #require(UnitScoreCoding.decode(bytes[...], unit: unit.unit, system: system, shared: shared))
                #expect(decoded.diagnostics == diagnostics)
                #expect(decoded.score.total == 0 && decoded.score.rank == 0 && decoded.score.bonus.isEmpty,
                        "what the evaluation sets is not written")
                let again = Self.finished(decoded.score, like: unit)
                #expect(ScoreCardFingerprint.scores(again).whole == ScoreCardFingerprint.scores(unit).whole,
                        "\(evaluation.slug)/\(unit.unit.slug)")
                #expect(UnitScoreCoding.encode(again, diagnostics: diagnostics) == bytes, "encoding is deterministic")
                units += 1
                seen.components = seen.components || !unit.components.isEmpty
                seen.adjustments = seen.adjustments || !unit.adjustments.isEmpty
                seen.vetoes = seen.vetoes || !unit.vetoes.isEmpty
                seen.selfTotal = seen.selfTotal || unit.selfTotal != nil
                func walk(_ score: IndicatorScore) {
                    seen.notApplicable = seen.notApplicable || score.notApplicable
                    seen.inputs = seen.inputs || !score.inputs.isEmpty
                    score.children.forEach(walk)
                }
                unit.indicators.forEach(walk)
            }
        }
        #expect(units >= 30)
        #expect(seen.components && seen.adjustments && seen.vetoes && seen.notApplicable && seen.inputs && seen.selfTotal,
                "the example site exercises every part: \(seen)")
    }

    @Test("the texts' places: the first place of a hash stays; colliding slots, growth past 256 and 0 as a hash all found")
    func textPlaces() {
        var places = UnitScoreCoding.TextPlaces()
        // Keys whose low bits are equal land on the same slot; 0 is a hash like any other.
        let keys: [UInt64] = (0..<1_000).map { UInt64($0) << 20 } + (1..<300).map { UInt64($0) &* 0x9E37_79B9_7F4A_7C15 }
        for (place, key) in keys.enumerated() { places.add(key, place: place) }
        for (place, key) in keys.enumerated() { #expect(places.place(key) == place) }
        places.add(keys[5], place: 9_999)
        #expect(places.place(keys[5]) == 5, "the first place stays")
        #expect(places.place(12345) == nil)
    }

    @Test("bytes of another unit, of a changed system, cut short or damaged decode to nothing, never to a wrong score")
    func damage() throws {
        let site = try Self.exampleSite()
        let evaluation = try #require(site.evaluations.first { $0.result.units.count > 2 && $0.result.system != nil })
        let system = try #require(evaluation.result.system)
        let shared = SharedIndicators(system)
        let unit = evaluation.result.units[0]
        let bytes = UnitScoreCoding.encode(unit, diagnostics: [])
        #expect(UnitScoreCoding.decode(bytes[...], unit: evaluation.result.units[1].unit, system: system, shared: shared) == nil)
        var fewer = system
        fewer.indicators.removeLast()
        #expect(UnitScoreCoding.decode(bytes[...], unit: unit.unit, system: fewer, shared: SharedIndicators(fewer)) == nil)
        for end in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 97)) {
            #expect(UnitScoreCoding.decode(bytes[..<end], unit: unit.unit, system: system, shared: shared) == nil)
        }
        #expect(UnitScoreCoding.decode((bytes + [0])[...], unit: unit.unit, system: system, shared: shared) == nil,
                "bytes left over")
        // Any one byte changed either fails to decode or decodes without crashing (the file's hash catches the rest).
        for index in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 211)) {
            var damaged = bytes
            damaged[index] ^= 0xA5
            _ = UnitScoreCoding.decode(damaged[...], unit: unit.unit, system: system, shared: shared)
        }
    }

    @Test("a file of unit scores is only read for its header and definitions, and whole")
    func file() throws {
        let entries: [(slug: String, key: String, bytes: ArraySlice<UInt8>)] = [
            ("alpha", "k1", [1, 2, 3][...]), ("beta", "k2", [][...]), ("gamma", "k3", Array(repeating: 7, count: 300)[...]),
        ]
        let bytes = UnitScoreFile.bytes(entries, header: "h\tkey\tsite", definitions: "d1")
        let read = try #require(UnitScoreFile.read(bytes, header: "h\tkey\tsite", definitions: "d1"))
        #expect(read.entries.count == 3)
        #expect(read.entries["alpha"]?.key == "k1" && Array(read.entries["alpha"]!.bytes) == [1, 2, 3])
        #expect(read.entries["beta"]?.bytes.isEmpty == true)
        #expect(read.entries["gamma"]?.bytes.count == 300)
        #expect(UnitScoreFile.read(bytes, header: "h\tkey\tother", definitions: "d1") == nil, "another build's")
        #expect(UnitScoreFile.read(bytes, header: "h\tkey\tsite", definitions: "d2") == nil, "other definitions")
        #expect(UnitScoreFile.read(Array(bytes.dropLast()), header: "h\tkey\tsite", definitions: "d1") == nil, "cut short")
        var damaged = bytes
        damaged[damaged.count - 5] ^= 1
        #expect(UnitScoreFile.read(damaged, header: "h\tkey\tsite", definitions: "d1") == nil, "a byte changed")
    }
}

/// Splitting a results table by unit on its bytes (UnitRows) must agree with
/// reading it (CSVSource), or a reused unit would hide a changed row.
@Suite("Results rows by unit")
struct UnitRowsTests {
    static let units: Set<String> = ["alpha", "beta", "gamma"]
    static let table = """
        unit,indicator,score,reason
        alpha,A,1,"理由, 带逗号"
        beta,A,2,"他说""好""\"

        alpha,B,3,
         gamma ,A,4,无
        ,,,
        beta,B,5,  x
        """

    @Test("rows are told to their units; a blank row to none; line numbers as the reader counts them")
    func split() throws {
        let rows = try #require(UnitRows(text: Self.table, units: Self.units))
        #expect(rows.slugs == ["alpha", "beta", "gamma"])
        #expect((1...10).map { rows.unit(atLine: $0) } == [nil, "alpha", "beta", nil, "alpha", "gamma", nil, "beta", nil, nil])
        let crlf = try #require(UnitRows(text: Self.table.replacingOccurrences(of: "\n", with: "\r\n"), units: Self.units))
        #expect((1...10).map { crlf.unit(atLine: $0) } == (1...10).map { rows.unit(atLine: $0) })
    }

    @Test("a table that cannot be split exactly is not split")
    func refused() {
        for (what, text) in [
            ("quoted unit", "unit,x\n\"alpha\",1\n"),
            ("line break in a cell", "unit,x\nalpha,\"a\nb\"\n"),
            ("unknown unit", "unit,x\nalpha,1\ndelta,2\n"),
            ("row without a unit", "unit,x\n,1\n"),
            ("CR alone", "unit,x\ralpha,1\r"),
            ("quote inside a cell", "x,unit\na\"b,alpha\n"),
            ("text after a closing quote", "x,unit\n\"a\"b,alpha\n"),
            ("no unit column", "who,x\nalpha,1\n"),
            ("quoted header", "\"unit\",x\nalpha,1\n"),
        ] {
            #expect(UnitRows(text: text, units: Self.units) == nil, "\(what)")
        }
        #expect(UnitRows(text: "x,unit\n\"a,b\",alpha\n", units: Self.units)?.unit(atLine: 2) == "alpha")
    }

    @Test("a unit's hash changes with its rows and their lines, and with the header, not with other units' rows")
    func hashes() throws {
        let before = try #require(UnitRows(text: Self.table, units: Self.units)).hashes
        let edited = try #require(UnitRows(text: Self.table.replacingOccurrences(of: "alpha,B,3,", with: "alpha,B,2,"),
                                           units: Self.units)).hashes
        #expect(edited["alpha"] != before["alpha"] && edited["beta"] == before["beta"] && edited["gamma"] == before["gamma"])
        // A row inserted before gamma's moves it one line down: its locations change.
        let inserted = try #require(UnitRows(text: Self.table.replacingOccurrences(of: "alpha,B,3,\n", with: "alpha,B,3,\nbeta,C,1,\n"),
                                             units: Self.units)).hashes
        #expect(inserted["alpha"] == before["alpha"] && inserted["beta"] != before["beta"] && inserted["gamma"] != before["gamma"])
        let header = try #require(UnitRows(text: Self.table.replacingOccurrences(of: "score,reason", with: "score,note"),
                                           units: Self.units)).hashes
        #expect(Self.units.allSatisfy { header[$0] != before[$0] })
    }

    @Test("the table without some units' rows reads the others' rows exactly as the whole table does")
    func omitting() throws {
        let rows = try #require(UnitRows(text: Self.table, units: Self.units))
        func read(_ text: String) throws -> [SourceValue] { try CSVSource.parse(text: text, file: "r.csv") }
        let whole = try read(Self.table)
        let partial = try read(rows.text(omitting: ["alpha"]))
        #expect(partial == whole.filter { $0["unit"]?.text != "alpha" })
        #expect(rows.text(omitting: ["alpha"]).split(separator: "\n", omittingEmptySubsequences: false).count
            == Self.table.split(separator: "\n", omittingEmptySubsequences: false).count)
        #expect(rows.text(omitting: []) == Self.table)
    }
}

/// An evaluation scored again scores only the units whose results changed.
@Suite("Units reused in incremental builds")
struct UnitReuseBuildTests {
    static func units(_ count: Int) -> [String: String] {
        var files = TestSite.minimal
        let slugs = (1...count).map { String(format: "u%02d", $0) }
        files["content/2020-test/evaluation.yaml"] = files["content/2020-test/evaluation.yaml"]!
            .replacingOccurrences(of: """
                  - { slug: alpha, name: 甲单位 }
                  - { slug: beta, name: 乙单位 }
                  - { slug: gamma, name: 丙单位 }
                """, with: slugs.map { "  - { slug: \($0), name: 示例单位\($0) }" }.joined(separator: "\n"))
        files["content/2020-test/results.csv"] = "unit,indicator,self,pass,count,reason\n"
            + slugs.enumerated().map { index, slug in
                "\(slug),A,4,\(index % 3 == 0 ? "false" : "true"),,\n\(slug),B,6,,\(index % 5),缺报\(index % 5)期\n"
            }.joined()
        return files
    }

    /// Replaces `old` by `new` in the evaluation's results.csv as it is now.
    static func edit(_ site: TestSite, _ old: String, _ new: String) throws {
        let path = "content/2020-test/results.csv"
        let text = try String(contentsOf: site.root.appendingPathComponent(path), encoding: .utf8)
        #expect(text.contains(old), "\(old) is in results.csv")
        try site.write(path, text.replacingOccurrences(of: old, with: new))
    }

    @Test("an edited row scores its unit only; line shifts, self-reports and definitions as they should; always as a clean build")
    func sequence() throws {
        let site = try TestSite(Self.units(12))
        defer { site.remove() }
        let build = { (step: String) in try IncrementalBuildTests.buildBoth(site, step) }
        #expect(try build("first build").reusedUnits == 0)

        try Self.edit(site, "u05,B,6,,4,缺报4期", "u05,B,6,,1,缺报1期")
        #expect(try build("one row").reusedUnits == 11)
        #expect(try site.read("2020-test/units/u05.html").contains("缺报1期"))

        // A blank line after u03's rows moves every later unit's rows one line down: they are read again.
        try Self.edit(site, "u03,B,6,,2,缺报2期\n", "u03,B,6,,2,缺报2期\n\n")
        #expect(try build("line added").reusedUnits == 3, "u01 to u03 are above it")
        try Self.edit(site, "u03,B,6,,2,缺报2期\n\n", "u03,B,6,,2,缺报2期\n")
        #expect(try build("line removed").reusedUnits == 3)

        // A self-report's front matter holds results; its text only shows on the card.
        try site.write("content/2020-test/results/u07.md", "---\nreviewer: 考评组（示例）\n---\n\n自评报告。\n")
        #expect(try build("self-report added").reusedUnits == 11)
        try site.write("content/2020-test/results/u07.md", "---\nreviewer: 考评组（示例）\n---\n\n自评报告，改过。\n")
        #expect(try build("self-report text").reusedUnits == 12)
        try site.write("content/2020-test/results/u07.md", "---\nreviewer: 复核组（示例）\n---\n\n自评报告，改过。\n")
        #expect(try build("self-report front matter").reusedUnits == 11)

        // A changed indicator changes every unit's scores.
        try site.write("content/2020-test/indicators.yaml", TestSite.minimal["content/2020-test/indicators.yaml"]!
            .replacingOccurrences(of: "deduction: 0.5", with: "deduction: 0.25"))
        #expect(try build("indicator changed").reusedUnits == 0)

        // A damaged file of unit scores is not used.
        let file = site.root.appendingPathComponent(".jixiao-cache/evaluations/2020-test.units")
        var bytes = try Data(contentsOf: file)
        bytes[bytes.count - 10] ^= 0x40
        try bytes.write(to: file)
        try Self.edit(site, "u05,B,6,,1,缺报1期", "u05,B,6,,2,缺报2期")
        #expect(try build("damaged file").reusedUnits == 0)
        try Self.edit(site, "u05,B,6,,2,缺报2期", "u05,B,6,,3,缺报3期")
        #expect(try build("after the damage").reusedUnits == 11)
    }

    @Test("warnings of reused units are repeated; a unit with a grade decision is always read; a bonus scheme scores every unit")
    func warningsDecisionsAndBonus() throws {
        var files = Self.units(6)
        // Self scores that differ from the scores give a warning per row (scoring), a
        // reason left as a placeholder another (reading); u02 and u03 tie for second
        // place with one 优秀 place left.
        files["content/2020-test/results.csv"] = files["content/2020-test/results.csv"]!
            .replacingOccurrences(of: ",A,4,false,,", with: ",A,3,false,,")
            .replacingOccurrences(of: "u03,B,6,,2,缺报2期", with: "u03,B,6,,1,缺报1期")
            .replacingOccurrences(of: "u04,B,6,,3,缺报3期", with: "u04,B,6,,3,缺报3期，原因待填写")
        let site = try TestSite(files)
        defer { site.remove() }
        let first = try IncrementalBuildTests.buildBoth(site, "first build")
        #expect(!first.warnings.isEmpty)
        try Self.edit(site, "u01,B,6,,0,缺报0期", "u01,B,6,,1,缺报1期")
        let edited = try IncrementalBuildTests.buildBoth(site, "one row") // the same warnings as a clean build
        #expect(edited.reusedUnits == 5)
        #expect(edited.warnings.all.contains { $0.location.file.hasSuffix("results.csv") && $0.location.line == 8 },
                "the warning on a row of u04, reused, is there")
        #expect(edited.warnings.all.contains { $0.location.line == 9 && $0.message.contains("待填写") },
                "and the placeholder in another, found while reading")

        try site.write("content/2020-test/results/u03.md", "---\ngrade_decision: { grade: 合格, reason: 经集体研究（示例） }\n---\n")
        #expect(try IncrementalBuildTests.buildBoth(site, "decision").reusedUnits == 5)
        #expect(try site.read("2020-test/units/u03.html").contains("经集体研究"))
        try Self.edit(site, "u01,B,6,,1,缺报1期", "u01,B,6,,2,缺报2期")
        #expect(try IncrementalBuildTests.buildBoth(site, "after a decision").reusedUnits == 4, "u03 is read again")

        try site.write("content/2020-test/indicators.yaml", TestSite.minimal["content/2020-test/indicators.yaml"]! + """

            bonus:
              items:
                - { id: J1, name: 创新加分, cap: 1, rule: { kind: award, levels: { 省级: 1 } } }

            """)
        try IncrementalBuildTests.buildBoth(site, "bonus scheme")
        try Self.edit(site, "u01,B,6,,2,缺报2期", "u01,B,6,,3,缺报3期")
        #expect(try IncrementalBuildTests.buildBoth(site, "bonus scheme, one row").reusedUnits == 0)
        #expect(!FileManager.default.fileExists(atPath: site.root.appendingPathComponent(".jixiao-cache/evaluations/2020-test.units").path))
    }
}
