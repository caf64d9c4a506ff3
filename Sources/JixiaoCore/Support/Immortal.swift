/// Makes the storage of values that every core reads for the rest of a build
/// immortal: the runtime then no longer counts references to it.
///
/// Swift counts an object's references in the object itself. When both cores copy
/// and drop the same values (an indicator's name on each of 400,000 score rows, the
/// shape of every row, the site's navigation on every page), each count moves the
/// object's cache line from one core to the other: on two cores that was a sixth
/// of a build's CPU time (10,000 score cards, measured with perf). The runtime
/// neither increments nor decrements the count of an immortal object (what
/// literals and statics are), so copies only read it, and a shared line stays in
/// both cores' caches.
///
/// An immortal object is never freed. So this is only for a few values made once
/// per build (indicators, page frames, row shapes), once they are complete; a
/// preview server keeps each build's few kilobytes. A mutation copies them as it
/// copies any shared value (an immortal buffer is never uniquely referenced). It is
/// never for an object with weak references (their counts live in a side table,
/// which the immortal mark would overwrite).
public enum Immortal {
    /// Makes `object` immortal.
    public static func make(_ object: AnyObject) {
        swiftImmortalize(Unmanaged.passUnretained(object).toOpaque())
    }

    /// Makes the string's storage immortal when it has storage of its own (more than
    /// 15 bytes of UTF-8; shorter strings are kept inside the value). Returns whether it did.
    @discardableResult
    public static func make(_ string: String) -> Bool {
        guard let storage = nativeStorage(of: string) else { return false }
        swiftImmortalize(storage)
        return true
    }

    @discardableResult
    public static func make(_ string: String?) -> Bool {
        string.map { make($0) } ?? false
    }

    /// Makes the array's buffer immortal (not its elements). Returns whether it did:
    /// an empty array has no buffer of its own.
    @discardableResult
    public static func makeBuffer<Element>(of array: [Element]) -> Bool {
        guard !array.isEmpty, MemoryLayout<[Element]>.size == MemoryLayout<UnsafeRawPointer>.size else { return false }
        let buffer = unsafeBitCast(array, to: UnsafeMutableRawPointer.self)
        // The elements follow the buffer's header (object header, count, capacity):
        // checked, so that a different layout is left alone rather than written to.
        let elements = array.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
        guard elements == UnsafeRawPointer(buffer + headerSize) else { return false }
        swiftImmortalize(buffer)
        return true
    }

    /// Makes the array's buffer and its strings immortal.
    public static func make(_ strings: [String]) {
        makeBuffer(of: strings)
        for string in strings { make(string) }
    }

    /// Makes the dictionary's storage immortal (not its keys or values). On Linux a
    /// dictionary is one reference to its native storage.
    public static func makeStorage<Key, Value>(of dictionary: [Key: Value]) {
        guard !dictionary.isEmpty, MemoryLayout<[Key: Value]>.size == MemoryLayout<UnsafeRawPointer>.size else { return }
        swiftImmortalize(unsafeBitCast(dictionary, to: UnsafeMutableRawPointer.self))
    }

    /// Where a native string's storage object is, or nil for any other string. The
    /// value's second word holds the object's address, with the four top bits (the
    /// string's form) clear for a native, mortal string; its UTF-8 starts after the
    /// object's header. Checked against where the text is, so that a small, literal,
    /// shared or bridged string is left alone.
    static func nativeStorage(of string: String) -> UnsafeMutableRawPointer? {
        guard MemoryLayout<String>.size == 2 * MemoryLayout<UInt64>.size else { return nil }
        let word = unsafeBitCast(string, to: (UInt64, UInt64).self).1
        guard word >> 60 == 0, let object = UnsafeMutableRawPointer(bitPattern: UInt(word & addressMask)) else { return nil }
        let text = string.utf8.withContiguousStorageIfAvailable { UnsafeRawPointer($0.baseAddress) }
        guard let text, text == UnsafeRawPointer(object + headerSize) else { return nil }
        return object
    }

    /// A heap object's header (metadata and count) and a buffer's two words after it.
    private static let headerSize = 32
    private static let addressMask: UInt64 = 0x0FFF_FFFF_FFFF_FFFF
}

/// The standard library's own entry to the runtime (it declares it in its shims with
/// the Swift calling convention): sets the object's count to immortal, atomically,
/// and does nothing to an object already immortal.
@_silgen_name("_swift_stdlib_immortalize")
private func swiftImmortalize(_ object: UnsafeMutableRawPointer)
