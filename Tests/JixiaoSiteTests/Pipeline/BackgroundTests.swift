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
    }
}
