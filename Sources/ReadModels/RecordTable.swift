import CPrefetch

/// The records of one kind by key, for a rebuild: found by a hash table of inline
/// keys (`SlotsByKey`), changed in place, and handed out in the table's key order
/// as often as snapshots need it.
///
/// Keys are never removed (nothing is ever deleted from the domain's state), so the
/// key order of the records already sorted stays right: it is kept, and only
/// records added since are sorted and merged in. A million SIMs are sorted once, not
/// at every snapshot.
struct RecordTable<Record: Sendable> {
    private var records: [Record] = []
    /// `records` has been handed out (`inKeyOrder`) since it was last copied.
    private var recordsShared = false
    /// The records handed out before: reused by the next copy (`makeRecordsUnique`).
    private var spare: [Record] = []
    private var slots = SlotsByKey()
    /// Indexes into `records` in key order, for the first `order.count` records.
    private var order: [Int] = []
    private let key: (Record) -> String
    private let precedes: (String, String) -> Bool

    /// `key`: the record's key; `precedes`: the order of the table's keys.
    init(key: @escaping (Record) -> String, precedes: @escaping (String, String) -> Bool) {
        self.key = key
        self.precedes = precedes
    }

    var unordered: [Record] { records }

    /// Makes room in the key table for `count` keys in all: no copy to grow it until
    /// there are more (see `ReplayState.reserveCapacity`). Its empty entries are
    /// written here.
    mutating func reserveKeys(_ count: Int) {
        slots.reserveCapacity(count)
    }

    /// Makes room for `count` records in all, its pages faulted in on another thread
    /// (`HugePages.copy`). `copied`: room for the copy the first change after a
    /// snapshot makes (`makeRecordsUnique`) too.
    mutating func reserveRecords(_ count: Int, copied: Bool) {
        if count > records.capacity {
            records = HugePages.copy(records, capacity: count)
            recordsShared = false
        }
        if copied && count > spare.capacity { spare = HugePages.copy([], capacity: count) }
    }

    subscript(_ key: String) -> Record? { slots[PackedKey(key)].map { records[$0] } }

    mutating func put(_ record: Record) {
        let packed = PackedKey(key(record))
        if let slot = slots.find(packed) {
            makeRecordsUnique()
            records[slot] = record
        } else {
            slots.insert(packed, slot: records.count)
            if recordsShared || records.count == records.capacity {
                // Grown here rather than by `append`, so that the new storage is in huge pages.
                records = HugePages.copy(records, capacity: max(16, 2 * records.count))
                recordsShared = false
            }
            records.append(record)
        }
    }

    /// Copies the records before a change if a snapshot holds them (`inKeyOrder`), into
    /// huge pages (`HugePages`), instead of letting the change copy them into small
    /// ones: into the storage handed to the snapshot before, once that one is done
    /// with it (fresh huge pages are zeroed by the kernel first, 0.7 s of the ten
    /// copies of a replay of ten million events).
    private mutating func makeRecordsUnique() {
        guard recordsShared else { return }
        var copy: [Record] = []
        swap(&copy, &spare)
        let storage = copy.withUnsafeBufferPointer { $0.baseAddress }
        copy.removeAll(keepingCapacity: true)
        if copy.capacity >= records.count && copy.withUnsafeBufferPointer({ $0.baseAddress }) == storage {
            copy.append(contentsOf: records)
        } else {
            // The snapshot still holds it (or there was none): a new copy.
            copy = HugePages.copy(records, capacity: records.capacity)
        }
        spare = records
        records = copy
        recordsShared = false
    }

    /// Asks memory ahead for what a coming `modify` of `key` will
    /// read (hints: nothing changes): the hash table's entry (`record` false), or,
    /// asked again nearer (the entry has come meanwhile), the record's cache lines.
    /// Over a million records in random order each is a miss; asked for a few events
    /// ahead, it is waited for beside the work on those events. Nothing is asked while
    /// the lookups go from slot to slot in order (`SlotsByKey.inOrder`): the table is
    /// not read then, and the records are read in order.
    func prefetch(_ key: PackedKey, record: Bool) {
        guard !slots.inOrder else { return }
        guard record else { return slots.prefetchEntry(key) }
        guard let slot = slots[key] else { return }
        records.withUnsafeBufferPointer { records in
            let start = UnsafeRawPointer(records.baseAddress! + slot)
            for offset in stride(from: 0, to: MemoryLayout<Record>.size, by: 64) {
                provisioning_prefetch_write(start + offset)
            }
            provisioning_prefetch_write(start + (MemoryLayout<Record>.size - 1))
        }
    }

