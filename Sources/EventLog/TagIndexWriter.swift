import LMDB

/// Collects the tag index entries of one append and writes them grouped by tag.
///
/// The `tags` database holds each tag once, as a key with its positions as sorted
/// 8-byte big-endian duplicates (MDB_DUPSORT | MDB_DUPFIXED). A tag that recurs in
/// a batch (a reseller, a group, the acting user) is written in one MDB_MULTIPLE put
/// instead of one put per event; tags go through one cursor in the order they first
/// appear, so consecutive keys (a shipment's ICCIDs) usually land on the page the
/// cursor is already on. Every put is MDB_APPENDDUP: a position not after the tag's
/// last one fails instead of going into the middle, as MDB_APPEND does for `events`.
struct TagIndexWriter: ~Copyable {
    private var slotOfTag: [String: Int] = [:]
    /// The distinct tags, in the order they first appear, and the last position added to each.
    private var tags: [String] = []
    private var lastPosition: [UInt64] = []
    /// One per entry: its tag's slot and its position.
    private var entrySlots: [Int32] = []
    private var entryPositions: [UInt64] = []

    init(expectedEntries: Int) {
        slotOfTag.reserveCapacity(expectedEntries)
        entrySlots.reserveCapacity(expectedEntries)
        entryPositions.reserveCapacity(expectedEntries)
    }

    /// Adds an entry; positions are added in increasing order. A tag given twice for
    /// one position is one entry.
    mutating func add(_ tag: String, _ position: UInt64) {
        let slot: Int
        if let known = slotOfTag[tag] {
            guard lastPosition[known] != position else { return }
            slot = known
            lastPosition[known] = position
        } else {
            slot = tags.count
            slotOfTag[tag] = slot
            tags.append(tag)
            lastPosition.append(position)
        }
        entrySlots.append(Int32(truncatingIfNeeded: slot))
        entryPositions.append(position)
    }

    func write(in txn: borrowing WriteTransaction, _ database: Database) throws {
        guard !tags.isEmpty else { return }
        // Each tag's positions, big-endian and contiguous: a counting sort by slot,
        // stable, so positions stay in increasing order within a tag.
        var starts = [Int](repeating: 0, count: tags.count + 1)
        var grouped: [UInt64]
        if tags.count == entrySlots.count {
            // No tag recurs: entry i is slot i.
            for slot in 0..<tags.count { starts[slot + 1] = slot + 1 }
            grouped = entryPositions.map(\.bigEndian)
        } else {
            for slot in entrySlots { starts[Int(slot) + 1] += 1 }
            for slot in 0..<tags.count { starts[slot + 1] += starts[slot] }
            var next = starts
            grouped = [UInt64](repeating: 0, count: entryPositions.count)
            for entry in 0..<entrySlots.count {
                let slot = Int(entrySlots[entry])
                grouped[next[slot]] = entryPositions[entry].bigEndian
                next[slot] += 1
            }
        }
        try txn.withWriteCursor(database) { cursor in
            try grouped.withUnsafeBytes { all in
                for slot in 0..<tags.count {
                    let values = UnsafeRawBufferPointer(rebasing: all[(starts[slot] * 8)..<(starts[slot + 1] * 8)])
                    var tag = tags[slot]
                    try tag.withUTF8 { utf8 in
                        let key = UnsafeRawBufferPointer(utf8)
                        if values.count == 8 {
                            try cursor.put(key: key, value: values, flags: .appendDuplicate)
                        } else {
                            try cursor.put(key: key, values: values, valueSize: 8, flags: .appendDuplicate)
                        }
                    }
                }
            }
        }
    }
}
