import Foundation
import JixiaoCore
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
        var writer = BinaryWriter(capacity: 1 << 16)
        write(.object(context), into: &writer)
        return writer.bytes
    }

    /// The context `encode` wrote, or nil when `bytes` are anything else.
    static func decode(_ bytes: some Collection<UInt8>) -> [String: TemplateValue]? {
        Array(bytes).withUnsafeBytes { raw in
            var reader = BinaryReader(raw)
            guard case .object(let context)? = value(&reader, depth: 0), reader.isAtEnd else { return nil }
            return context
        }
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

    private static func write(_ value: TemplateValue, into writer: inout BinaryWriter) {
        switch value {
        case .string(let text):
            writer.byte(Kind.string.rawValue)
            writer.text(text)
        case .bool(let flag):
            writer.byte((flag ? Kind.yes : Kind.no).rawValue)
        case .int(let number):
            writer.byte(Kind.int.rawValue)
            writer.signed(number)
        case .list(let items):
            writer.byte(Kind.list.rawValue)
            writer.count(items.count)
            for item in items { write(item, into: &writer) }
        case .object, .record:
            let members = value.members ?? [:]
            writer.byte(Kind.object.rawValue)
            writer.count(members.count)
            for key in members.keys.sorted() {
                writer.text(key)
                write(members[key]!, into: &writer)
            }
        case .null:
            writer.byte(Kind.null.rawValue)
        }
    }

    /// Deeper than any context is made: a damaged file cannot recurse without end.
    private static let maximumDepth = 32

    private static func value(_ reader: inout BinaryReader, depth: Int) -> TemplateValue? {
        guard depth < maximumDepth, let kind = reader.byte().flatMap(Kind.init(rawValue:)) else { return nil }
        switch kind {
        case .string: return reader.text().map(TemplateValue.string)
        case .yes: return .bool(true)
        case .no: return .bool(false)
        case .null: return .null
        case .int: return reader.signed().map(TemplateValue.int)
        case .list:
            guard let count = reader.count() else { return nil }
            var items: [TemplateValue] = []
            items.reserveCapacity(count)
            for _ in 0..<count {
                guard let item = value(&reader, depth: depth + 1) else { return nil }
                items.append(item)
            }
            return .list(items)
        case .object:
            guard let count = reader.count() else { return nil }
            var members: [String: TemplateValue] = [:]
            members.reserveCapacity(count)
            for _ in 0..<count {
                guard let key = reader.text(), members[key] == nil, let member = value(&reader, depth: depth + 1) else { return nil }
                members[key] = member
            }
            return .object(members)
        }
    }
}
