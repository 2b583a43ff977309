#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The end of a process that has done its one change.
enum ProcessEnd {
    /// From this many events a change's memory is left to the kernel.
    static let largeChange = 10_000

    /// Ends the process with status 0 now, after a change that is committed and
    /// printed, without giving back its memory a block at a time: a book-in of a
    /// million SIMs holds a million events, commands and strings, and freeing them one
    /// by one took about 70 ms, alone on the main thread, after the work was done
    /// (compilers end the same way: clang's `-disable-free`). `exit` flushes the C
    /// streams that `print` writes to; the store needs nothing more (the change is
    /// durable at its commit, and the next process to open the store clears the
    /// reader slot of one that ended, `mdb_reader_check`).
    static func exitLeavingMemory() -> Never {
        exit(0)
    }
}
