import Glibc
import Testing
import Threads

@Suite struct ThreadPriorityTests {
    /// `yieldToOthers` lowers the calling thread's priority only: the thread that
    /// started it keeps its own.
    @Test func yieldingLowersOnlyTheCallingThread() throws {
        let before = getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
        let task = BackgroundTask { () -> Int32 in
            ThreadPriority.yieldToOthers()
            return getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
        }
        #expect(try task.value() == 10)
        #expect(getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0) == before)
    }
}
