import Foundation
import JixiaoBytes
import JixiaoCore

extension SiteRenderer {
    /// Every download beside an evaluation's ranking: the built-in tables, then the
    /// formats the caller added. The ranking page links to the same list.
    var downloadFormats: [DownloadFormat] {
        DownloadFormat.builtIn + extraDownloads
    }

    /// One job per download. `scores`: with a cache, each unit's score hashed
    /// (`ScoreCardFingerprint.scores`), whole and without its provenance, in the
    /// order of `evaluation.result.units`.
    ///
    /// A download is made from the evaluation's result alone: its settings and
    /// indicator system (read from the files other than the results) and the
    /// units' scores. Those hashed are its inputs, known before anything of it is
    /// made; when they changed, its content is its fingerprint, so that an edit
    /// that leaves it as it was (evidence, a reason not in it) still keeps the
    /// previous file. The cache records both, as `inputs/content`. A download made
    /// unit by unit (`DownloadFormat.makeByUnit`) is recorded as `inputs/`: when they
    /// changed, it is made again from the previous file's parts and the changed
    /// units', and kept if that gives the previous file.
    func downloadJobs(_ evaluation: EvaluatedEvaluation, scores: [(whole: StableHash, lean: StableHash)]? = nil) -> [Job] {
        let result = evaluation.result
        func shared(_ scores: [StableHash]) -> StableHash {
            var shared = StableHash()
            shared.add("download-inputs/1")
            shared.add(cache?.site ?? "")
            shared.add(evaluation.content.definitionsDigest)
            for hash in scores { shared.add(hash) }
            // The same units' scores in rank order (the audience view strips both lists alike).
            shared.add(result.ranking.map(\.unit.slug).joined(separator: "\n"))
            shared.add(result.gradeCounts.map { "\($0.grade)\t\($0.count)" }.joined(separator: "\n"))
            shared.add(result.pendingTies.joined(separator: "\n"))
            return shared
        }
        // Only a build with a cache compares inputs.
        let inputs = scores.map { (whole: shared($0.map(\.whole)), lean: shared($0.map(\.lean))) }
        // What each unit's key for a download made unit by unit adds to its score: the
        // evaluation's own files (and the format's name, below). Not the site: a
        // unit's part shows nothing of the site's pages or theme.
        let unitPartBase = {
            var base = StableHash()
            base.add("download-unit-part/1")
            base.add(evaluation.content.definitionsDigest)
            return base
        }()
        return DownloadFormat.largeFirst(downloadFormats).map { format in
            { renderer in
                let path = SitePaths.download(evaluation.slug, format.fileName)
                do {
                    let known = inputs.map { inputs in
                        var hash = format.readsProvenance ? inputs.whole : inputs.lean
                        hash.add(format.fileName)
                        return hash.hex + "/"
                    }
                    if let known, renderer.reusesPrevious(path, recordedAs: { $0.hasPrefix(known) }) { return }
                    if let known, let scores, let makeByUnit = format.makeByUnit {
                        // Recorded by its inputs alone: its parts are what is made again, not the whole file.
                        var base = unitPartBase
                        base.add(format.fileName)
                        let keys = scores.map { score in
                            var key = base
                            key.add(format.readsProvenance ? score.whole : score.lean)
                            return key.hex
                        }
                        let previous = renderer.cache?.previousDownload(path)
                        let made = try makeByUnit(result, keys, previous)
                        renderer.downloadParts[path] = made.parts
                        // Every part copied and the rest the same (after a theme change): the previous file stays.
                        if made.data == previous?.file, renderer.reusesPrevious(path, recordedAs: { _ in true }, recording: known) {
                            return
                        }
                        renderer.fingerprints[path] = known
                        renderer.files.add(path, data: made.data)
                        return
                    }
                    let prepared = try format.prepare(result)
                    if renderer.cache != nil {
                        var hash = prepared.fingerprint()
                        hash.add(format.fileName)
                        let content = hash.hex, recording = (known ?? "/") + content
                        if renderer.reusesPrevious(path, recordedAs: { $0.hasSuffix("/" + content) }, recording: recording) {
                            return
                        }
                        renderer.fingerprints[path] = recording
                    }
                    renderer.files.add(path, data: try prepared.make())
                } catch {
                    renderer.diagnostics.append(.error(at: SourceLocation(file: evaluation.content.folder),
                                                       "无法生成下载文件 \(format.fileName)：\(error)"))
                }
            }
        }
    }
}

extension DownloadFormat {
    /// ranking.csv, ranking.json and scores.csv, written beside every ranking.
    public static var builtIn: [DownloadFormat] {
        [
            DownloadFormat(fileName: "ranking.csv", title: "排名 CSV", readsProvenance: false) {
                Data(ResultTables.rankingCSV($0).utf8)
            },
            DownloadFormat(fileName: "ranking.json", title: "排名 JSON", readsProvenance: false) {
                Data(ResultTables.rankingJSON($0).utf8)
            },
            DownloadFormat(fileName: "scores.csv", title: "全部得分 CSV", readsProvenance: false) {
                ResultTables.scoresCSV($0, keys: nil, previous: nil).data
            }.madeByUnit { result, keys, previous in
                ResultTables.scoresCSV(result, keys: keys, previous: previous)
            },
        ]
    }
}

