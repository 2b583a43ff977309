/// The records of one kind by key, for a rebuild: found by a dictionary, changed in
/// place, and handed out in the table's key order as often as snapshots need it.
///
/// Keys are never removed (nothing is ever deleted from the domain's state), so the
/// key order of the records already sorted stays right: it is kept, and only
/// records added since are sorted and merged in. A million SIMs are sorted once, not
/// at every snapshot.
struct RecordTable<Key: Hashable, Record> {
    private var records: [Record] = []
    private var slots: [Key: Int] = [:]
    /// Indexes into `records` in key order, for the first `order.count` records.
    private var order: [Int] = []
    private let key: (Record) -> Key
    private let precedes: (Key, Key) -> Bool

    init(key: @escaping (Record) -> Key, precedes: @escaping (Key, Key) -> Bool) {
        self.key = key
        self.precedes = precedes
    }

    var count: Int { records.count }
    var unordered: [Record] { records }

    subscript(_ key: Key) -> Record? { slots[key].map { records[$0] } }

    mutating func put(_ record: Record) {
        let key = key(record)
        if let slot = slots[key] {
            records[slot] = record
        } else {
            slots[key] = records.count
            records.append(record)
        }
    }

    mutating func reserveCapacity(_ count: Int) {
        records.reserveCapacity(count)
        slots.reserveCapacity(count)
    }

    /// Every record, in key order.
    mutating func inKeyOrder() -> [Record] {
        if order.count < records.count {
            let keys = records.map(key)
            let added = (order.count..<records.count).sorted { precedes(keys[$0], keys[$1]) }
            order = Self.merge(order, added) { precedes(keys[$0], keys[$1]) }
        }
        return order.map { records[$0] }
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
