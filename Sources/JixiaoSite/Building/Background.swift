import Dispatch
import Foundation

/// Work started on another thread at once and waited for when its result is
/// needed: the next evaluation's results read while this one is scored, the
/// build cache read while the content is loaded.
///
/// Each on a thread of its own, not one of Dispatch's pool: such work may wait for
/// other such work (reading an evaluation waits for the previous build's scores of
/// its units), and on a one-core machine the pool has one thread, which that wait
/// left idle until the pool added another: an incremental build idled 0.8 s of its
/// 1.3 s. The work is large (a results table, the build cache), the thread is not.
final class Background<Value: Sendable>: @unchecked Sendable {
    private let done = DispatchGroup()
    // Written once by the working thread before it leaves `done`, read only after.
    private var value: Value?

    init(_ work: @escaping @Sendable () -> Value) {
        done.enter()
        Thread { [self] in
            value = work()
            done.leave()
        }.start()
    }

    /// The result, once the work is done (at once, after the first time).
    func wait() -> Value {
        done.wait()
        return value!
    }
}

/// Hands the last reference to a value to another thread, which lets go of it
/// there. Freeing what a large build made, one object at a time (400,000 scores,
/// the cache's entries and records), took 0.4 s after a 10,000-page site was
/// written; a command-line build now exits meanwhile, and the system takes the
/// memory back at once. `jixiao serve` just goes on.
func dropInBackground<Value>(_ value: consuming Value) {
    let box = DroppedValue(value)
    DispatchQueue.global(qos: .utility).async { box.value = nil }
}

/// What `dropInBackground` hands over: only the other thread touches it afterwards.
private final class DroppedValue<Value>: @unchecked Sendable {
    var value: Value?
    init(_ value: consuming Value) { self.value = value }
}
