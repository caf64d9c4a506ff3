import Foundation
import JixiaoCore
import JixiaoTemplate

/// The fingerprint of a score card taken from what the card is made of (the
/// unit's score, its self-report and what every card of the evaluation shares)
/// rather than from its finished template context. An incremental build that
/// scores an evaluation again learns that 1,999 of 2,000 cards did not change
/// without building their contexts, rendering their self-reports through cmark
/// and hashing the result; that was most of its render time.
///
/// Everything `unitContext` and the card's frame read must be added here.
/// `ScoreCardFingerprintTests` fails when UnitScore, IndicatorScore or one of
/// their parts gains a stored property this file does not know of, and checks
/// that changing each one changes the fingerprint. The unit's hash alone
/// (`scores(_:)`) also serves the evaluation's downloads.
struct ScoreCardFingerprint {
    /// What every card of one evaluation shares.
    let shared: StableHash

    /// Stored properties of the score types that `unit(_:selfReport:)` covers.
    static let unitScoreFields = [
        "unit", "indicators", "indicatorTotal", "components", "bonus", "bonusTotal", "adjustments",
        "adjustmentTotal", "vetoes", "selfTotal", "total", "rank", "tied", "grade", "gradeName", "gradeNote",
        "computation", "reviewer",
    ]
    static let indicatorScoreFields = [
        "shared", "points", "score", "selfScore", "deduction", "notApplicable", "vetoed", "inputs", "reasons",
        "evidence", "source", "reviewer", "computation", "children",
    ]
    /// The same for the parts of a unit's score. Not every one is hashed: a bonus
    /// item and a veto are named by id (what a card shows of them is their name), an
    /// adjustment's kind by its name; a new property still fails the test until it
    /// is considered here.
    static let partFields = [
        "ComponentScore": ["id", "name", "weight", "value", "weighted", "computation"],
        "BonusScore": ["item", "points", "reason", "computation", "counted"],
        "AdjustmentScore": ["points", "kind", "kindName", "reason", "source", "noticeYear", "counted"],
        "VetoHit": ["veto", "reason"],
        "RuleInput": ["name", "text"],
    ]

    /// `frame`: the template values every card of the evaluation shares (see
    /// `SiteRenderer.frame(for:evaluation:tab:)`).
    init(evaluation: EvaluatedEvaluation, frame: [String: TemplateValue], theme: Theme, site: EvaluatedSite) {
        var hash = StableHash()
        hash.add("score-card-inputs/1") // never equal to a fingerprint of a context
        hash.add(theme.fingerprint)
        hash.add("unit") // the template
        hash.add(TemplateValue.object(frame))
        hash.add(site.config.allowRawHTML ? 1 : 0)
        hash.add(site.audience.rawValue)
        hash.add(evaluation.slug)
        hash.add(evaluation.settings.precision)
        hash.add(evaluation.result.ranking.count)
        hash.add(evaluation.publishesUnits ? 1 : 0)
        if let system = evaluation.result.system {
            hash.add(1)
            Self.add(system.total, to: &hash)
            // Each card names its indicators by id; what a card shows of them is here, once.
            func walk(_ indicator: Indicator) {
                hash.add(indicator.id)
                hash.add(indicator.name)
                hash.add(indicator.level)
                Self.add(indicator.criteria, to: &hash)
                hash.add(indicator.ruleDescription)
                hash.add(indicator.children.count)
                indicator.children.forEach(walk)
            }
            hash.add(system.indicators.count)
            system.indicators.forEach(walk)
        } else {
            hash.add(0)
        }
        shared = hash
    }

    /// The fingerprint of one unit's card; nil when its self-report has a
    /// shortcode, which may show anything of the evaluation (that card is then
    /// fingerprinted from its context, as every other page).
    func unit(_ unit: UnitScore, selfReport: ContentDocument?) -> StableHash? {
        card(score: Self.scores(unit).whole, selfReport: selfReport)
    }

    /// The same, from the unit's `scores(_:).whole`; the evaluation's downloads also use its hashes.
    func card(score: StableHash, selfReport: ContentDocument?) -> StableHash? {
        var hash = shared
        if let selfReport {
            if selfReport.body.containsBytes("{{<") { return nil }
            hash.add(1)
            hash.add(selfReport.path)
            hash.add(selfReport.body)
        } else {
            hash.add(0)
        }
        hash.add(score)
        return hash
    }

