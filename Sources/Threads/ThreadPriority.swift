#if canImport(Glibc)
import Glibc

/// The scheduling priority of the calling thread.
public enum ThreadPriority {
    /// Makes the calling thread yield to the process's other threads when the cores
    /// are all busy (nice +10; Linux gives each thread a nice value of its own).
    /// For work that only makes later work cheaper, such as faulting in memory
    /// before it is used: it should take a core that would otherwise idle, not one
    /// that the threads doing the work need.
    public static func yieldToOthers() {
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), id_t(currentThreadID()), 10)
    }
}

/// glibc's `gettid` (2.30), which the Glibc module does not export.
@_silgen_name("gettid")
private func currentThreadID() -> Int32
#endif
