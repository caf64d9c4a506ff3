import Foundation

/// The bytes a render appends to: one block of memory, grown by doubling, handed
/// over as `Data` without copying (a page is written as it is).
///
/// Not an `[UInt8]`: appending a piece to an array checks that its buffer is not
/// shared and goes through the generic sequence path each time, and a score card
/// appends about fifty pieces per row; and `Data([UInt8])` copied every page once more.
/// Noncopyable, so the block has exactly one owner and is freed exactly once.
struct TemplateOutput: ~Copyable {
    private var start: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        start = Self.allocate(self.capacity)
    }

    deinit {
        free(start)
    }

    @inline(__always)
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        if count + bytes.count > capacity { grow(toFit: count + bytes.count) }
        (start + count).update(from: base, count: bytes.count)
        count += bytes.count
    }

    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }

    /// The byte `offset` bytes from the start.
    subscript(offset: Int) -> UInt8 {
        precondition(offset >= 0 && offset < count, "inside the output")
        return start[offset]
    }

    private mutating func grow(toFit needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        guard let moved = realloc(start, newCapacity) else { fatalError("out of memory for a page of \(newCapacity) bytes") }
        start = moved.assumingMemoryBound(to: UInt8.self)
        capacity = newCapacity
    }

    private static func allocate(_ capacity: Int) -> UnsafeMutablePointer<UInt8> {
        guard let block = malloc(capacity) else { fatalError("out of memory for a page of \(capacity) bytes") }
        return block.assumingMemoryBound(to: UInt8.self)
    }

    /// The bytes as `Data`, which takes the block over and frees it.
    consuming func data() -> Data {
        let data = Data(bytesNoCopy: start, count: count, deallocator: .free)
        discard self
        return data
    }

    /// The bytes as a string (they are UTF-8: the templates' text and strings).
    consuming func string() -> String {
        String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    }
}