    /// Changes the record of `key` in place, if there is one; `change` keeps its key.
    mutating func modify(_ key: PackedKey, _ change: (inout Record) -> Void) {
        guard let slot = slots.find(key) else { return }
        makeRecordsUnique()
        change(&records[slot])
    }

    /// Every record, in key order (not copied: keep the result only while the
    /// table is not changed, or the table's records are copied on the next change).
    mutating func inKeyOrder() -> RecordsInKeyOrder<Record> {
        if order.count < records.count {
            let keys = records.map(key)
            let added = (order.count..<records.count).sorted { precedes(keys[$0], keys[$1]) }
            order = Self.merge(order, added) { precedes(keys[$0], keys[$1]) }
        }
        recordsShared = true
        return RecordsInKeyOrder(records: records, order: order)
    }

    private static func merge(_ a: [Int], _ b: [Int], by precedes: (Int, Int) -> Bool) -> [Int] {
        if a.isEmpty { return b }
        if b.isEmpty { return a }
        var merged: [Int] = []
        merged.reserveCapacity(a.count + b.count)
        var i = 0
        var j = 0
        while i < a.count && j < b.count {
            if precedes(b[j], a[i]) {
                merged.append(b[j])
                j += 1
            } else {
                merged.append(a[i])
                i += 1
            }
        }
        merged += a[i...]
        merged += b[j...]
        return merged
    }
}

/// Records visited in key order without copying them into a new array.
public struct RecordsInKeyOrder<Record: Sendable>: Sendable {
    let records: [Record]
    let order: [Int]

    init(records: [Record], order: [Int]) {
        self.records = records
        self.order = order
    }

    /// The records of a small table, sorted already.
    init(sorted: [Record]) {
        records = sorted
        order = Array(sorted.indices)
    }

    var count: Int { order.count }

    /// (Each record is lent to `body` from the buffer: `records[index]` copied it, a
    /// retain and a release of each of its strings, for every record of a snapshot
    /// and of a rebuild's write.)
    func forEach(_ body: (Record) throws -> Void) rethrows {
        try records.withUnsafeBufferPointer { records in
            for index in order { try body(records[index]) }
        }
    }

    /// Every `step`-th record in key order, from the first (a sample).
    func forEach(every step: Int, _ body: (Record) throws -> Void) rethrows {
        try records.withUnsafeBufferPointer { records in
            for index in stride(from: 0, to: order.count, by: step) { try body(records[order[index]]) }
        }
    }

    /// The records at `positions` of the key order (a part of the table), in key order.
    func forEach(in positions: Range<Int>, _ body: (Record) throws -> Void) rethrows {
        try records.withUnsafeBufferPointer { records in
            for index in order[positions] { try body(records[index]) }
        }
    }
}

/// A key of up to 23 UTF-8 bytes (an ICCID, a phone number, a SubUID) held inline,
/// its length in the last byte: hashing and comparing it (`SlotsByKey`) never reads a
/// String's heap storage, which over a million keys is a cache miss a lookup. A
/// longer key (which the validated values never are) keeps its String.
enum PackedKey: Equatable {
    case inline(UInt64, UInt64, UInt64)
    case long(String)

    init(_ key: String) {
        var key = key
        self = key.withUTF8 { bytes in
            guard bytes.count <= 23 else { return .long(String(decoding: bytes, as: UTF8.self)) }
            var words: (UInt64, UInt64, UInt64) = (0, 0, 0)
            withUnsafeMutableBytes(of: &words) { raw in
                raw.copyMemory(from: UnsafeRawBufferPointer(bytes))
                raw[23] = UInt8(bytes.count)
            }
            return .inline(words.0, words.1, words.2)
        }
    }
}
