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

    subscript(_ key: String) -> Record? { slots[PackedKey(key)].map { records[$0] } }

    mutating func put(_ record: Record) {
        let packed = PackedKey(key(record))
        if let slot = slots[packed] {
            records[slot] = record
        } else {
            slots.insert(packed, slot: records.count)
            records.append(record)
        }
    }

    /// Changes the record of `key` in place, if there is one; `change` keeps its key.
    mutating func modify(_ key: String, _ change: (inout Record) -> Void) {
        guard let slot = slots[PackedKey(key)] else { return }
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

    func forEach(_ body: (Record) throws -> Void) rethrows {
        for index in order { try body(records[index]) }
    }

    /// The records at `positions` of the key order (a part of the table), in key order.
    func forEach(in positions: Range<Int>, _ body: (Record) throws -> Void) rethrows {
        for index in order[positions] { try body(records[index]) }
    }
}

/// A key of up to 23 UTF-8 bytes (an ICCID, a phone number, a SubUID) held inline,
/// its length in the last byte: hashing and comparing it (`SlotsByKey`) never reads a
/// String's heap storage, which over a million keys is a cache miss a lookup. A
/// longer key (which the validated values never are) keeps its String.
enum PackedKey {
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
