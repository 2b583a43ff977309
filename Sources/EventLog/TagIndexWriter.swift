import LMDB

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Collects the tag index entries of an append, or of a span of a large one (see
/// `ConcurrentRecordEncoder.eventsPerTagHandOver`), and writes them grouped by tag.
///
/// The `tags` database holds each tag once, as a key with its positions as sorted
/// 8-byte big-endian duplicates (MDB_DUPSORT | MDB_DUPFIXED). A tag that recurs in
/// a span (a reseller, a group, the acting user) is written in one MDB_MULTIPLE put
/// instead of one put per event; tags go through one cursor in the order they first
/// appear, so consecutive keys (a shipment's ICCIDs) usually land on the page the
/// cursor is already on. A span at a time, not a whole large append at once: the
/// writer puts a span's entries while the next records are encoded, instead of all of
/// them once the last record is in (a third of a bulk append's time, alone on its
/// thread). Every put is MDB_APPENDDUP: a position not after the tag's
/// last one fails instead of going into the middle, as MDB_APPEND does for `events`.
struct TagIndexWriter: ~Copyable {
    /// The distinct tags' UTF-8, back to back, in the order they first appear; tag `slot`
    /// is `tagBytes[tagStarts[slot]..<tagStarts[slot + 1]]`.
    private var tagBytes: [UInt8] = []
    private var tagStarts: [Int] = [0]
    /// The last position added to each tag.
    private var lastPosition: [UInt64] = []
    /// Open addressing, probed linearly: slot + 1 of a tag (0 for an empty entry) and
    /// its hash, so that a probe compares bytes only when the hashes are equal. A bulk
    /// append of a shipment looks up three tags an event, most of them new: Swift's
    /// `Dictionary<String, Int>` spent a SipHash, a retain and a release on each.
    private var table: [(slotPlusOne: Int32, hash: UInt32)]
    private var mask: Int
    /// One per entry: its tag's slot and its position.
    private var entrySlots: [Int32] = []
    private var entryPositions: [UInt64] = []

    init(expectedEntries: Int) {
        var capacity = 16
        while capacity < expectedEntries * 2 { capacity *= 2 }
        table = Array(repeating: (0, 0), count: capacity)
        mask = capacity - 1
        entrySlots.reserveCapacity(expectedEntries)
        entryPositions.reserveCapacity(expectedEntries)
    }

    private var tagCount: Int { lastPosition.count }

    /// The entries `events` give at most (a tag given twice for one event is one): the
    /// room to make for them. Read in place, without a copy of each event.
    static func entries(of events: Slice<UnsafeBufferPointer<NewEvent>>, trailingTags: Int = 0) -> Int {
        events.indices.reduce(0) { $0 + events[$1].tags.count + trailingTags }
    }

    /// Adds an entry; positions are added in increasing order. A tag given twice for
    /// one position is one entry. Returns the tag's slot, for `add(slot:_:)`.
    @discardableResult
    mutating func add(utf8 tag: UnsafeBufferPointer<UInt8>, _ position: UInt64) -> Int32 {
        let hash = Self.hash(tag)
        var index = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = table[index]
            if entry.slotPlusOne == 0 { break }
            if entry.hash == UInt32(truncatingIfNeeded: hash) {
                let known = Int(entry.slotPlusOne) - 1
                if isTag(known, equalTo: tag) {
                    add(slot: Int32(truncatingIfNeeded: known), position)
                    return Int32(truncatingIfNeeded: known)
                }
            }
            index = (index + 1) & mask
        }
        let slot = tagCount
        table[index] = (Int32(truncatingIfNeeded: slot + 1), UInt32(truncatingIfNeeded: hash))
        tagBytes.append(contentsOf: tag)
        tagStarts.append(tagBytes.count)
        lastPosition.append(position)
        entrySlots.append(Int32(truncatingIfNeeded: slot))
        entryPositions.append(position)
        if tagCount * 2 > table.count { grow() }
        return Int32(truncatingIfNeeded: slot)
    }

    /// Adds an entry for the tag of `slot` (returned by `add(utf8:_:)` of this writer),
    /// without hashing and comparing its bytes again: a tag every event of an append
    /// carries (`NewEventSequence.trailingTags`).
    mutating func add(slot: Int32, _ position: UInt64) {
        let known = Int(slot)
        guard lastPosition[known] != position else { return }
        lastPosition[known] = position
        entrySlots.append(slot)
        entryPositions.append(position)
    }

    private func isTag(_ slot: Int, equalTo tag: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = tagStarts[slot]
        let count = tagStarts[slot + 1] - start
        guard count == tag.count else { return false }
        guard count > 0 else { return true }
        return tagBytes.withUnsafeBufferPointer { bytes in memcmp(bytes.baseAddress! + start, tag.baseAddress!, count) == 0 }
    }

    private mutating func grow() {
        let capacity = table.count * 2
        var grown = [(slotPlusOne: Int32, hash: UInt32)](repeating: (0, 0), count: capacity)
        let newMask = capacity - 1
        for entry in table where entry.slotPlusOne != 0 {
            let start = tagStarts[Int(entry.slotPlusOne) - 1]
            let end = tagStarts[Int(entry.slotPlusOne)]
            let hash = tagBytes.withUnsafeBufferPointer { Self.hash(UnsafeBufferPointer(rebasing: $0[start..<end])) }
            var index = Int(truncatingIfNeeded: hash) & newMask
            while grown[index].slotPlusOne != 0 { index = (index + 1) & newMask }
            grown[index] = entry
        }
        table = grown
        mask = newMask
    }

    /// FNV-1a over 8-byte words (the bytes past the last whole word in one more),
    /// then a multiply-and-shift: tags are 10 to 40 bytes, and a shipment's differ
    /// in their last digits.
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        let raw = UnsafeRawBufferPointer(bytes)
        var offset = 0
        while offset + 8 <= raw.count {
            hash = (hash ^ raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0x0000_0100_0000_01b3
            hash ^= hash >> 29
            offset += 8
        }
        var tail: UInt64 = UInt64(raw.count)
        while offset < raw.count {
            tail = tail << 8 | UInt64(raw[offset])
            offset += 1
        }
        hash = (hash ^ tail) &* 0x9E37_79B9_7F4A_7C15
        return hash ^ (hash >> 32)
    }

    func write(in txn: borrowing WriteTransaction, _ database: Database) throws {
        guard tagCount > 0 else { return }
        // Each tag's positions, big-endian and contiguous: a counting sort by slot,
        // stable, so positions stay in increasing order within a tag.
        var starts = [Int](repeating: 0, count: tagCount + 1)
        var grouped: [UInt64]
        if tagCount == entrySlots.count {
            // No tag recurs: entry i is slot i.
            for slot in 0..<tagCount { starts[slot + 1] = slot + 1 }
            grouped = entryPositions.map(\.bigEndian)
        } else {
            for slot in entrySlots { starts[Int(slot) + 1] += 1 }
            for slot in 0..<tagCount { starts[slot + 1] += starts[slot] }
            var next = starts
            grouped = [UInt64](repeating: 0, count: entryPositions.count)
            for entry in 0..<entrySlots.count {
                let slot = Int(entrySlots[entry])
                grouped[next[slot]] = entryPositions[entry].bigEndian
                next[slot] += 1
            }
        }
        try txn.withWriteCursor(database) { cursor in
            try tagBytes.withUnsafeBytes { tagBytes in
                try grouped.withUnsafeBytes { all in
                    for slot in 0..<tagCount {
                        let values = UnsafeRawBufferPointer(rebasing: all[(starts[slot] * 8)..<(starts[slot + 1] * 8)])
                        let key = UnsafeRawBufferPointer(rebasing: tagBytes[tagStarts[slot]..<tagStarts[slot + 1]])
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