/// The machine-readable tables of an evaluation, shared by the site's downloads
/// and `jixiao score`: ranking.csv, ranking.json and scores.csv. CSV starts with a
/// UTF-8 BOM so that Excel shows the Chinese text correctly when double-clicked.
public enum ResultTables {
    static let byteOrderMark = "\u{FEFF}"

    public static func rankingCSV(_ result: EvaluationResult, byteOrderMark withMark: Bool = true) -> String {
        let precision = result.settings.precision
        let components = result.settings.formula?.components ?? []
        var text = (withMark ? byteOrderMark : "") + Format.csvLine(
            ["rank", "tied", "unit", "slug"] + components.map(\.name) + ["indicators", "bonus", "adjustments", "total", "grade"])
        for unit in result.ranking {
            text += Format.csvLine(
                ["\(unit.rank)", unit.tied ? "并列" : "", unit.unit.name, unit.unit.slug]
                + unit.components.map { Format.score($0.value, precision) }
                + [Format.score(unit.indicatorTotal, precision), Format.score(unit.bonusTotal, precision),
                   Format.score(unit.adjustmentTotal, precision), Format.score(unit.total, precision), unit.gradeName])
        }
        return text
    }

    public static func rankingJSON(_ result: EvaluationResult) -> String {
        let precision = result.settings.precision
        let rows = result.ranking.map { unit in
            "  {\"rank\": \(unit.rank), \"unit\": \(Format.jsonString(unit.unit.name)), "
                + "\"slug\": \(Format.jsonString(unit.unit.slug)), "
                + "\"total\": \(Format.jsonString(Format.score(unit.total, precision))), "
                + "\"grade\": \(Format.jsonString(unit.gradeName)), \"tied\": \(unit.tied)}"
        }
        return "[\n" + rows.joined(separator: ",\n") + "\n]\n"
    }

    public static func scoresCSV(_ result: EvaluationResult) -> String {
        String(decoding: scoresCSV(result, keys: nil, previous: nil).data, as: UTF8.self)
    }

    /// scores.csv made unit by unit (see `DownloadFormat.makeByUnit`): each unit's
    /// lines are a part, copied from the previous file when its key is found there.
    /// Built as bytes, tens of megabytes at 10,000 pages.
    static func scoresCSV(_ result: EvaluationResult, keys: [String]?,
                          previous: PreviousDownload?) -> (data: Data, parts: [DownloadPart]) {
        let precision = result.settings.precision
        // About the previous file's size, or 200 bytes a line (the lines average 150):
        // the table is built without growing it again and again.
        var bytes = ByteBuffer(capacity: previous.map { $0.file.count + $0.file.count / 64 }
            ?? result.units.reduce(4096) { $0 + $1.indicators.countInTrees * 200 })
        bytes.append(byteOrderMark)
        Format.appendCSVLine(
            ["unit", "unit_name", "indicator", "indicator_name", "level", "points", "self", "score", "deduction", "reasons", "computation"],
            to: &bytes)
        var parts: [DownloadPart] = []
        let keys = keys?.count == result.units.count ? keys : nil
        // A unit's fields and an indicator's are the same on each of their lines: encoded
        // once (the indicators' from the first unit), then copied, rather than on every line.
        let indicatorFields = PerIndicator(result.units.first?.indicators ?? [], make: Self.indicatorFields)
        for (position, unit) in result.units.enumerated() {
            let start = bytes.count, key = keys?[position]
            if let key, let kept = previous?.part(key) {
                kept.copy(to: &bytes)
                parts.append(kept.moved(to: start))
                continue
            }
            var unitFields = ByteBuffer(capacity: 128)
            Format.appendCSVField(unit.unit.slug, first: true, to: &unitFields)
            Format.appendCSVField(unit.unit.name, to: &unitFields)
            unit.indicators.forEachInPlace { scores, index in
                unitFields.withUnsafeBytes { bytes.append($0) }
                (indicatorFields.value(for: scores[index]) ?? Self.indicatorFields(scores, index)).withUnsafeBufferPointer {
                    bytes.append($0)
                }
                Format.appendCSVField(Format.score(scores[index].points, precision), to: &bytes)
                Format.appendCSVField(Format.score(scores[index].selfScore, precision) ?? "", to: &bytes)
                Format.appendCSVField(Format.score(scores[index].score, precision) ?? "不适用", to: &bytes)
                Format.appendCSVField(scores[index].notApplicable ? "" : Format.score(scores[index].deduction, precision), to: &bytes)
                let reasons = scores[index].reasons
                Format.appendCSVField(reasons.count == 1 ? reasons[0] : reasons.joined(separator: "；"), to: &bytes)
                Format.appendCSVField(scores[index].computation, to: &bytes)
                Format.endCSVLine(&bytes)
            }
            if let key {
                parts.append(bytes.withUnsafeBytes { DownloadPart(key: key, offset: start, bytes: UnsafeBufferPointer(rebasing: $0[start...])) })
            }
        }
        return (bytes.data(), parts)
    }

    /// The indicator's id, name and level as fields of a scores.csv line.
    private static func indicatorFields(_ scores: [IndicatorScore], _ index: Int) -> [UInt8] {
        var fields = ByteBuffer(capacity: 128)
        Format.appendCSVField(scores[index].indicator.id, to: &fields)
        Format.appendCSVField(scores[index].indicator.name, to: &fields)
        Format.appendCSVField(String(scores[index].indicator.level), to: &fields)
        return fields.array
    }
}
