import CPrefetch

/// The slot of each key of a `RecordTable`: an open-addressing hash table whose
/// entry is the inline key and its slot together (32 bytes, half a cache line),
/// probed linearly, with a multiply-and-shift hash of the key's three words.
///
/// A rebuild looks up a record for nearly every event, and over a million keys in
/// random order each lookup is a cache miss: Swift's `Dictionary` spends two or
/// three of them (its occupancy bitmap, the key, the value) and a SipHash; this
/// spends about one. Keys of more than 23 bytes (which the validated values never
/// are) go to a plain dictionary.
///
/// Before the table, while the lookups go from slot to slot in order, the slot after
/// the last one found is tried: the inline key of every slot is also kept by slot. Work on the inventory runs over
/// ranges of SIMs in ICCID order (a shipment booked in, a reserve or allocate of the
/// next N SIMs of a pool, a move of a whole group), so the next event's SIM is
/// mostly the next slot's, and a sequential read of this array is no cache miss
/// where the table's probe, at a random place of tens of MB, is one.
///
/// A fold that knows which keys it will look up next can ask memory for their
/// entries first (`prefetchEntry`): see `RecordTable.prefetch`.
struct SlotsByKey {
    private struct Entry {
        var word0: UInt64
        var word1: UInt64
        var word2: UInt64
        /// -1: an empty entry.
        var slot: Int
    }

    private var entries = [Entry](repeating: Entry(word0: 0, word1: 0, word2: 0, slot: -1), count: 16)
    private var mask = 15
    private var count = 0
    private var long: [String: Int] = [:]
    /// The inline key of each slot (none for a slot of a long key), by slot.
    private var keysBySlot: [InlineKey] = []
    /// The slot last found or inserted, -1 at first.
    private var lastSlot = -1
    /// The last lookup found the slot after the one before (or inserted the next).
    private(set) var inOrder = true

    private struct InlineKey: Equatable {
        var word0: UInt64
        var word1: UInt64
        var word2: UInt64
        /// The slot of a long key: its last byte, 0xFF, is no inline key's length.
        static let none = InlineKey(word0: 0, word1: 0, word2: .max)
    }

    /// The slot of `key`, if it has one.
    subscript(_ key: PackedKey) -> Int? { slot(of: key) }

    /// The slot of `key`, if it has one, remembered as the last found (the next
    /// lookup tries the slot after it first).
    mutating func find(_ key: PackedKey) -> Int? {
        let slot = slot(of: key)
        if let slot {
            inOrder = slot == lastSlot + 1
            lastSlot = slot
        }
        return slot
    }

    private func slot(of key: PackedKey) -> Int? {
        switch key {
        case .long(let string): return long[string]
        case .inline(let word0, let word1, let word2):
            // Only while in order: after a random lookup, the slot after it is as far
            // from the cache as the table's entry.
            let next = lastSlot + 1
            if inOrder && next < keysBySlot.count && keysBySlot[next] == InlineKey(word0: word0, word1: word1, word2: word2) {
                return next
            }
            var index = Self.hash(word0, word1, word2) & mask
            while true {
                let entry = entries[index]
                if entry.slot < 0 { return nil }
                if entry.word0 == word0 && entry.word1 == word1 && entry.word2 == word2 { return entry.slot }
                index = (index + 1) & mask
            }
        }
    }

    /// Asks memory for the table entry a lookup of `key` will start at (a hint:
    /// nothing changes).
    func prefetchEntry(_ key: PackedKey) {
        guard case .inline(let word0, let word1, let word2) = key else { return }
        let index = Self.hash(word0, word1, word2) & mask
        entries.withUnsafeBufferPointer { provisioning_prefetch_read($0.baseAddress! + index) }
    }

    /// Adds a key that is not there yet, at the next slot (the number of keys so far).
    mutating func insert(_ key: PackedKey, slot: Int) {
        precondition(slot == keysBySlot.count, "slots are numbered in the order their keys are inserted")
        switch key {
        case .long(let string):
            long[string] = slot
            keysBySlot.append(.none)
        case .inline(let word0, let word1, let word2):
            if (count + 1) * 2 > entries.count { grow() }
            place(Entry(word0: word0, word1: word1, word2: word2, slot: slot))
            count += 1
            keysBySlot.append(InlineKey(word0: word0, word1: word1, word2: word2))
        }
        inOrder = slot == lastSlot + 1
        lastSlot = slot
    }

    private mutating func place(_ entry: Entry) {
        var index = Self.hash(entry.word0, entry.word1, entry.word2) & mask
        while entries[index].slot >= 0 { index = (index + 1) & mask }
        entries[index] = entry
    }

    /// Doubles the table (at most half full, so probes stay short).
    private mutating func grow() {
        resize(to: entries.count * 2)
    }

    /// Makes room for `keys` keys in all without growing again (a rebuild that knows
    /// about how many records it will make: each doubling copied the table into fresh
    /// pages, which the kernel zeroes first).
    mutating func reserveCapacity(_ keys: Int) {
        var size = entries.count
        while size < keys * 2 { size *= 2 }
        if size > entries.count { resize(to: size) }
        if keys > keysBySlot.capacity { keysBySlot = HugePages.copy(keysBySlot, capacity: keys) }
    }

    private mutating func resize(to size: Int) {
        let old = entries
        entries = HugePages.array(repeating: Entry(word0: 0, word1: 0, word2: 0, slot: -1), count: size)
        mask = entries.count - 1
        for entry in old where entry.slot >= 0 { place(entry) }
    }

    /// The words' bits mixed by multiplication; the high bits are the best mixed, so
    /// they are folded down before masking.
    @inline(__always)
    private static func hash(_ word0: UInt64, _ word1: UInt64, _ word2: UInt64) -> Int {
        var h = (word0 &* 0x9E37_79B9_7F4A_7C15) ^ (word1 &* 0xC2B2_AE3D_27D4_EB4F) ^ (word2 &* 0x1656_67B1_9E37_79F9)
        h ^= h >> 29
        h &*= 0xBF58_476D_1CE4_E5B9
        h ^= h >> 32
        return Int(truncatingIfNeeded: h)
    }
}
