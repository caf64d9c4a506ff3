import Foundation
import JixiaoTemplate

/// The ranking page's own context (see `SiteRenderer.rankingBase`), kept in
/// `evaluations/<slug>.ranking` beside the evaluation's record. When the year
/// before changes its ranks, the ranking's rank changes are all that changes in
/// an evaluation, unless a document of it shows the year-change table (then no
/// such file is kept): the page is made again from this file and the year
/// before's ranking, and the evaluation is not scored again.
///
/// The file: one text line, the records header, the record's digest and the
/// context's hash (a file that does not match its record, or is damaged, is not
/// used), then the context in bytes: a
/// kind byte, then a string or key as its UTF-8 length and bytes, an integer as
/// a zigzag number, a list or object as its count and members (an object's
/// keys sorted, so the same context gives the same file). Numbers are LEB128.
enum RankingPageRecord {
    private enum Kind: UInt8 {
        case string = 1, yes, no, int, list, object, null
    }

    static func encode(_ context: [String: TemplateValue]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(1 << 16)
        write(.object(context), into: &bytes)
        return bytes
    }

    /// The context `encode` wrote, or nil when `bytes` are anything else.
    static func decode(_ bytes: some Collection<UInt8>) -> [String: TemplateValue]? {
        var reader = Reader(bytes: Array(bytes))
        guard case .object(let context)? = reader.value(depth: 0), reader.position == reader.bytes.count else { return nil }
        return context
    }

    /// The file's contents for the record `header` (see BuildCache.recordsHeader) and `digest`.
    static func file(header: String, digest: String, context: [UInt8]) -> [UInt8] {
        Array("\(header)\t\(digest)\t\(hash(context[...]))\n".utf8) + context
    }

    /// The context in `file`, if the file belongs to the record `header` and `digest` and is whole.
    static func read(_ file: [UInt8], header: String, digest: String) -> [String: TemplateValue]? {
        guard let end = file.firstIndex(of: UInt8(ascii: "\n")) else { return nil }
        let context = file[(end + 1)...]
        guard file[..<end].elementsEqual("\(header)\t\(digest)\t\(hash(context))".utf8) else { return nil }
        return decode(context)
    }

    private static func hash(_ bytes: ArraySlice<UInt8>) -> String {
        var hash = StableHash()
        bytes.withUnsafeBytes { hash.add($0) }
        return hash.hex
    }

    private static func write(_ value: TemplateValue, into bytes: inout [UInt8]) {
        switch value {
        case .string(let text):
            bytes.append(Kind.string.rawValue)
            write(text, into: &bytes)
        case .bool(let flag):
            bytes.append((flag ? Kind.yes : Kind.no).rawValue)
        case .int(let number):
            bytes.append(Kind.int.rawValue)
            write(UInt64(bitPattern: Int64(number) << 1 ^ Int64(number) >> 63), into: &bytes)
        case .list(let items):
            bytes.append(Kind.list.rawValue)
            write(UInt64(items.count), into: &bytes)
            for item in items { write(item, into: &bytes) }
        case .object, .record:
            let members = value.members ?? [:]
            bytes.append(Kind.object.rawValue)
            write(UInt64(members.count), into: &bytes)
            for key in members.keys.sorted() {
                write(key, into: &bytes)
                write(members[key]!, into: &bytes)
            }
        case .null:
            bytes.append(Kind.null.rawValue)
        }
    }

    private static func write(_ text: String, into bytes: inout [UInt8]) {
        write(UInt64(text.utf8.count), into: &bytes)
        bytes.append(contentsOf: text.utf8)
    }

    private static func write(_ number: UInt64, into bytes: inout [UInt8]) {
        var rest = number
        while rest >= 0x80 {
            bytes.append(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    private struct Reader {
        let bytes: [UInt8]
        var position = 0

        /// Deeper than any context is made: a damaged file cannot recurse without end.
        static let maximumDepth = 32

        mutating func value(depth: Int) -> TemplateValue? {
            guard depth < Self.maximumDepth, position < bytes.count, let kind = Kind(rawValue: bytes[position]) else { return nil }
            position += 1
            switch kind {
            case .string: return text().map(TemplateValue.string)
            case .yes: return .bool(true)
            case .no: return .bool(false)
            case .null: return .null
            case .int:
                guard let zigzag = number() else { return nil }
                return .int(Int(Int64(bitPattern: zigzag >> 1) ^ -Int64(bitPattern: zigzag & 1)))
            case .list:
                guard let count = number(), count <= UInt64(bytes.count - position) else { return nil }
                var items: [TemplateValue] = []
                items.reserveCapacity(Int(count))
                for _ in 0..<count {
                    guard let item = value(depth: depth + 1) else { return nil }
                    items.append(item)
                }
                return .list(items)
            case .object:
                guard let count = number(), count <= UInt64(bytes.count - position) else { return nil }
                var members: [String: TemplateValue] = [:]
                members.reserveCapacity(Int(count))
                for _ in 0..<count {
                    guard let key = text(), members[key] == nil, let member = value(depth: depth + 1) else { return nil }
                    members[key] = member
                }
                return .object(members)
            }
        }

        mutating func text() -> String? {
            guard let count = number(), count <= UInt64(bytes.count - position) else { return nil }
            let end = position + Int(count)
            guard let text = String(validating: bytes[position..<end], as: UTF8.self) else { return nil }
            position = end
            return text
        }

        mutating func number() -> UInt64? {
            var result: UInt64 = 0
            var shift: UInt64 = 0
            while position < bytes.count, shift < 64 {
                let byte = bytes[position]
                position += 1
                result |= UInt64(byte & 0x7F) << shift
                if byte < 0x80 { return result }
                shift += 7
            }
            return nil
        }
    }
}
