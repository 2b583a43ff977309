import CPrefetch
import LMDB

/// The `rm.index` entries of a bulk load (`ReadModelStore.putAll`), collected and
/// then handed in key order, to be written with MDB_APPEND through one cursor: no
/// descent from the root an entry, and leaf pages filled whole instead of split in halves.
///
/// Sorting five million keys of 20 to 40 bytes would cost about what it saves, so
/// the order the records come in is used: they come table by table in key order,
/// so the entries of one index under one field (the SIMs of one status, of one
/// group, ...) come in the order of their tail (the ICCID's sort key, the SubUID).
/// Each entry goes to the bucket of its prefix: the key up to its last NUL that is
/// not its last byte (`S active\0` | sort key), or its first byte when it has none
/// (`I` | `imsi\0`). A bucket whose entries came in ascending order needs no sort;
/// one that did not is sorted; the buckets are written in the order of their
/// prefixes. Before anything is written, that order is checked to be the keys' order:
/// should it not be (two prefixes where one begins the other, which the keys of
/// `IndexKey` never make, or two prefixes of one hash sharing a bucket), every entry
/// is sorted. Of equal keys the last added is kept, as a put over an earlier one would.
///
/// A struct, not a class: the stored arrays of a class are checked for exclusive
/// access at run time on every use (`swift_beginAccess`), 8 % of the indexer's thread.
struct IndexEntryBuffer {
    /// Keys and values back to back.
    fileprivate private(set) var bytes: [UInt8] = []
    fileprivate private(set) var entries: [Entry] = []
    private var buckets: [Bucket] = []
    /// The buckets by the hash of their prefix (FNV-1a, 64 bits) in an open-addressing
    /// table at most half full (a bucket of -1 marks a free slot): one probe of a flat
    /// array an entry, where a Dictionary and a comparison of the prefix's bytes
    /// missed the cache twice. The hash alone decides; should two prefixes share it,
    /// their entries share a bucket, and the order check above sorts them all.
    private var slots = [(hash: UInt64, bucket: Int32)](repeating: (0, -1), count: 1_024)
    private let hashMask: UInt64

    fileprivate struct Entry {
        var keyStart: Int
        var keyCount: Int32
        var valueCount: Int32
        /// Where the tail (the key after the bucket's prefix) starts.
        var tailOffset: Int32
    }

    /// The prefix of each bucket, by bucket: apart from `Bucket`, which then holds no
    /// reference, so that taking a bucket out and putting it back (`add`) retains and
    /// releases nothing (it did, for each of millions of entries).
    private var prefixes: [[UInt8]] = []

    private struct Bucket {
        var count = 0
        var ascending = true
        var lastEntry = -1
        /// The last entry's tail when it fits in 24 bytes (an ICCID's sort key does), so
        /// that checking the order reads no memory but this; a longer one is read from
        /// `bytes` (the buckets are few and stay in cache, the entries are millions).
        var lastTail: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var lastTailCount = -1
    }

    /// The bucket of each entry, by entry (no array a bucket: appending to thousands of
    /// arrays in turn cost a TLB miss an entry on this VM).
    private var bucketOfEntry: [Int32] = []

    /// `expectedEntries`: room made up front (an entry takes about 40 bytes), so the
    /// buffer of a million SIMs' entries is not copied each time it doubles.
    /// `hashMask`: the bits of the prefix hash kept (tests keep few, so that prefixes share buckets).
    init(expectedEntries: Int = 0, hashMask: UInt64 = .max) {
        self.hashMask = hashMask
        entries.reserveCapacity(expectedEntries)
        bucketOfEntry.reserveCapacity(expectedEntries)
        bytes.reserveCapacity(expectedEntries * 40)
    }

    mutating func add(_ key: [UInt8], _ value: [UInt8]) {
        let prefixCount = Self.prefixCount(key)
        let hash = key.withUnsafeBytes { key in
            var hash: UInt64 = 0xCBF2_9CE4_8422_2325
            for byte in UnsafeRawBufferPointer(rebasing: key[..<prefixCount]) {
                hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3
            }
            return hash & hashMask
        }
        let bucket = bucket(ofHash: hash, prefix: key[..<prefixCount])
        let entry = Entry(
            keyStart: bytes.count, keyCount: Int32(key.count), valueCount: Int32(value.count),
            tailOffset: Int32(prefixCount))
        // Taken out and put back: `updateOrder` reads `self` (the bytes of the bucket's
        // last entry), which an inout access into `buckets` would overlap; Swift then
        // copied the whole array of buckets on every add.
        var current = buckets[bucket]
        key.withUnsafeBytes { key in
            updateOrder(of: &current, with: UnsafeRawBufferPointer(rebasing: key[prefixCount...]))
        }
        current.count += 1
        current.lastEntry = entries.count
        buckets[bucket] = current
        bytes.append(contentsOf: key)
        bytes.append(contentsOf: value)
        bucketOfEntry.append(Int32(bucket))
        entries.append(entry)
    }

