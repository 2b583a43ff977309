import Threads

/// The index half of a bulk load (`ReadModelStore.putAll`), on a thread of its own:
/// derives the index entries and counters of every record of the indexed tables
/// (groups, SIMs, numbers, subscribers) with `BulkLoadIndexes`, orders the entries,
/// and hands them over in chunks in key order. Meanwhile the writer's thread encodes
/// and puts the records themselves; then it puts the chunks. Rebuilding 1.6 million
/// records and their 4.6 million index entries on one core left the other idle.
enum BulkLoadIndexer {
    /// Index entries in key order: keys and values back to back.
    struct Chunk: Sendable {
        fileprivate(set) var bytes: [UInt8] = []
        /// The key's length, then the value's, of each entry in turn.
        fileprivate(set) var lengths: [Int32] = []

        fileprivate init() {
            bytes.reserveCapacity(BulkLoadIndexer.entriesPerChunk * 48)
            lengths.reserveCapacity(2 * BulkLoadIndexer.entriesPerChunk)
        }

        var count: Int { lengths.count / 2 }

        func forEach(_ body: (_ key: UnsafeRawBufferPointer, _ value: UnsafeRawBufferPointer) throws -> Void) rethrows {
            try bytes.withUnsafeBytes { all in
                var offset = 0
                for entry in 0..<count {
                    let keyCount = Int(lengths[2 * entry])
                    let valueCount = Int(lengths[2 * entry + 1])
                    let key = UnsafeRawBufferPointer(rebasing: all[offset..<(offset + keyCount)])
                    let value = UnsafeRawBufferPointer(rebasing: all[(offset + keyCount)..<(offset + keyCount + valueCount)])
                    try body(key, value)
                    offset += keyCount + valueCount
                }
            }
        }
    }

    static let entriesPerChunk = 4_096
    static let chunksAhead = 4

    /// Starts deriving the index entries of `state` on another thread; its value is
    /// the counter deltas of the records.
    static func start(_ state: KeyOrderedState) -> BackgroundProducer<Chunk, [CounterKey: Int64]> {
        BackgroundProducer(capacity: chunksAhead) { send in
            // A SIM has up to five index entries (status, reseller, group, pool, IMSI),
            // a number one, a subscriber three, a group one.
            var indexes = BulkLoadIndexes(
                expectedEntries: 5 * state.sims.count + state.numbers.count + 3 * state.subscribers.count
                    + state.groups.count)
            for record in state.groups { try indexes.updateGroupIndexes(from: nil, to: record) }
            try state.sims.forEach { try indexes.updateSIMIndexes(from: nil, to: $0) }
            try state.numbers.forEach { try indexes.updateNumberIndexes(from: nil, to: $0) }
            try state.subscribers.forEach { try indexes.updateSubscriberIndexes(from: nil, to: $0) }
            var chunk = Chunk()
            try indexes.entries.forEachInKeyOrder { key, value in
                chunk.bytes.append(contentsOf: key)
                chunk.bytes.append(contentsOf: value)
                chunk.lengths.append(Int32(key.count))
                chunk.lengths.append(Int32(value.count))
                if chunk.count == entriesPerChunk {
                    try send(chunk)
                    chunk = Chunk()
                }
            }
            if chunk.count > 0 { try send(chunk) }
            return indexes.counterDeltas
        }
    }
}
