import Glibc
import Threads

/// Large arrays of a rebuild's fold backed by 2 MiB pages. The fold looks up a million
/// SIMs in random order: each lookup reads a random entry of the key table
/// (`SlotsByKey`, 64 MiB) and a random record (`RecordTable`, 170 MB), and with 4 KiB
/// pages each is a TLB miss as well as a cache miss. A TLB miss also stalls the
/// prefetch that asks for the line ahead (`RecordTable.prefetch`), so with small
/// pages the prefetches gained nothing; with huge pages the TLB covers the tables
/// and the prefetches hide the misses.
///
/// The kernel here gives huge pages to anonymous memory that asks for them
/// (`madvise(MADV_HUGEPAGE)`; transparent huge pages on "madvise"), at its first
/// touch: so the arrays are made here, advised before anything is written into them.
/// Where the kernel gives none, the advice changes nothing but the speed.
enum HugePages {
    static let pageSize = 2 << 20
    /// Smaller arrays are made as usual: they do not fill a huge page.
    static let threshold = 4 * pageSize

    /// An array of `count` copies of `value`, in huge pages if it is large.
    static func array<Element>(repeating value: Element, count: Int) -> [Element] {
        guard count * MemoryLayout<Element>.stride >= threshold else { return Array(repeating: value, count: count) }
        return [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
            advise(UnsafeMutableRawBufferPointer(buffer))
            buffer.initialize(repeating: value)
            initialized = count
        }
    }

    /// A copy of `elements` with room for `capacity` in all, in huge pages if it is large.
    static func copy<Element>(_ elements: [Element], capacity: Int) -> [Element] {
        let capacity = max(capacity, elements.count)
        guard capacity * MemoryLayout<Element>.stride >= threshold else {
            var copy = [Element]()
            copy.reserveCapacity(capacity)
            copy.append(contentsOf: elements)
            return copy
        }
        return [Element](unsafeUninitializedCapacity: capacity) { buffer, initialized in
            advise(UnsafeMutableRawBufferPointer(buffer))
            elements.withUnsafeBufferPointer { elements in
                _ = buffer.initialize(fromContentsOf: elements)
            }
            initialized = elements.count
            // The room after the copy, which the fold fills later: faulted in meanwhile.
            populateInBackground(UnsafeMutableRawBufferPointer(rebasing: UnsafeMutableRawBufferPointer(buffer)[
                (elements.count * MemoryLayout<Element>.stride)...]))
        }
    }

    /// Has the kernel fault in the pages of `buffer` on a thread of its own
    /// (`MADV_POPULATE_WRITE`: each page allocated and zeroed as a first write would,
    /// but nothing written, so the owner may write into the buffer meanwhile). On this
    /// VM a fresh huge page costs about as much to fault in as 600 MB/s of zeroing:
    /// a replay's fold spent its first seconds so while the decoders waited for it.
    /// A hint: should the buffer be freed first, the call fails (or populates what
    /// took its place, which changes no byte of it); an older kernel ignores it.
    static func populateInBackground(_ buffer: UnsafeMutableRawBufferPointer) {
        guard let base = buffer.baseAddress, buffer.count >= threshold else { return }
        // Whole 4 KiB pages inside the buffer: madvise wants an aligned start.
        let start = (Int(bitPattern: base) + 4_095) & ~4_095
        let end = (Int(bitPattern: base) + buffer.count) & ~4_095
        guard end > start else { return }
        _ = BackgroundTask {
            // A huge page at a time: the owner, writing from the start, finds the
            // first ones in place soon.
            var at = start
            while at < end {
                let count = min(pageSize, end - at)
                guard madvise(UnsafeMutableRawPointer(bitPattern: at), count, populateWrite) == 0 else { return }
                at += count
            }
        }
    }

    /// `MADV_POPULATE_WRITE` (Linux 5.14).
    private static let populateWrite: Int32 = 23

    /// Asks for huge pages for the whole 2 MiB pages inside `buffer`.
    private static func advise(_ buffer: UnsafeMutableRawBufferPointer) {
        guard let base = buffer.baseAddress else { return }
        let start = (Int(bitPattern: base) + pageSize - 1) & ~(pageSize - 1)
        let end = (Int(bitPattern: base) + buffer.count) & ~(pageSize - 1)
        guard end > start else { return }
        _ = madvise(UnsafeMutableRawPointer(bitPattern: start), end - start, MADV_HUGEPAGE)
    }
}
