import Synchronization

#if canImport(Glibc)
import Glibc

/// The process's heap made ready ahead of a bulk command on the other core: the pages
/// its allocations will touch are faulted in by a thread of its own, so the thread
/// doing the work does not stop at each first touch of a fresh page.
///
/// A book-in of a million SIMs takes about 780 MB of heap on the writer's thread (the
/// lines and events while it decides, then LMDB's copies of the pages it writes), and
/// each 4 KiB page cost a fault at its first touch: a third of the thread's time while
/// it parsed and decided, a fifth while it wrote, with the second core idle for the
/// first part. Memory the guest has not used lately is slow to hand out on these VMs.
///
/// How: glibc's main heap grows with `sbrk`; with `M_TOP_PAD` raised to `budget`, its
/// next growth maps that much more than asked, and the warming thread follows the
/// break (`sbrk(0)`), faulting in what was newly mapped with `MADV_POPULATE_WRITE`
/// (each page allocated and zeroed as a first write would, nothing written: the heap's
/// owner may be using those bytes meanwhile). It stops once it has warmed `budget`
/// bytes, or on `stop`. Only the main thread's allocations come from that heap (others
/// have arenas of their own), so this is for a process whose work runs on its main
/// thread: `provctl`. Where the kernel lacks the advice (before Linux 5.14) the thread
/// ends at its first call, having changed nothing.
public final class HeapWarming: Sendable {
    private let warmed = Counter()
    private let task: StoppableTask

    private final class Counter: Sendable {
        let bytes = Atomic<Int>(0)
    }

    /// glibc's `M_TOP_PAD` and its default (`DEFAULT_TOP_PAD`).
    private static let topPadParameter: Int32 = -2
    private static let defaultTopPad: Int32 = 128 * 1024
    /// `MADV_POPULATE_WRITE`.
    private static let populateWrite: Int32 = 23
    /// Faulted in per call: the thread keeps just ahead of the heap's owner.
    private static let populateStep = 2 << 20

    /// Starts warming up to `budget` bytes of heap mapped from now on, the heap's next
    /// growth mapping that much at once.
    public init(budget: Int) {
        let start = Self.pageAligned(Int(bitPattern: sbrk(0)))
        _ = heapParameter(Self.topPadParameter, Int32(clamping: budget))
        let warmed = warmed
        task = StoppableTask { isStopped in
            ThreadPriority.yieldToOthers()
            var done = start
            while !isStopped(), warmed.bytes.load(ordering: .relaxed) < budget {
                let mapped = Self.pageAligned(Int(bitPattern: sbrk(0)))
                guard mapped > done else {
                    usleep(500)
                    continue
                }
                let count = min(mapped - done, Self.populateStep)
                guard madvise(UnsafeMutableRawPointer(bitPattern: done), count, Self.populateWrite) == 0 else { return }
                done += count
                warmed.bytes.add(count, ordering: .relaxed)
            }
        }
    }

    /// The bytes faulted in so far.
    public var warmedBytes: Int { warmed.bytes.load(ordering: .relaxed) }

    /// Stops warming, waits for the thread, and puts `M_TOP_PAD` back to glibc's
    /// default. (Not when the budget is spent: with the default pad, a free at the top
    /// of the heap hands the memory back to the kernel, and the next allocations fault
    /// it in again.)
    public func stop() {
        task.stop()
        _ = heapParameter(Self.topPadParameter, Self.defaultTopPad)
    }

    private static func pageAligned(_ address: Int) -> Int { address & ~4_095 }
}

/// glibc's `mallopt`, which the Glibc module does not export.
@_silgen_name("mallopt")
private func heapParameter(_ parameter: Int32, _ value: Int32) -> Int32
#endif
