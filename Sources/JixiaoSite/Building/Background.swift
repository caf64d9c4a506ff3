import Dispatch

/// Work started on another thread at once and waited for when its result is
/// needed: the next evaluation's results read while this one is scored, the
/// build cache read while the content is loaded.
final class Background<Value: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    // Written once by the working thread before `done` is signalled, read only after.
    private var value: Value?

    init(_ work: @escaping @Sendable () -> Value) {
        DispatchQueue.global().async { [self] in
            value = work()
            done.signal()
        }
    }

    /// The result, once the work is done; called once.
    func wait() -> Value {
        done.wait()
        return value!
    }
}