    /// The bucket of the prefix whose hash is `hash`, made if there is none.
    private mutating func bucket(ofHash hash: UInt64, prefix: ArraySlice<UInt8>) -> Int {
        var slot = Self.slot(of: hash, in: slots.count)
        while true {
            let found = slots[slot]
            if found.bucket < 0 { break }
            if found.hash == hash { return Int(found.bucket) }
            slot = (slot + 1) & (slots.count - 1)
        }
        let bucket = buckets.count
        buckets.append(Bucket())
        prefixes.append(Array(prefix))
        slots[slot] = (hash, Int32(bucket))
        if 2 * buckets.count > slots.count {
            var larger = [(hash: UInt64, bucket: Int32)](repeating: (0, -1), count: 2 * slots.count)
            for entry in slots where entry.bucket >= 0 {
                var slot = Self.slot(of: entry.hash, in: larger.count)
                while larger[slot].bucket >= 0 { slot = (slot + 1) & (larger.count - 1) }
                larger[slot] = entry
            }
            slots = larger
        }
        return bucket
    }

    /// The first slot to probe for `hash` in a table of `count` (a power of two) slots.
    private static func slot(of hash: UInt64, in count: Int) -> Int {
        Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) >> 32) & (count - 1)
    }

    /// Whether the bucket is still ascending with `tail` after its last entry; keeps `tail` as the last.
    private func updateOrder(of bucket: inout Bucket, with tail: UnsafeRawBufferPointer) {
        if bucket.ascending && bucket.lastEntry >= 0 {
            let order =
                bucket.lastTailCount >= 0
                ? withUnsafeBytes(of: bucket.lastTail) { KeyOrder.compare(UnsafeRawBufferPointer(rebasing: $0[..<bucket.lastTailCount]), tail) }
                : bytes.withUnsafeBytes { all in
                    KeyOrder.compare(UnsafeRawBufferPointer(rebasing: all[self.tail(of: entries[bucket.lastEntry])]), tail)
                }
            bucket.ascending = order < 0
        }
        if tail.count <= 24 {
            withUnsafeMutableBytes(of: &bucket.lastTail) { $0.copyMemory(from: tail) }
            bucket.lastTailCount = tail.count
        } else {
            bucket.lastTailCount = -1
        }
    }

    /// The key's length up to and with its last NUL that is not its last byte, or 1.
    private static func prefixCount(_ key: [UInt8]) -> Int {
        var index = key.count - 2
        while index > 0 {
            if key[index] == 0 { return index + 1 }
            index -= 1
        }
        return min(1, key.count)
    }

    /// Writes every entry into `database`, which must be empty, in key order.
    func write(into database: Database, in txn: TransactionReference) throws {
        guard !entries.isEmpty else { return }
        try txn.withSteppedAppender(database) { appender in
            try ordered().forEach { key, value in try appender.append(key: key, value: value) }
        }
    }

    /// The entries ordered (once), to be read in key order in place, on any thread.
    consuming func ordered() -> OrderedIndexEntries {
        let order = entries.isEmpty ? [] : orderedEntries()
        return OrderedIndexEntries(buffer: self, order: order)
    }

    /// The key and value of entry `index` in `all` (this buffer's `bytes`).
    fileprivate func entry(_ index: Int, in all: UnsafeRawBufferPointer) -> (key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer) {
        let entry = entries[index]
        let valueStart = entry.keyStart + Int(entry.keyCount)
        return (
            UnsafeRawBufferPointer(rebasing: all[entry.keyStart..<valueStart]),
            UnsafeRawBufferPointer(rebasing: all[valueStart..<(valueStart + Int(entry.valueCount))])
        )
    }

    /// The entries' indexes in strictly ascending key order, the last of equal keys kept.
    private func orderedEntries() -> [Int] {
        var ordered: [Int] = []
        ordered.reserveCapacity(entries.count)
        let bucketOrder = buckets.indices.sorted { first, second in
            prefixes[first].withUnsafeBytes { a in prefixes[second].withUnsafeBytes { b in KeyOrder.compare(a, b) < 0 } }
        }
        // The entries grouped by bucket, buckets in prefix order, each in the order added.
        var start = [Int](repeating: 0, count: buckets.count)
        var offset = 0
        for bucket in bucketOrder {
            start[bucket] = offset
            offset += buckets[bucket].count
        }
        guard bucketsKeepKeyOrder(bucketOrder) else {
            // Sorted whole (stable, so equal keys keep their order).
            return lastOfEqualKeys(entries.indices.sorted { order(key(of: entries[$0]), key(of: entries[$1])) < 0 })
        }
        var grouped = [Int](repeating: 0, count: entries.count)
        var next = start
        for (index, bucket) in bucketOfEntry.enumerated() {
            grouped[next[Int(bucket)]] = index
            next[Int(bucket)] += 1
        }
        for bucket in bucketOrder {
            let members = grouped[start[bucket]..<(start[bucket] + buckets[bucket].count)]
            if buckets[bucket].ascending {
                ordered += members
            } else {
                ordered += lastOfEqualKeys(members.sorted { order(tail(of: entries[$0]), tail(of: entries[$1])) < 0 })
            }
        }
        return ordered
    }

    /// Whether the buckets in prefix order, each in the order of its tails, are the keys
    /// in order: every entry begins with its bucket's prefix (not so when two prefixes
    /// of one hash share a bucket), and no prefix begins the next one (else a key of
    /// the first could sort after keys of the second; a prefix that begins a later one
    /// begins every one between). A pass over the entries in the order added, where a
    /// check of the keys in their final order read memory all over the buffer (half a
    /// second of the indexer's thread for a rebuild of 6 million entries).
    private func bucketsKeepKeyOrder(_ bucketOrder: [Int]) -> Bool {
        for (earlier, later) in zip(bucketOrder, bucketOrder.dropFirst())
        where prefixes[later].starts(with: prefixes[earlier]) {
            return false
        }
        // The prefixes back to back, read in place (taking each entry's prefix array
        // retained and released it).
        let prefixBytes = prefixes.flatMap { $0 }
        var prefixStarts = [0]
        for prefix in prefixes { prefixStarts.append(prefixStarts.last! + prefix.count) }
        return bytes.withUnsafeBytes { all in
            prefixBytes.withUnsafeBytes { prefixBytes in
                for (index, entry) in entries.enumerated() {
                    let bucket = Int(bucketOfEntry[index])
                    let prefix = UnsafeRawBufferPointer(rebasing: prefixBytes[prefixStarts[bucket]..<prefixStarts[bucket + 1]])
                    guard Int(entry.tailOffset) == prefix.count else { return false }
                    let keyPrefix = UnsafeRawBufferPointer(rebasing: all[entry.keyStart..<(entry.keyStart + prefix.count)])
                    guard KeyOrder.compare(keyPrefix, prefix) == 0 else { return false }
                }
                return true
            }
        }
    }

    /// Of each run of equal keys in `sorted` (stable, in the order added), the last.
    private func lastOfEqualKeys(_ sorted: [Int]) -> [Int] {
        var kept: [Int] = []
        kept.reserveCapacity(sorted.count)
        for index in sorted {
            if let last = kept.last, order(key(of: entries[last]), key(of: entries[index])) == 0 {
                kept[kept.count - 1] = index
            } else {
                kept.append(index)
            }
        }
        return kept
    }

    private func key(of entry: Entry) -> Range<Int> { entry.keyStart..<(entry.keyStart + Int(entry.keyCount)) }

    private func tail(of entry: Entry) -> Range<Int> {
        (entry.keyStart + Int(entry.tailOffset))..<(entry.keyStart + Int(entry.keyCount))
    }

    /// LMDB's default order of two ranges of `bytes`: bytes as unsigned, a prefix first.
    private func order(_ a: Range<Int>, _ b: Range<Int>) -> Int {
        bytes.withUnsafeBytes { all in
            KeyOrder.compare(UnsafeRawBufferPointer(rebasing: all[a]), UnsafeRawBufferPointer(rebasing: all[b]))
        }
    }
}

