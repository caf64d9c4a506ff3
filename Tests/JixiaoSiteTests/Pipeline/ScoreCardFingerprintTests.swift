import Foundation
import JixiaoTemplate
import Testing
@testable import JixiaoCore
@testable import JixiaoSite

/// A score card's fingerprint is taken from the unit's score rather than from
/// the card's template context (see ScoreCardFingerprint): it must change with
/// everything the card shows, or an incremental build would keep a stale card.
@Suite("Score card fingerprints")
struct ScoreCardFingerprintTests {
    /// The minimal test site, prepared for rendering, with the fingerprint of its first evaluation's cards.
    static func prepared(_ files: [String: String] = TestSite.minimal)
        throws -> (unit: UnitScore, evaluation: EvaluatedEvaluation, fingerprint: ScoreCardFingerprint, site: TestSite) {
        let site = try TestSite(files)
        let prepared = try SiteBuilder.prepare(SiteBuilder.Options(root: site.root))
        let evaluation = try #require(prepared.site.evaluations.first { $0.slug == "2020-test" })
        let unit = try #require(evaluation.result.units.first { $0.unit.slug == "beta" })
        let renderer = SiteRenderer(site: prepared.site, theme: prepared.theme, root: site.root)
        let path = SitePaths.unit(evaluation.slug, unit.unit.slug)
        let frame = renderer.frame(for: path, evaluation: evaluation, tab: "ranking")
        let fingerprint = ScoreCardFingerprint(evaluation: evaluation, frame: frame, theme: prepared.theme, site: prepared.site)
        return (unit, evaluation, fingerprint, site)
    }

    /// One of each part of a unit's score (but its indicator scores), for the inventories of what their properties are.
    static var parts: [Any] {
        let location = SourceLocation(file: "x")
        return [
            ComponentScore(id: "c", name: "n", weight: 1, value: 1, weighted: 1, computation: ""),
            BonusScore(item: BonusItem(id: "J1", name: "加分", cap: nil, precondition: nil, criteria: nil, rule: .manual,
                                       location: location), points: 1, reason: nil, computation: "", counted: true),
            AdjustmentScore(points: 1, kind: .other, kindName: "其他", reason: "", source: nil, noticeYear: nil, counted: true),
            VetoHit(veto: Veto(id: "V1", name: "否决", criteria: nil, scope: .whole, location: location), reason: nil),
            RuleInput(name: "count", text: "1"),
        ]
    }

    @Test("every stored property of a unit's score and an indicator's score is one the fingerprint knows of")
    func inventory() throws {
        let (unit, _, _, site) = try Self.prepared()
        defer { site.remove() }
        // A new property fails here until ScoreCardFingerprint hashes it and `eachProperty` changes it.
        #expect(Mirror(reflecting: unit).children.map(\.label) == ScoreCardFingerprint.unitScoreFields)
        let score = try #require(unit.indicators.first)
        #expect(Mirror(reflecting: score).children.map(\.label) == ScoreCardFingerprint.indicatorScoreFields)
        for part in Self.parts {
            let type = String(describing: Swift.type(of: part))
            #expect(Mirror(reflecting: part).children.compactMap(\.label) == ScoreCardFingerprint.partFields[type], "\(type)")
        }
    }

