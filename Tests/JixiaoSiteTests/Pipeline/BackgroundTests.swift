import Dispatch
import Foundation
import Testing
@testable import JixiaoSite

@Suite("Work on other threads")
struct BackgroundTests {
    /// Says on which thread it was freed.
    final class Tracked: @unchecked Sendable {
        let freed: @Sendable (pthread_t) -> Void
        init(freed: @escaping @Sendable (pthread_t) -> Void) { self.freed = freed }
        deinit { freed(pthread_self()) }
    }

    final class Record: @unchecked Sendable {
        let lock = NSLock()
        let done = DispatchSemaphore(value: 0)
        var thread: pthread_t?
        var values: [String] = []
    }

    @Test("a dropped value is freed on another thread, not by the caller")
    func droppedElsewhere() {
        let record = Record()
        let value = [Tracked { thread in
            record.lock.withLock { record.thread = thread }
            record.done.signal()
        }]
        dropInBackground(consume value)
        #expect(record.done.wait(timeout: .now() + 10) == .success, "the value was freed")
        let thread = record.lock.withLock { record.thread }
        #expect(thread.map { pthread_equal($0, pthread_self()) == 0 } == true, "on another thread")
    }

    @Test("work in the background gives its result to the one waiting")
    func backgroundResult() {
        let work = Background { (1...1000).reduce(0, +) }
        #expect(work.wait() == 500_500)
        #expect(work.wait() == 500_500, "and to anyone waiting after")
        // Waited for from several threads at once, while the work is still going on.
        let started = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0)
        let slow = Background { started.signal(); release.wait(); return "完成" }
        started.wait()
        let results = Record(), waiters = DispatchGroup()
        for _ in 0..<3 {
            DispatchQueue.global().async(group: waiters) {
                let value = slow.wait()
                results.lock.withLock { results.values.append(value) }
            }
        }
        release.signal()
        #expect(waiters.wait(timeout: .now() + 10) == .success)
        #expect(results.lock.withLock { results.values } == ["完成", "完成", "完成"])
    }
}
