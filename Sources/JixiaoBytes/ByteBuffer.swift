import Foundation

/// The bytes a page, a spreadsheet's XML or a CSV file is written into: one block
/// of memory, grown by doubling, handed over as `Data` without copying (a page is
/// written as it is).
///
/// Not an `[UInt8]`: appending a piece to an array checks that its buffer is not
/// shared and goes through the generic sequence path each time, and a score card
/// appends about fifty pieces per row, a spreadsheet a handful per cell; and
/// `Data([UInt8])` copied every page once more. Noncopyable, so the block has
/// exactly one owner and is freed exactly once. Inlinable: appends are made in
/// the writers' loops, in other modules.
public struct ByteBuffer: ~Copyable {
    @usableFromInline var start: UnsafeMutablePointer<UInt8>
    @usableFromInline var bytesWritten = 0
    @usableFromInline var capacity: Int

    /// How many bytes were written.
    @inlinable public var count: Int { bytesWritten }

    public init(capacity: Int) {
        self.capacity = max(capacity, 64)
        start = Self.allocate(self.capacity)
    }

    deinit {
        free(start)
    }

    @inlinable
    public mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        if bytesWritten + bytes.count > capacity { grow(toFit: bytesWritten + bytes.count) }
        (start + bytesWritten).update(from: base, count: bytes.count)
        bytesWritten += bytes.count
    }

    @inlinable
    public mutating func append(_ byte: UInt8) {
        if bytesWritten == capacity { grow(toFit: bytesWritten + 1) }
        start[bytesWritten] = byte
        bytesWritten += 1
    }

    @inlinable
    public mutating func append(_ text: String) {
        text.withUTF8Bytes { append($0) }
    }

    @inlinable
    public mutating func append(_ text: StaticString) {
        append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Appends a whole number in decimal digits, without making a String of it (a
    /// scores sheet writes two for each of its million cells).
    @inlinable
    public mutating func appendDigits(_ number: Int) {
        if number < 0 { append(UInt8(ascii: "-")) }
        var magnitude = number.magnitude
        var length = 1, rest = magnitude
        while rest >= 10 {
            rest /= 10
            length += 1
        }
        if bytesWritten + length > capacity { grow(toFit: bytesWritten + length) }
        // From the last digit back, into place.
        var index = bytesWritten + length
        repeat {
            index -= 1
            start[index] = UInt8(ascii: "0") + UInt8(magnitude % 10)
            magnitude /= 10
        } while magnitude > 0
        bytesWritten += length
    }

    /// Empties the buffer, keeping its block for what comes next.
    @inlinable
    public mutating func removeAll() {
        bytesWritten = 0
    }

    /// The byte `offset` bytes from the start.
    public subscript(offset: Int) -> UInt8 {
        precondition(offset >= 0 && offset < count, "inside the buffer")
        return start[offset]
    }

    /// The bytes written so far, valid during `body`.
    @inlinable
    public func withUnsafeBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try body(UnsafeBufferPointer(start: start, count: count))
    }

    @usableFromInline
    mutating func grow(toFit needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        guard let moved = realloc(start, newCapacity) else { fatalError("out of memory for \(newCapacity) bytes") }
        start = moved.assumingMemoryBound(to: UInt8.self)
        capacity = newCapacity
    }

    private static func allocate(_ capacity: Int) -> UnsafeMutablePointer<UInt8> {
        guard let block = malloc(capacity) else { fatalError("out of memory for \(capacity) bytes") }
        return block.assumingMemoryBound(to: UInt8.self)
    }

    /// The bytes as `Data`, which takes the block over and frees it.
    public consuming func data() -> Data {
        let data = Data(bytesNoCopy: start, count: count, deallocator: .free)
        discard self
        return data
    }

    /// The bytes as a string (they are UTF-8 when all that was appended was).
    public consuming func string() -> String {
        String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    }

    /// The bytes as an array (a copy).
    public var array: [UInt8] {
        withUnsafeBytes { Array($0) }
    }
}

extension String {
    /// The string's UTF-8 bytes where they are stored, valid during `body`.
    /// `withUTF8` is mutating: called on a copy (`var text = text`), it retains and
    /// releases the string's storage, and pages and spreadsheets read millions of
    /// strings. Only a string stored other than as native UTF-8 is copied.
    @inlinable
    public func withUTF8Bytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        if let result = try utf8.withContiguousStorageIfAvailable(body) { return result }
        var text = self
        return try text.withUTF8(body)
    }
}
