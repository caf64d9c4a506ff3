import Foundation
import JixiaoBytes
import JixiaoCore
import JixiaoSite
import JixiaoZIP

/// A sheet whose rows come in groups, one per unit (`Sheet.groupSizes`), written
/// as segments compressed on their own: the head (everything up to the header
/// row), one segment per `Sheet.groupsPerSegment` groups and the tail. A group's
/// rows are written without row numbers and with their texts inline, so they are
/// the same bytes wherever the group falls; an incremental build copies every
/// segment whose units' keys are all unchanged from the previous file (see
/// `DownloadFormat.makeByUnit`) and writes and compresses only the others.
enum XLSXSheetParts {
    /// One segment of groups, with the widest content of each column in it (the
    /// head's column widths are the widest of all segments).
    struct Part: Sendable {
        var segment: DeflatedSegment
        var widths: [Int]
        /// How many of its cells are shared texts (uses counted by the shared string table).
        var sharedReferences: Int
        /// The part's key (from its units' keys), when the caller gave the units' keys.
        var key: String?
        /// The previous file's part it was copied from.
        var kept: PreviousDownload.KeptPart?
    }

    /// The sheet's segments in order (head, parts, tail) and its parts.
    /// `keys`: each group's unit key; `number`: the sheet's place in the workbook;
    /// `sharedIDs`: the shared-string ids of its `sharedTexts`.
    static func segments(_ sheet: XLSXWorkbook.Sheet, groupSizes: [Int], number: Int, keys: [String]?,
                         previous: PreviousDownload?, sharedIDs: [Int] = []) throws -> (segments: [DeflatedSegment], parts: [Part]) {
        let columnCount = XLSXSheetWriter.columnCount(sheet)
        let styles = XLSXSheetWriter.dataStyles(sheet, columnCount: columnCount)
        let sharedWidths = sheet.sharedTexts.map { XLSXSheetWriter.widestLine($0) }
        let fullWidths = XLSXSheetWriter.fullWidths(sheet, columnCount: columnCount)
        let pieces = XLSXSheetWriter.RowPieces(columnCount: columnCount, styles: styles, numbered: false)
        var groupStarts: [Int] = []
        var start = 0
        for size in groupSizes {
            groupStarts.append(start)
            start += size
        }
        let starts = groupStarts
        let spans = segmentSpans(groupCount: groupSizes.count, groupsPerSegment: sheet.groupsPerSegment)
        // A part's bytes depend on its groups' rows, the number of columns and their
        // styles, and the shared texts' ids.
        let partKeys: [String]? = keys.map { keys in
            var shared = StableHash()
            shared.add("xlsx-sheet-part/3")
            shared.add(number)
            shared.add(columnCount)
            for style in styles { shared.add(style) }
            shared.add(sheet.sharedTexts.count)
            for (text, id) in zip(sheet.sharedTexts, sharedIDs) {
                shared.add(text)
                shared.add(id)
            }
            return spans.map { span in
                var hash = shared
                hash.add(span.count)
                for key in keys[span] { hash.add(key) }
                return hash.hex
            }
        }
        let made = Array(spans.indices).concurrentMap { index -> Part? in
            let key = partKeys?[index]
            if let key, let kept = previous?.part(key), let part = part(kept.bytes, detail: kept.detail, columnCount: columnCount) {
                return Part(segment: part.segment, widths: part.widths, sharedReferences: part.sharedReferences, key: key, kept: kept)
            }
            var widths = Array(repeating: 0, count: columnCount)
            var sharedReferences = 0
            // A scores row is about 400 bytes: grown once at most.
            var xml = ByteBuffer(capacity: groupSizes[spans[index]].reduce(0, +) * 512)
            for group in spans[index] {
                let rows = sheet.makeGroup.map { ArraySlice($0(group)) } ?? sheet.rows[starts[group] ..< starts[group] + groupSizes[group]]
                // Rows made now that do not fit the sheet's columns give no part (see `Sheet.makeGroup`).
                guard rows.count == groupSizes[group], rows.allSatisfy({ $0.count <= columnCount }) else { return nil }
                for row in rows {
                    for (column, cell) in row.prefix(columnCount).enumerated() {
                        if case .sharedText = cell { sharedReferences += 1 }
                        // The texts of a column already as wide as it gets are not measured.
                        guard widths[column] < fullWidths[column] else { continue }
                        if let width = XLSXSheetWriter.width(cell, sharedWidths: sharedWidths, upTo: fullWidths[column]) {
                            widths[column] = max(widths[column], width)
                        }
                    }
                }
                var noTextIDs: ArraySlice<Int> = []
                // A failure gives no part, which fails the workbook below.
                guard (try? XLSXSheetWriter.writeRows(rows, columnCount: columnCount, styles: styles, firstRow: nil, pieces: pieces,
                                                      textIDs: &noTextIDs, sharedIDs: sharedIDs, xml: &xml, chunkSize: .max) { _ in }) != nil
                else { return nil }
            }
            guard let segment = try? xml.withUnsafeBytes({ try DeflatedSegment(compressing: $0, last: false) }) else { return nil }
            return Part(segment: segment, widths: widths, sharedReferences: sharedReferences, key: key)
        }
        var parts: [Part] = []
        for part in made {
            guard let part else { throw XLSXWriteError() }
            parts.append(part)
        }

        var widths = XLSXSheetWriter.headerWidths(sheet, columnCount: columnCount)
        for part in parts {
            for column in 0..<columnCount { widths[column] = max(widths[column], part.widths[column]) }
        }
        var head = ByteBuffer(capacity: 4096)
        XLSXSheetWriter.writeOpening(sheet, columnCount: columnCount, widths: widths, to: &head)
        var noTextIDs: ArraySlice<Int> = []
        _ = try XLSXSheetWriter.writeLeadingRows(sheet, columnCount: columnCount, numbered: false, textIDs: &noTextIDs,
                                                 xml: &head, chunkSize: .max) { _ in }
        let tail = Array(XLSXSheetWriter.closing(sheet, columnCount: columnCount).utf8)
        let segments = [try head.withUnsafeBytes { try DeflatedSegment(compressing: $0, last: false) }] + parts.map(\.segment)
            + [try DeflatedSegment(compressing: tail, last: true)]
        return (segments, parts)
    }