    /// Everything of one unit's score, hashed (`whole`), and all of it but each
    /// indicator score's provenance: its evidence, rule inputs, source and reviewer
    /// (`lean`, see `DownloadFormat.readsProvenance`). One walk gives both: the
    /// provenance goes into a hash of its own, which `whole` adds to `lean`.
    static func scores(_ unit: UnitScore) -> (whole: StableHash, lean: StableHash) {
        var hash = StableHash(), provenance = StableHash()
        hash.add(unit.unit.slug)
        hash.add(unit.unit.name)
        hash.add(unit.indicators.count)
        unit.indicators.forEachInPlace { scores, index in Self.add(scores, index, to: &hash, provenance: &provenance) }
        Self.add(unit.indicatorTotal, to: &hash)
        hash.add(unit.components.count)
        for component in unit.components {
            hash.add(component.id)
            hash.add(component.name)
            Self.add(component.weight, to: &hash)
            Self.add(component.value, to: &hash)
            Self.add(component.weighted, to: &hash)
            hash.add(component.computation)
        }
        hash.add(unit.bonus.count)
        for bonus in unit.bonus {
            hash.add(bonus.item.id)
            hash.add(bonus.item.name)
            Self.add(bonus.points, to: &hash)
            Self.add(bonus.reason, to: &hash)
            hash.add(bonus.computation)
            hash.add(bonus.counted ? 1 : 0)
        }
        Self.add(unit.bonusTotal, to: &hash)
        hash.add(unit.adjustments.count)
        for adjustment in unit.adjustments {
            Self.add(adjustment.points, to: &hash)
            hash.add(adjustment.kindName)
            hash.add(adjustment.reason)
            Self.add(adjustment.source, to: &hash)
            hash.add(adjustment.noticeYear ?? Int.min)
            hash.add(adjustment.counted ? 1 : 0)
        }
        Self.add(unit.adjustmentTotal, to: &hash)
        hash.add(unit.vetoes.count)
        for veto in unit.vetoes {
            hash.add(veto.veto.id)
            hash.add(veto.veto.name)
            Self.add(veto.reason, to: &hash)
        }
        Self.add(unit.selfTotal, to: &hash)
        Self.add(unit.total, to: &hash)
        hash.add(unit.rank)
        hash.add(unit.tied ? 1 : 0)
        hash.add(unit.grade.rawValue)
        hash.add(unit.gradeName)
        Self.add(unit.gradeNote, to: &hash)
        hash.add(unit.computation)
        Self.add(unit.reviewer, to: &hash)
        var whole = hash
        whole.add(provenance)
        return (whole, hash)
    }

    /// `scores[index]` without its children (`forEachInPlace` adds them after it).
    private static func add(_ scores: [IndicatorScore], _ index: Int, to hash: inout StableHash, provenance: inout StableHash) {
        // The indicator's definition is not here: the cards' `shared` and the downloads' inputs have it.
        hash.add(scores[index].indicator.id)
        add(scores[index].points, to: &hash)
        add(scores[index].score, to: &hash)
        add(scores[index].selfScore, to: &hash)
        add(scores[index].deduction, to: &hash)
        hash.add((scores[index].notApplicable ? 1 : 0) + (scores[index].vetoed ? 2 : 0))
        add(scores[index].reasons, to: &hash)
        provenance.add(scores[index].inputs.count)
        for input in scores[index].inputs {
            provenance.add(input.name)
            provenance.add(input.text)
        }
        add(scores[index].evidence, to: &provenance)
        add(scores[index].source, to: &provenance)
        add(scores[index].reviewer, to: &provenance)
        hash.add(scores[index].computation)
        hash.add(scores[index].children.count)
    }

    /// A decimal's 20 bytes as stored: equal bytes are an equal value, so an
    /// unchanged score always hashes the same (the same value stored with another
    /// exponent only costs a card rendered again). Formatting it would cost more
    /// than the rest of the card's fingerprint.
    static func add(_ value: Decimal, to hash: inout StableHash) {
        withUnsafeBytes(of: value) { hash.add($0) }
    }

    private static func add(_ value: Decimal?, to hash: inout StableHash) {
        if let value {
            hash.add(1)
            add(value, to: &hash)
        } else {
            hash.add(0)
        }
    }

    private static func add(_ text: String?, to hash: inout StableHash) {
        if let text {
            hash.add(1)
            hash.add(text)
        } else {
            hash.add(0)
        }
    }

    private static func add(_ texts: [String], to hash: inout StableHash) {
        hash.add(texts.count)
        for text in texts { hash.add(text) }
    }
}