    @Test("changing any property of a unit's score changes its card's fingerprint")
    func eachProperty() throws {
        let (unit, _, fingerprint, site) = try Self.prepared()
        defer { site.remove() }
        let base = try #require(fingerprint.unit(unit, selfReport: nil))
        let location = SourceLocation(file: "x")
        let bonusItem = BonusItem(id: "J1", name: "加分", cap: nil, precondition: nil, criteria: nil, rule: .manual, location: location)
        let veto = Veto(id: "V1", name: "否决", criteria: nil, scope: .whole, location: location)
        let other = unit.indicators[1].shared
        typealias Change = (inout UnitScore) -> Void
        func onIndicator(_ change: @escaping (inout IndicatorScore) -> Void) -> Change {
            { unit in change(&unit.indicators[0]) }
        }
        let unitChanges: [String: [Change]] = [
            "unit": [{ $0.unit.name += "改" }, { $0.unit.slug += "x" }],
            "indicators": [{ $0.indicators.removeLast() }, { $0.indicators.swapAt(0, 1) }],
            "indicatorTotal": [{ $0.indicatorTotal += 1 }],
            "components": [{ $0.components.append(ComponentScore(id: "c", name: "n", weight: 1, value: 1, weighted: 1, computation: "")) }],
            "bonus": [{ $0.bonus.append(BonusScore(item: bonusItem, points: 1, reason: nil, computation: "", counted: true)) }],
            "bonusTotal": [{ $0.bonusTotal += 1 }],
            "adjustments": [{ $0.adjustments.append(AdjustmentScore(points: -1, kind: .other, kindName: "其他", reason: "r",
                                                                     source: nil, noticeYear: nil, counted: true)) }],
            "adjustmentTotal": [{ $0.adjustmentTotal -= 1 }],
            "vetoes": [{ $0.vetoes.append(VetoHit(veto: veto, reason: nil)) }],
            "selfTotal": [{ $0.selfTotal = ($0.selfTotal ?? 0) + 1 }, { $0.selfTotal = $0.selfTotal == nil ? 0 : nil }],
            "total": [{ $0.total += Decimal(string: "0.01")! }],
            "rank": [{ $0.rank += 1 }],
            "tied": [{ $0.tied.toggle() }],
            "grade": [{ $0.grade = $0.grade == .pending ? .pass : .pending }],
            "gradeName": [{ $0.gradeName += "改" }],
            "gradeNote": [{ $0.gradeNote = ($0.gradeNote ?? "") + "改" }],
            "computation": [{ $0.computation += "改" }],
            "reviewer": [{ $0.reviewer = ($0.reviewer ?? "") + "改" }],
        ]
        let indicatorChanges: [String: [Change]] = [
            "shared": [onIndicator { $0.shared = other }],
            "points": [onIndicator { $0.points += 1 }],
            "score": [onIndicator { $0.score = ($0.score ?? 0) + 1 }, onIndicator { $0.score = nil }],
            "selfScore": [onIndicator { $0.selfScore = ($0.selfScore ?? 0) + 1 }],
            "deduction": [onIndicator { $0.deduction += 1 }],
            "notApplicable": [onIndicator { $0.notApplicable.toggle() }],
            "vetoed": [onIndicator { $0.vetoed.toggle() }],
            "inputs": [onIndicator { $0.inputs.append(RuleInput(name: "count", text: "1")) }],
            "reasons": [onIndicator { $0.reasons.append("理由") }],
            "evidence": [onIndicator { $0.evidence.append("佐证") }],
            "source": [onIndicator { $0.source = ($0.source ?? "") + "改" }],
            "reviewer": [onIndicator { $0.reviewer = ($0.reviewer ?? "") + "改" }],
            "computation": [onIndicator { $0.computation += "改" }],
            "children": [onIndicator { $0.children.append($0) }],
        ]
        #expect(Set(unitChanges.keys) == Set(ScoreCardFingerprint.unitScoreFields))
        #expect(Set(indicatorChanges.keys) == Set(ScoreCardFingerprint.indicatorScoreFields))
        for (field, changes) in Array(unitChanges) + Array(indicatorChanges) {
            for (index, change) in changes.enumerated() {
                var changed = unit
                change(&changed)
                #expect(fingerprint.unit(changed, selfReport: nil) != base, "\(field) #\(index + 1)")
            }
        }
        #expect(fingerprint.unit(unit, selfReport: nil) == base, "the same score, the same fingerprint")
    }

    @Test("a score stored with another exponent may render the card again, an equal one never misses")
    func decimals() {
        func hash(_ text: String) -> StableHash {
            var hash = StableHash()
            ScoreCardFingerprint.add(Decimal(string: text)!, to: &hash)
            return hash
        }
        #expect(hash("1.5") == hash("1.50"))
        #expect(hash("1.5") != hash("1.51"))
        #expect(hash("-1.5") != hash("1.5"))
        #expect(hash("0.1") != hash("1"))
    }

    @Test("the self-report's text is in the fingerprint; a shortcode in it falls back to the context")
    func selfReport() throws {
        let (unit, _, fingerprint, site) = try Self.prepared()
        defer { site.remove() }
        func report(_ body: String, path: String = "content/2020-test/results/beta.md") -> ContentDocument {
            ContentDocument(path: path, frontMatter: nil, body: body, bodyLine: 4)
        }
        let plain = fingerprint.unit(unit, selfReport: report("今年完成了任务。\n"))
        #expect(plain != nil)
        #expect(plain != fingerprint.unit(unit, selfReport: nil))
        #expect(plain != fingerprint.unit(unit, selfReport: report("今年完成了全部任务。\n")))
        #expect(plain == fingerprint.unit(unit, selfReport: report("今年完成了任务。\n")))
        #expect(fingerprint.unit(unit, selfReport: report("排名如下：\n\n{{< ranking >}}\n")) == nil)
    }

    @Test("what every card shares: site, theme, precision and the indicator system")
    func shared() throws {
        let (unit, _, base, site) = try Self.prepared()
        site.remove()
        let before = base.unit(unit, selfReport: nil)
        let edits: [(String, String, String)] = [
            ("content/site.yaml", "测试站点", "改名站点"),
            ("content/2020-test/indicators.yaml", "按期报送", "按时报送"),
            ("content/2020-test/indicators.yaml", "每缺报一期扣0.5分，扣完为止。", "每缺报一期扣0.5分。"),
            ("content/2020-test/evaluation.yaml", "year: 2020", "year: 2020\nprecision: 3"),
            ("content/2020-test/evaluation.yaml", "  - { slug: gamma, name: 丙单位 }\n", ""),
            ("content/2020-test/evaluation.yaml", "title: 2020年度测试考核", "title: 2020年度测试考评"),
            ("content/site.yaml", "title: 测试站点", "title: 测试站点\nallow_raw_html: true"),
        ]
        for (file, text, replacement) in edits {
            var files = TestSite.minimal
            let original = try #require(files[file])
            #expect(original.contains(text), "\(file) has \(text)")
            files[file] = original.replacingOccurrences(of: text, with: replacement)
            if file.hasSuffix("evaluation.yaml") && replacement.isEmpty {
                files["content/2020-test/results.csv"] = files["content/2020-test/results.csv"]!
                    .replacingOccurrences(of: "gamma,A,4,true,,\ngamma,B,6,,0,\n", with: "")
            }
            let (unit, _, fingerprint, site) = try Self.prepared(files)
            site.remove()
            #expect(fingerprint.unit(unit, selfReport: nil) != before, "\(file): \(text) → \(replacement)")
        }
    }
}
