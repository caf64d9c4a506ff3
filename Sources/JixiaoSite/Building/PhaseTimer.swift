import Foundation

/// With `JIXIAO_TIMINGS=1` in the environment, prints how long each build phase
/// took (wall and CPU time), the memory resident after it and the most resident so
/// far, to standard error: for profiling large sites (bench/), not for users.
struct PhaseTimer {
    private let enabled = ProcessInfo.processInfo.environment["JIXIAO_TIMINGS"] == "1"
    private var last = Date()
    private var lastCPU = Self.cpuSeconds()

    mutating func mark(_ phase: String) {
        guard enabled else { return }
        let now = Date()
        let cpu = Self.cpuSeconds()
        let name = phase.padding(toLength: 9, withPad: " ", startingAt: 0)
        FileHandle.standardError.write(Data(String(format: "[timing] %@ %7.3f s  %7.3f s CPU  %5d MB resident  %5d MB peak\n",
                                                   name, now.timeIntervalSince(last), cpu - lastCPU, Self.statusMB("VmRSS:"),
                                                   Self.statusMB("VmHWM:")).utf8))
        last = now
        lastCPU = cpu
    }

    /// User and system time of the whole process so far: against the wall time, how
    /// well a phase used the cores.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1_000_000 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// A size from /proc/self/status in MB: VmRSS (resident now) or VmHWM (the peak); 0 where there is none.
    static func statusMB(_ field: String) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix(field) }),
              let kilobytes = line.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) else { return 0 }
        return kilobytes / 1024
    }
}
