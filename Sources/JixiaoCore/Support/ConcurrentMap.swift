import Foundation

extension Array where Element: Sendable {
    /// `map` on every core: the elements are taken in turn from a shared counter
    /// by one worker per core, and the results come back in the original order,
    /// so the outcome is the same as a plain `map` whatever the scheduling.
    /// Computation only; the core still does no I/O.
    public func concurrentMap<Result: Sendable>(_ transform: @Sendable (Element) -> Result) -> [Result] {
        concurrentMap(workerState: {}) { _, element in transform(element) }
    }

    /// `concurrentMap` where each worker first makes its own state (`workerState`,
    /// called once per worker) and hands it to every element it transforms.
    ///
    /// For objects every element reads: reference counting writes to the object, and
    /// an object two cores retain and release by turns moves its cache line between
    /// them on every count. A worker's own copy is counted on its core alone.
    public func concurrentMap<State, Result: Sendable>(workerState: @Sendable () -> State,
                                                       _ transform: @Sendable (inout State, Element) -> Result) -> [Result] {
        guard !isEmpty else { return [] } // no worker, no state (a template copy, say)
        let workers = Swift.min(ProcessInfo.processInfo.activeProcessorCount, count)
        guard workers > 1 else {
            var state = workerState()
            return map { transform(&state, $0) }
        }
        let slots = ResultSlots<Result>(count: count)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            var state = workerState()
            while let index = slots.claim() {
                slots.fill(index, transform(&state, self[index]))
            }
        }
        return slots.results
    }

    /// `concurrentMap` over consecutive pieces of `size` elements, each transformed
    /// whole, the results in the pieces' order: for thousands of small elements,
    /// which one claim each would cost more than their work.
    public func concurrentMap<Result: Sendable>(piecesOf size: Int,
                                                _ transform: @Sendable (ArraySlice<Element>) -> Result) -> [Result] {
        Swift.stride(from: 0, to: count, by: size).map { self[$0 ..< Swift.min($0 + size, count)] }.concurrentMap(transform)
    }
}

/// The results of a concurrent map: each slot is written by exactly one worker
/// (the one that claimed its index), and read only after all workers are done.
private final class ResultSlots<Result>: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private var slots: [Result?]

    init(count: Int) {
        slots = Array(repeating: nil, count: count)
    }

    func claim() -> Int? {
        lock.withLock {
            guard next < slots.count else { return nil }
            defer { next += 1 }
            return next
        }
    }

    func fill(_ index: Int, _ result: Result) {
        lock.withLock { slots[index] = result }
    }

    var results: [Result] { slots.map { $0! } }
}
