import Testing
@testable import JixiaoCore

@Suite("Work on every core, results in order")
struct ConcurrentMapTests {
    @Test("a concurrent map gives what a plain map gives, in the same order")
    func sameAsMap() {
        let numbers = Array(0..<1_000)
        #expect(numbers.concurrentMap { $0 * $0 } == numbers.map { $0 * $0 })
        #expect([Int]().concurrentMap { $0 } == [])
    }

    @Test("in pieces: consecutive, in order, the last one shorter, none for nothing")
    func pieces() {
        let numbers = Array(0..<1_003)
        let pieces = numbers.concurrentMap(piecesOf: 250) { Array($0) }
        #expect(pieces.map(\.count) == [250, 250, 250, 250, 3])
        #expect(Array(pieces.joined()) == numbers)
        #expect(numbers.concurrentMap(piecesOf: 2_000) { $0.count } == [1_003])
        #expect([Int]().concurrentMap(piecesOf: 10) { $0.count } == [])
    }
}
