import LMDB
import Threads

/// The index half of a bulk load (`ReadModelStore.putAll`), on threads of their own:
/// derives the index entries and counters of every record of the indexed tables
/// (groups, SIMs, numbers, subscribers) with `BulkLoadIndexes`, orders the entries,
/// and hands them over in chunks in key order. Meanwhile the writer's thread encodes
/// and puts the records themselves; then it puts the chunks. Rebuilding 1.6 million
/// records and their 4.6 million index entries on one core left the other idle.
///
/// The index's keys are split in two ranges by their first byte (the index they
/// belong to, `IndexKey`): those before `splitByte` (SIMs of a group, subscribers,
/// groups, IMSIs, subscriber names) and the others (pools, SIMs of a reseller and by
/// status, numbers), about as many entries each on the stores measured. Each range is
/// derived from every record, ordered and cut into chunks on a thread of its own, and
/// the first range's chunks are handed over as they are cut, then the second's: no
/// merge. (The records were split instead, first in two parts of the SIMs, and the
/// two runs of chunks merged entry by entry: a comparison and two chunk copies an
/// entry, on the critical path of the write once the records were in.)
enum BulkLoadIndexer {
    /// Index entries in key order: keys and values back to back.
    struct Chunk: Sendable {
        fileprivate(set) var bytes: [UInt8] = []
        /// The key's length, then the value's, of each entry in turn.
        fileprivate(set) var lengths: [Int32] = []

        init() {
            bytes.reserveCapacity(BulkLoadIndexer.entriesPerChunk * 48)
            lengths.reserveCapacity(2 * BulkLoadIndexer.entriesPerChunk)
        }

        var count: Int { lengths.count / 2 }

        mutating func append(key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer) {
            bytes.append(contentsOf: key)
            bytes.append(contentsOf: value)
            lengths.append(Int32(key.count))
            lengths.append(Int32(value.count))
        }

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
    /// The first byte of the second range's keys: `P`, the pools of available SIMs.
    static let splitByte = UInt8(ascii: "P")

    /// Starts deriving the index entries of `state` on other threads; its value is
    /// the counter deltas of the records.
    static func start(_ state: KeyOrderedState) -> BackgroundProducer<Chunk, [CounterKey: Int64]> {
        BackgroundProducer(capacity: chunksAhead) { send in
            let sims = state.sims.count
            let later = BackgroundTask {
                var chunks: [Chunk] = []
                _ = try derive(state, keys: .fromSplit, expectedEntries: 3 * sims + state.numbers.count) {
                    chunks.append($0)
                }
                return chunks
            }
            let counterDeltas = try derive(
                state, keys: .beforeSplit, expectedEntries: 2 * sims + 3 * state.subscribers.count + state.groups.count,
                send: send)
            for chunk in try later.value() { try send(chunk) }
            return counterDeltas
        }
    }

    /// Which index keys a thread derives, by their first byte.
    enum KeyRange {
        case beforeSplit, fromSplit

        /// Whether keys beginning with `first` are in the range.
        func contains(first: UInt8) -> Bool {
            (first < BulkLoadIndexer.splitByte) == (self == .beforeSplit)
        }
    }

    /// The entries of `keys` of every record, in chunks in key order handed to `send`
    /// as they are cut; the counter deltas of the records with the first range (the
    /// second counts none, so that each is counted once).
    private static func derive(
        _ state: KeyOrderedState, keys: KeyRange, expectedEntries: Int, send: (Chunk) throws -> Void
    ) throws -> [CounterKey: Int64] {
        var indexes = BulkLoadIndexes(keys: keys, expectedEntries: expectedEntries)
        for record in state.groups { try indexes.updateGroupIndexes(from: nil, to: record) }
        try state.sims.forEach { try indexes.updateSIMIndexes(from: nil, to: $0) }
        try state.numbers.forEach { try indexes.updateNumberIndexes(from: nil, to: $0) }
        try state.subscribers.forEach { try indexes.updateSubscriberIndexes(from: nil, to: $0) }
        var chunk = Chunk()
        try indexes.entries.forEachInKeyOrder { key, value in
            chunk.append(key: key, value: value)
            if chunk.count == entriesPerChunk {
                try send(chunk)
                chunk = Chunk()
            }
        }
        if chunk.count > 0 { try send(chunk) }
        return indexes.counterDeltas
    }
}
