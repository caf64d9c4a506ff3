import Foundation
import JixiaoCore

/// Splits CSV text into rows of cells in one pass, counting physical lines so
/// each row knows where it starts, and catching the two quoting mistakes that a
/// lenient reader would silently swallow (an unterminated quote, text after a
/// closing quote).
///
/// RFC 4180 with what Excel writes: `,` between cells; CRLF, LF or CR between
/// rows; a cell in `"…"` may hold commas and line breaks, `""` is a quote.
/// Spaces around a cell (tab and the Unicode space separators, as
/// `CharacterSet.whitespaces`) are trimmed; inside quotes nothing is trimmed.
/// Works on UTF-8 bytes: every marker is ASCII, and a cell becomes a String
/// once, straight from its bytes.
struct CSVRowReader {
    private let bytes: [UInt8]
    private var position: Int
    private let end: Int
    private var line: Int
    /// The previous row's number of cells, room for the next one's at once (grown
    /// cell by cell, a row of a results table was allocated five times over).
    private var cellsPerRow = 0
    let file: String

    init(_ text: String, file: String) {
        self.init(Array(text.utf8), file: file)
    }

    /// Reads `bytes[range]` (whole rows), whose first row starts on `line`.
    init(_ bytes: [UInt8], range: Range<Int>? = nil, line: Int = 1, file: String) {
        self.bytes = bytes
        position = range?.lowerBound ?? 0
        end = range?.upperBound ?? bytes.count
        self.line = line
        self.file = file
    }

