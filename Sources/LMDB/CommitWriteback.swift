import Threads

#if canImport(Glibc)
import Glibc

/// The disk's writes of a large commit started while the commit is still copying its
/// pages into the page cache, so that its `fdatasync` has little left to wait for.
///
/// LMDB commits a write transaction by writing every dirty page (`writev`, into the
/// page cache) and then calling `fdatasync`, which only then starts the disk on them
/// and waits: a book-in of a million SIMs copied 460 MB in 0.15 s, then waited 0.18-0.35
/// s for the disk with both cores idle. While the commit runs, a thread of its own asks
/// the kernel every 5 ms to start writing back whatever is dirty in the file range
/// the commit writes into (`sync_file_range` with `SYNC_FILE_RANGE_WRITE`: it starts
/// the writes and waits for none). Nothing about durability changes: LMDB's own
/// `fdatasync`, and its meta page written after it, are as before; the kernel may
/// write a dirty page out at any time anyway.
///
/// Started by `Environment.write` for a transaction whose body marked the range
/// (`withFileTailWarmed`), stopped once the commit has returned (`stop` waits for at
/// most one more call).
func startCommitWriteback(_ range: FileRange) -> StoppableTask {
    StoppableTask { isStopped in
        while !isStopped() {
            guard startWriteback(range.descriptor, Int64(range.start), Int64(range.count), writeFlag) == 0 else { return }
            usleep(5_000)
        }
    }
}

/// Bytes `start..<start + count` of the file `descriptor`.
struct FileRange {
    var descriptor: Int32
    var start: Int
    var count: Int
}

/// `SYNC_FILE_RANGE_WRITE`.
private let writeFlag: UInt32 = 2

/// glibc's `sync_file_range`, which the Glibc module does not export.
@_silgen_name("sync_file_range")
private func startWriteback(_ descriptor: Int32, _ offset: Int64, _ count: Int64, _ flags: UInt32) -> Int32
#endif