/// Index entries in strictly ascending key order, the last of equal keys
/// (`IndexEntryBuffer.ordered`): read in place where they were collected, not copied.
struct OrderedIndexEntries: Sendable {
    fileprivate let buffer: IndexEntryBuffer
    /// The entries' indexes in key order.
    fileprivate let order: [Int]

    var count: Int { order.count }

    /// The entries are visited out of the order they were added (the buckets' runs are
    /// interleaved in the buffer), so each is a cache miss: memory is asked ahead for
    /// the entry a few steps on and, once it has come, for its key and value.
    func forEach(_ body: (_ key: UnsafeRawBufferPointer, _ value: UnsafeRawBufferPointer) throws -> Void) rethrows {
        try buffer.bytes.withUnsafeBytes { all in
            try buffer.entries.withUnsafeBufferPointer { entries in
                try order.withUnsafeBufferPointer { order in
                    for step in order.indices {
                        if step + 16 < order.count { provisioning_prefetch_read(entries.baseAddress! + order[step + 16]) }
                        if step + 8 < order.count {
                            let ahead = entries[order[step + 8]]
                            provisioning_prefetch_read(all.baseAddress! + ahead.keyStart)
                            provisioning_prefetch_read(all.baseAddress! + (ahead.keyStart + Int(ahead.keyCount + ahead.valueCount) - 1))
                        }
                        let (key, value) = buffer.entry(order[step], in: all)
                        try body(key, value)
                    }
                }
            }
        }
    }
}