    /// The rest of the text from `start` (a row's beginning, on `line`) cut into
    /// about `count` pieces of whole rows, each with the line it starts on; empty
    /// when the rest is small or holds a quote. Without quotes every line break
    /// ends a row; with them, only reading the rows in order tells which line
    /// breaks are inside a cell.
    static func pieces(of bytes: [UInt8], count: Int, from start: Int, line: Int) -> [(range: Range<Int>, line: Int)] {
        guard count > 1, bytes.count - start >= 1 << 20, !bytes[start...].contains(quote) else { return [] }
        var pieces: [(range: Range<Int>, line: Int)] = []
        var pieceStart = start, pieceLine = line
        var index = start, line = line
        for piece in 1..<count {
            let target = start + (bytes.count - start) * piece / count
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                // CRLF, LF or CR: one line break, counted at its last byte.
                if byte == lineFeed || (byte == carriageReturn && (index == bytes.count || bytes[index] != lineFeed)) {
                    line += 1
                    if index >= target { break }
                }
            }
            guard index < bytes.count else { break }
            pieces.append((pieceStart..<index, pieceLine))
            (pieceStart, pieceLine) = (index, line)
        }
        pieces.append((pieceStart..<bytes.count, pieceLine))
        return pieces.count > 1 ? pieces : []
    }

    /// Where the next row starts and its line (after `next()`, the end of the rows read so far).
    var place: (offset: Int, line: Int) { (position, line) }

    private static let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), lineFeed: UInt8 = 0x0A, carriageReturn: UInt8 = 0x0D

    /// The next row's cells and its first line; nil at the end of the text.
    mutating func next() throws(DiagnosticsError) -> (cells: [String], line: Int)? {
        guard position < end else { return nil }
        let rowLine = line
        var cells: [String] = []
        cells.reserveCapacity(cellsPerRow)
        while true {
            let (cell, endOfRow) = try readCell()
            cells.append(cell)
            if endOfRow {
                cellsPerRow = cells.count
                return (cells, rowLine)
            }
        }
    }

    private mutating func readCell() throws(DiagnosticsError) -> (String, endOfRow: Bool) {
        skipSpaces()
        if position < bytes.count, bytes[position] == Self.quote {
            return try readQuotedCell()
        }
        let start = position
        while position < bytes.count {
            let byte = bytes[position]
            if byte == Self.comma {
                position += 1
                return (text(start, trimmedEnd(start, position - 1)), false)
            }
            if byte == Self.lineFeed || byte == Self.carriageReturn {
                let end = position
                consumeLineBreak()
                return (text(start, trimmedEnd(start, end)), true)
            }
            position += 1
        }
        return (text(start, trimmedEnd(start, position)), true)
    }

    private mutating func readQuotedCell() throws(DiagnosticsError) -> (String, endOfRow: Bool) {
        let quoteLine = line
        position += 1
        var cell: [UInt8] = []
        while true {
            guard position < bytes.count else {
                throw DiagnosticsError([.error(at: SourceLocation(file: file, line: quoteLine),
                                               "引号没有闭合：从这一行开始的引号直到文件末尾都没有结束",
                                               hint: "在单元格末尾补上英文双引号 \"；单元格中的引号要写成两个引号 \"\"。")])
            }
            let byte = bytes[position]
            if byte == Self.quote {
                if position + 1 < bytes.count, bytes[position + 1] == Self.quote {
                    cell.append(Self.quote)
                    position += 2
                    continue
                }
                position += 1
                break
            }
            if byte == Self.carriageReturn || (byte == Self.lineFeed && (position == 0 || bytes[position - 1] != Self.carriageReturn)) {
                line += 1
            }
            cell.append(byte)
            position += 1
        }
        let value = String(decoding: cell, as: UTF8.self)
        skipSpaces()
        guard position < bytes.count else { return (value, true) }
        switch bytes[position] {
        case Self.comma:
            position += 1
            return (value, false)
        case Self.lineFeed, Self.carriageReturn:
            consumeLineBreak()
            return (value, true)
        default:
            throw DiagnosticsError([.error(at: SourceLocation(file: file, line: line), "引号结束后还有其他文字",
                                           hint: "整个单元格都要在引号内；单元格中的引号要写成两个引号 \"\"。")])
        }
    }

    /// CRLF, LF or CR: one line break.
    private mutating func consumeLineBreak() {
        if bytes[position] == Self.carriageReturn, position + 1 < bytes.count, bytes[position + 1] == Self.lineFeed {
            position += 1
        }
        position += 1
        line += 1
    }

    private mutating func skipSpaces() {
        while position < bytes.count, let length = spaceLength(at: position) { position += length }
    }

    private func trimmedEnd(_ start: Int, _ end: Int) -> Int {
        var end = end
        while end > start {
            // Back to the first byte of the last character (continuation bytes are 10xxxxxx).
            var first = end - 1
            while first > start, bytes[first] & 0xC0 == 0x80 { first -= 1 }
            guard spaceLength(at: first) == end - first else { break }
            end = first
        }
        return end
    }

    private func text(_ start: Int, _ end: Int) -> String {
        // Most cells of a results table are empty: no decoding for those.
        start == end ? "" : String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// What counts as space around a cell: Foundation's `whitespaces` (tab, the
    /// space separators and, on Linux, U+200B).
    private static let spaces = CharacterSet.whitespaces

    /// The byte length of the space character at `index`, or nil when it is not one.
    /// Only bytes C2 (U+00A0) and E1–E3 (U+1680, U+2000–205F, U+3000) can start one.
    private func spaceLength(at index: Int) -> Int? {
        let byte = bytes[index]
        if byte == 0x20 || byte == 0x09 { return 1 }
        guard byte >= 0xC2, byte <= 0xE3, index + 1 < bytes.count else { return nil }
        if byte == 0xC2 { return bytes[index + 1] == 0xA0 && Self.spaces.contains("\u{A0}") ? 2 : nil }
        guard byte >= 0xE1, index + 2 < bytes.count else { return nil }
        let scalar = (UInt32(byte & 0x0F) << 12) | (UInt32(bytes[index + 1] & 0x3F) << 6) | UInt32(bytes[index + 2] & 0x3F)
        guard let value = Unicode.Scalar(scalar) else { return nil }
        return Self.spaces.contains(value) ? 3 : nil
    }
}
