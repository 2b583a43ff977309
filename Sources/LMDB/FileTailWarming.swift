internal import CLMDB
// `struct stat` and its members come in through CDispatch with this toolchain's
// module maps, and MemberImportVisibility wants the defining module named.
internal import CDispatch
import Threads

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension WriteTransaction {
    /// Runs `body` while a thread of its own brings into the page cache the `bytes`
    /// of the data file that follow the pages in use: where the transaction's new
    /// pages will go when it commits.
    ///
    /// Why: without MDB_WRITEMAP, LMDB writes a transaction's pages at commit with
    /// `pwrite`, on the committing thread, and for pages past the end of the file the
    /// kernel first finds a page-cache page for each one. On the 2-core VMs a page
    /// never used before costs about 2.5 µs to hand out (the host backs it on first
    /// touch): a book-in of a million SIMs writes 460 MB and its commit spent over a
    /// second there, with the other core idle. Read first, the file's tail is in the
    /// page cache (pages of zeros: it is a hole) and the commit only copies into it.
    ///
    /// How: the file is extended to cover those bytes (`ftruncate`, a hole: no block
    /// of the disk is taken, and no byte LMDB reads changes) and read a MiB at a
    /// time until `body` returns. Only the writer holding LMDB's write lock changes
    /// the file's length, so growing it here cannot race with another writer; readers
    /// never look past the pages of their snapshot. When `body` throws, the file is
    /// cut back to its length before (still under the lock): a refused change leaves
    /// the store as it was, its size included. After a commit the rest of the hole
    /// stays (LMDB's next pages go there); `stats` shows it as the difference
    /// between the store's bytes on disk and those in use.
    ///
    /// A hint: a file system that refuses to extend the file, or a read that fails,
    /// only ends the warming. In a nested transaction nothing is warmed: cutting the
    /// file back after a throw could cut off pages the parent has already written.
    public func withFileTailWarmed<R>(bytes: Int, _ body: () throws -> R) throws -> R {
        var descriptor: mdb_filehandle_t = -1
        guard bytes > 0, !_handle.state.isNested, let env = mdb_txn_env(txn), mdb_env_get_fd(env, &descriptor) == 0
        else { return try body() }
        // The pages in use as last committed: this transaction's new ones go past them.
        let start = Environment.info(of: env).usedBytes
        let end = start + bytes

        let originalLength = Self.length(of: descriptor)
        var grew = false
        if let originalLength, originalLength < end {
            grew = ftruncate(descriptor, off_t(end)) == 0
        }
        let warming = startTailWarming(descriptor: descriptor, from: start, to: end)
        do {
            let result = try body()
            warming.stop()
            // The commit writes its new pages into that range: their writeback is
            // started as they land (`startCommitWriteback`).
            _handle.state.commitRange = FileRange(descriptor: descriptor, start: start, count: bytes)
            return result
        } catch {
            warming.stop()
            if grew, let originalLength { _ = ftruncate(descriptor, off_t(originalLength)) }
            throw error
        }
    }

    private static func length(of descriptor: Int32) -> Int? {
        var status = stat()
        return fstat(descriptor, &status) == 0 ? Int(status.st_size) : nil
    }
}

/// The reading thread of `withFileTailWarmed`: a MiB at a time, until the range is
/// read or it is told to stop (`stop` waits: it reads at most one more MiB).
private func startTailWarming(descriptor: Int32, from start: Int, to end: Int) -> StoppableTask {
    StoppableTask { isStopped in
        ThreadPriority.yieldToOthers()
        let step = 1 << 20
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: step, alignment: 4_096)
        defer { buffer.deallocate() }
        var offset = start
        while offset < end, !isStopped() {
            let read = pread(descriptor, buffer, min(step, end - offset), off_t(offset))
            guard read > 0 else { return }
            offset += read
        }
    }
}
