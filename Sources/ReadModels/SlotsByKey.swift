/// The slot of each key of a `RecordTable`: an open-addressing hash table whose
/// entry is the inline key and its slot together (32 bytes, half a cache line),
/// probed linearly, with a multiply-and-shift hash of the key's three words.
///
/// A rebuild looks up a record for nearly every event, and over a million keys in
/// random order each lookup is a cache miss: Swift's `Dictionary` spends two or
/// three of them (its occupancy bitmap, the key, the value) and a SipHash; this
/// spends about one. Keys of more than 23 bytes (which the validated values never
/// are) go to a plain dictionary.
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

    subscript(_ key: PackedKey) -> Int? {
        switch key {
        case .long(let string): return long[string]
        case .inline(let word0, let word1, let word2):
            var index = Self.hash(word0, word1, word2) & mask
            while true {
                let entry = entries[index]
                if entry.slot < 0 { return nil }
                if entry.word0 == word0 && entry.word1 == word1 && entry.word2 == word2 { return entry.slot }
                index = (index + 1) & mask
            }
        }
    }

    /// Adds a key that is not there yet.
    mutating func insert(_ key: PackedKey, slot: Int) {
        switch key {
        case .long(let string): long[string] = slot
        case .inline(let word0, let word1, let word2):
            if (count + 1) * 2 > entries.count { grow() }
            place(Entry(word0: word0, word1: word1, word2: word2, slot: slot))
            count += 1
        }
    }

    private mutating func place(_ entry: Entry) {
        var index = Self.hash(entry.word0, entry.word1, entry.word2) & mask
        while entries[index].slot >= 0 { index = (index + 1) & mask }
        entries[index] = entry
    }

    /// Doubles the table (at most half full, so probes stay short).
    private mutating func grow() {
        let old = entries
        entries = [Entry](repeating: Entry(word0: 0, word1: 0, word2: 0, slot: -1), count: old.count * 2)
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