    /// The groups of each segment: `groupsPerSegment` consecutive ones (at least one),
    /// counted from the first, so that an edit that keeps the units keeps every span.
    static func segmentSpans(groupCount: Int, groupsPerSegment: Int) -> [Range<Int>] {
        let size = max(1, groupsPerSegment)
        return stride(from: 0, to: groupCount, by: size).map { $0 ..< min($0 + size, groupCount) }
    }

    /// What a part keeps beside its compressed bytes: `crc length width,width,… sharedReferences`.
    static func detail(_ part: Part) -> String {
        "\(part.segment.crc) \(part.segment.length) " + part.widths.map(String.init).joined(separator: ",")
            + " \(part.sharedReferences)"
    }

    /// A part kept by the previous build, from its bytes and `detail`.
    static func part(_ bytes: Data, detail: String, columnCount: Int)
        -> (segment: DeflatedSegment, widths: [Int], sharedReferences: Int)? {
        let fields = detail.split(separator: " ", omittingEmptySubsequences: false)
        guard fields.count == 4, let crc = UInt32(fields[0]), let length = Int(fields[1]), length >= 0,
              let sharedReferences = Int(fields[3]), sharedReferences >= 0 else { return nil }
        let widths = fields[2].split(separator: ",").compactMap { Int($0) }
        guard widths.count == columnCount else { return nil }
        return (DeflatedSegment(compressed: bytes, crc: crc, length: length), widths, sharedReferences)
    }
}
