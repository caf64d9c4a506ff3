import Foundation
import Testing
@testable import JixiaoCore

@Suite("Immortal storage: never counted, never freed, copied before a change")
struct ImmortalTests {
    /// How many `Counted` objects were freed.
    final class FreedCount: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        func increment() { lock.withLock { count += 1 } }
        var value: Int { lock.withLock { count } }
    }

    final class Counted {
        let freed: FreedCount
        init(_ freed: FreedCount) { self.freed = freed }
        deinit { freed.increment() }
    }

    @Test("an immortal object outlives its last reference; a mortal one does not")
    func objectIsNeverFreed() {
        let freed = FreedCount()
        do { _ = Counted(freed) }
        #expect(freed.value == 1)
        do { Immortal.make(Counted(freed)) }
        #expect(freed.value == 1)
    }

    @Test("an immortal buffer is never uniquely referenced: a change copies it first")
    func bufferIsCopiedBeforeAChange() {
        var mortal = Array(0..<64)
        let before = mortal.withUnsafeBufferPointer { $0.baseAddress }
        mortal[0] = -1
        #expect(mortal.withUnsafeBufferPointer { $0.baseAddress } == before)

        var numbers = Array(0..<64)
        #expect(Immortal.makeBuffer(of: numbers))
        let kept = numbers
        let address = numbers.withUnsafeBufferPointer { $0.baseAddress }
        numbers[0] = -1
        #expect(numbers.withUnsafeBufferPointer { $0.baseAddress } != address)
        #expect(kept == Array(0..<64))
        #expect(numbers.first == -1)
        #expect(!Immortal.makeBuffer(of: [Int]()))
    }

    @Test("strings with storage of their own are made immortal; small and literal ones are left alone")
    func strings() {
        let long = String(repeating: "指标", count: 10) // 60 bytes of UTF-8, on the heap
        #expect(Immortal.nativeStorage(of: long) != nil)
        #expect(Immortal.make(long))
        #expect(Immortal.make(long)) // again: nothing changes
        var changed = long
        changed += "说明"
        #expect(long == String(repeating: "指标", count: 10))
        #expect(changed == long + "说明")

        #expect(!Immortal.make("A1")) // kept inside the value
        #expect(!Immortal.make("重点工作任务完成情况")) // a literal: already immortal, not native
        #expect(!Immortal.make(String?.none))
    }

    @Test("an immortal dictionary storage is copied before a change; a mortal, unique one is changed in place")
    func dictionaries() {
        func storage(_ dictionary: [String: Int]) -> UnsafeRawPointer { unsafeBitCast(dictionary, to: UnsafeRawPointer.self) }
        var mortal = Dictionary(uniqueKeysWithValues: (0..<20).map { ("key\($0)", $0) })
        let before = storage(mortal)
        mortal["key0"] = -1
        #expect(storage(mortal) == before)

        var names = Dictionary(uniqueKeysWithValues: (0..<20).map { ("key\($0)", $0) })
        Immortal.makeStorage(of: names)
        let address = storage(names)
        names["key0"] = -1
        #expect(storage(names) != address)
        #expect(names["key0"] == -1)
        #expect(names["key1"] == 1)
    }
}
