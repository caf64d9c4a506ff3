import Foundation

/// With `JIXIAO_TIMINGS=1` in the environment, prints how long each build phase
/// took (wall and CPU time), the memory resident after it and the most resident so
/// far, to standard error: for profiling large sites (bench/), not for users.
struct PhaseTimer {
    private let enabled: Bool
    private var last = Date()
    private var lastCPU: Double

    init() {
        enabled = ProcessInfo.processInfo.environment["JIXIAO_TIMINGS"] == "1"
        lastCPU = enabled ? Self.cpuSeconds() : 0
    }

    mutating func mark(_ phase: String) {
        guard enabled else { return }
        let now = Date()
        let cpu = Self.cpuSeconds()
        let memory = Self.memoryMB()
        let name = phase.padding(toLength: 9, withPad: " ", startingAt: 0)
        FileHandle.standardError.write(Data(String(format: "[timing] %@ %7.3f s  %7.3f s CPU  %5d MB resident  %5d MB peak\n",
                                                   name, now.timeIntervalSince(last), cpu - lastCPU,
                                                   memory.resident, memory.peak).utf8))
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

    /// VmRSS (resident now) and VmHWM (the peak) from /proc/self/status, in MB; 0 where there is none.
    static func memoryMB() -> (resident: Int, peak: Int) {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        func field(_ name: String) -> Int {
            guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(name) }),
                  let kilobytes = line.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) else { return 0 }
            return kilobytes / 1024
        }
        return (field("VmRSS:"), field("VmHWM:"))
    }
}
