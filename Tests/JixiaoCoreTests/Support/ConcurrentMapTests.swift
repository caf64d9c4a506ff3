import Foundation
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

    @Test("with worker state: made once per worker, handed to each element that worker takes")
    func workerState() {
        final class Made: @unchecked Sendable {
            private let lock = NSLock()
            private var count = 0
            func next() -> Int { lock.withLock { count += 1; return count } }
            var total: Int { lock.withLock { count } }
        }
        let made = Made()
        let numbers = Array(0..<2_000)
        // The state counts the elements its worker took; each result records which state it saw.
        let results = numbers.concurrentMap(workerState: { (worker: made.next(), taken: 0) }) { state, number in
            state.taken += 1
            return (number: number * 2, worker: state.worker, taken: state.taken)
        }
        #expect(results.map(\.number) == numbers.map { $0 * 2 })
        let workers = min(ProcessInfo.processInfo.activeProcessorCount, numbers.count)
        #expect(made.total == workers)
        let byWorker = Dictionary(grouping: results, by: \.worker)
        #expect(Set(byWorker.keys).isSubset(of: Set(1...workers)))
        // A worker's state persists from one element to its next: its counts run 1, 2, 3…
        for (_, taken) in byWorker {
            #expect(taken.map(\.taken).sorted() == Array(1...taken.count))
        }
        #expect([Int]().concurrentMap(workerState: { made.next() }) { _, n in n } == [])
        #expect(made.total == workers, "no state made for no elements")
    }
}
