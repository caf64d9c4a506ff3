import CJixiaoSystem

/// Scoring reads every results table into rows that live only while their
/// evaluation is scored: hundreds of megabytes on a large site, freed before
/// rendering. The C allocator keeps freed memory for reuse rather than giving
/// it back, so without this the process would stay that large for the whole
/// render, and its peak would be scoring's plus rendering's.
enum MemoryRelease {
    static func returnFreedMemory() {
        jixiao_release_free_memory()
    }
}
