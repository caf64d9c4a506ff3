import Foundation
import JixiaoCore

/// The rows of a results table told apart by unit on its bytes, without reading
/// the cells: what a build cache needs to know which units' results changed
/// (`hashes`), to read only theirs (`text(omitting:)`) and to tell whose row a
/// diagnostic is about (`unit(atLine:)`).
///
/// Only for a table it can split exactly as CSVSource reads it; nil otherwise,
/// and the table is read and scored whole: a `unit` cell that is quoted or not
/// a unit of the evaluation, a row with no unit that is not blank, a cell
/// holding a line break, a line ended by CR alone, a quoted header.
struct UnitRows: Sendable {
    struct Row: Sendable {
        /// Index into `slugs`; -1 for a blank row.
        var unit: Int
        var line: Int
        /// The row's bytes, without its line break.
        var range: Range<Int>
    }

    let bytes: [UInt8]
    let header: Range<Int>
    /// The units with rows, in the order their first rows come.
    private(set) var slugs: [String] = []
    /// Every row after the header, in order.
    private(set) var rows: [Row] = []
    /// Each unit's rows, as indexes into `rows`.
    private(set) var rowsOfUnit: [[Int]] = []

    private static let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), lineFeed: UInt8 = 0x0A,
                        carriageReturn: UInt8 = 0x0D, space = UInt8(ascii: " "), tab: UInt8 = 0x09

    /// `units`: the slugs of evaluation.yaml's units.
    init?(text: String, units: Set<String>) {
        bytes = Array(text.utf8)
        guard Self.onlyCRLF(bytes) else { return nil }
        // Lines: [start, end) without the line break; found with memchr (a table has megabytes).
        var lines: [Range<Int>] = []
        let hasQuotes = bytes.withUnsafeBufferPointer { buffer -> Bool in
            var start = 0
            while start < buffer.count {
                let found = buffer.firstOffset(of: Self.lineFeed, from: start) ?? buffer.count
                let end = found > start && buffer[found - 1] == Self.carriageReturn ? found - 1 : found
                lines.append(start..<end)
                start = found + 1
            }
            return buffer.firstOffset(of: Self.quote) != nil
        }
        guard let first = lines.first, !bytes[first].contains(Self.quote) else { return nil }
        header = first
        let names = bytes[first].split(separator: Self.comma, omittingEmptySubsequences: false).map { Self.trimmed($0) }
        guard let column = names.firstIndex(where: { $0.elementsEqual("unit".utf8) }) else { return nil }
        var places: [String: Int] = [:]
        var previous: (bytes: ArraySlice<UInt8>, unit: Int)?
        rows.reserveCapacity(lines.count)
        for (offset, line) in lines.enumerated().dropFirst() {
            guard let cell = hasQuotes ? Self.cell(column, of: bytes[line]) : Self.plainCell(column, of: bytes[line])
            else { return nil }
            let unit: Int
            if let previous, previous.bytes.elementsEqual(cell) {
                unit = previous.unit
            } else if cell.isEmpty {
                // The reader skips a row whose cells are all empty; any other row without a unit is an error.
                guard bytes[line].allSatisfy({ $0 == Self.comma || $0 == Self.space || $0 == Self.tab }) else { return nil }
                unit = -1
            } else {
                let slug = String(decoding: cell, as: UTF8.self)
                guard units.contains(slug) else { return nil }
                if let place = places[slug] {
                    unit = place
                } else {
                    unit = slugs.count
                    places[slug] = unit
                    slugs.append(slug)
                    rowsOfUnit.append([])
                }
            }
            if unit >= 0 {
                previous = (cell, unit)
                rowsOfUnit[unit].append(rows.count)
            }
            rows.append(Row(unit: unit, line: offset + 1, range: line))
        }
    }

    /// Each unit's rows, with their line numbers and the header, hashed, by slug.
    var hashes: [String: StableHash] {
        var hashes: [String: StableHash] = [:]
        hashes.reserveCapacity(slugs.count)
        bytes.withUnsafeBytes { raw in
            for (unit, slug) in slugs.enumerated() {
                var hash = StableHash()
                hash.add(UnsafeRawBufferPointer(rebasing: raw[header]))
                hash.add(rowsOfUnit[unit].count)
                for index in rowsOfUnit[unit] {
                    hash.add(rows[index].line)
                    hash.add(UnsafeRawBufferPointer(rebasing: raw[rows[index].range]))
                }
                hashes[slug] = hash
            }
        }
        return hashes
    }

    /// The unit whose row is on `line`, if any.
    func unit(atLine line: Int) -> String? {
        // Rows are one line each, in order after the header on line 1.
        let index = line - 2
        guard rows.indices.contains(index), rows[index].unit >= 0 else { return nil }
        return slugs[rows[index].unit]
    }

    /// The table with the rows of `omitted` units emptied: every other row on the
    /// same line as before, so reading it reads the others' rows exactly as in
    /// the whole table, and the emptied rows are skipped as blank.
    func text(omitting omitted: Set<String>) -> String {
        let skipped = Set(slugs.indices.filter { omitted.contains(slugs[$0]) })
        var kept: [UInt8] = []
        kept.reserveCapacity(bytes.count)
        var cursor = 0
        for row in rows where row.unit >= 0 && skipped.contains(row.unit) {
            kept.append(contentsOf: bytes[cursor..<row.range.lowerBound])
            cursor = row.range.upperBound
        }
        kept.append(contentsOf: bytes[cursor...])
        return String(decoding: kept, as: UTF8.self)
    }

    /// The `column`th cell of a line without quotes, trimmed as `cell(_:of:)` trims it.
    private static func plainCell(_ column: Int, of line: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
        var start = line.startIndex
        for _ in 0..<column {
            guard let comma = line[start...].firstIndex(of: comma) else { return line[line.endIndex...] }
            start = comma + 1
        }
        return trimmed(line[start..<(line[start...].firstIndex(of: comma) ?? line.endIndex)])
    }

    /// The `column`th cell of a line, trimmed as the reader trims it (spaces and
    /// tabs; a unit slug has no other space); empty when the line has fewer cells.
    /// Nil when the unit's cell is quoted, a quote is anywhere but where the reader
    /// takes it as one (opening a cell, doubled inside it, closing it before a
    /// comma), or a quoted cell goes on past the line.
    private static func cell(_ column: Int, of line: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
        var index = line.startIndex
        var current = 0
        var found: ArraySlice<UInt8>?
        while true {
            // At the start of a cell.
            var start = index
            while start < line.endIndex, line[start] == space || line[start] == tab { start += 1 }
            var end = start
            if start < line.endIndex, line[start] == quote {
                guard current != column else { return nil }
                end += 1
                while true {
                    guard end < line.endIndex else { return nil } // the cell holds a line break
                    if line[end] == quote {
                        if end + 1 < line.endIndex, line[end + 1] == quote { end += 2; continue }
                        end += 1
                        break
                    }
                    end += 1
                }
                while end < line.endIndex, line[end] == space || line[end] == tab { end += 1 }
                guard end == line.endIndex || line[end] == comma else { return nil }
            } else {
                while end < line.endIndex, line[end] != comma {
                    guard line[end] != quote else { return nil }
                    end += 1
                }
                if current == column { found = trimmed(line[start..<end]) }
            }
            guard end < line.endIndex else { break }
            index = end + 1 // past the comma
            current += 1
        }
        return found ?? line[line.endIndex...]
    }

    private static func trimmed(_ cell: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var cell = cell
        while let first = cell.first, first == space || first == tab { cell.removeFirst() }
        while let last = cell.last, last == space || last == tab { cell.removeLast() }
        return cell
    }

    /// Whether every CR is the first half of a CRLF.
    private static func onlyCRLF(_ bytes: [UInt8]) -> Bool {
        // Each CR found with memchr: most tables have none.
        bytes.withUnsafeBufferPointer { buffer in
            var start = 0
            while let index = buffer.firstOffset(of: carriageReturn, from: start) {
                guard index + 1 < buffer.count, buffer[index + 1] == lineFeed else { return false }
                start = index + 1
            }
            return true
        }
    }
}
