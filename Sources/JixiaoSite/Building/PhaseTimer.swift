import Foundation

/// With `JIXIAO_TIMINGS=1` in the environment, prints how long each build phase
/// took and the memory in use after it, to standard error: for profiling large
/// sites (bench/), not for users.
struct PhaseTimer {
    private let enabled = ProcessInfo.processInfo.environment["JIXIAO_TIMINGS"] == "1"
    private var last = Date()

    mutating func mark(_ phase: String) {
        guard enabled else { return }
        let now = Date()
        let resident = (try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8))?
            .split(separator: " ").dropFirst().first.flatMap { Int($0) }.map { $0 * Int(getpagesize()) / 1_048_576 } ?? 0
        let name = phase.padding(toLength: 9, withPad: " ", startingAt: 0)
        FileHandle.standardError.write(Data(String(format: "[timing] %@ %7.3f s  %5d MB resident\n",
                                                   name, now.timeIntervalSince(last), resident).utf8))
        last = now
    }
}
