import LMDB
import Threads

/// The index half of a bulk load (`ReadModelStore.putAll`), on threads of their own:
/// derives the index entries and counters of every record of the indexed tables
/// (groups, SIMs, numbers, subscribers) with `BulkLoadIndexes`, orders the entries,
/// and hands them over in chunks in key order. Meanwhile the writer's thread encodes
/// and puts the records themselves; then it puts the chunks. Rebuilding 1.6 million
/// records and their 4.6 million index entries on one core left the other idle.
///
/// The records are split in two parts of about as many entries each (the groups and
/// the first SIMs; the other SIMs, the numbers and the subscribers). Each part is
/// derived, ordered and copied into chunks in key order on a thread of its own (the
/// copy reads the entries all over their buffer: the slow half of ordering them), and
/// the two runs of chunks are merged as they are handed over, a sequential read of
/// each. On one thread the index of a million SIMs took ~3 s, the critical path of a
/// rebuild's write (and of a read-model check) once the records are in.
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

    /// Starts deriving the index entries of `state` on other threads; its value is
    /// the counter deltas of the records.
    static func start(_ state: KeyOrderedState) -> BackgroundProducer<Chunk, [CounterKey: Int64]> {
        BackgroundProducer(capacity: chunksAhead) { send in
            let split = simsInFirstPart(state)
            let second = BackgroundTask {
                let sims = split..<state.sims.count
                return try ordered(expectedEntries: 5 * sims.count + state.numbers.count + 3 * state.subscribers.count) {
                    indexes in
                    try state.sims.forEach(in: sims) { try indexes.updateSIMIndexes(from: nil, to: $0) }
                    try state.numbers.forEach { try indexes.updateNumberIndexes(from: nil, to: $0) }
                    try state.subscribers.forEach { try indexes.updateSubscriberIndexes(from: nil, to: $0) }
                }
            }
            let first = try ordered(expectedEntries: 5 * split + state.groups.count) { indexes in
                for record in state.groups { try indexes.updateGroupIndexes(from: nil, to: record) }
                try state.sims.forEach(in: 0..<split) { try indexes.updateSIMIndexes(from: nil, to: $0) }
            }
            let rest = try second.value()
            try merge(first.chunks, rest.chunks, send: send)
            return first.counterDeltas.merging(rest.counterDeltas, uniquingKeysWith: +)
        }
    }

    /// How many SIMs (in key order) go with the groups into the first part, so that
    /// both parts have about as many index entries. A SIM has up to five (status,
    /// reseller, group, pool, IMSI), a number one, a subscriber three, a group one.
    static func simsInFirstPart(_ state: KeyOrderedState) -> Int {
        let entries = 5 * state.sims.count + state.numbers.count + 3 * state.subscribers.count + state.groups.count
        return min(state.sims.count, max(0, (entries / 2 - state.groups.count) / 5))
    }

    /// The entries `derive` makes, in chunks in key order, and their counter deltas.
    private static func ordered(
        expectedEntries: Int, _ derive: (inout BulkLoadIndexes) throws -> Void
    ) throws -> (chunks: [Chunk], counterDeltas: [CounterKey: Int64]) {
        var indexes = BulkLoadIndexes(expectedEntries: expectedEntries)
        try derive(&indexes)
        var chunks: [Chunk] = []
        var chunk = Chunk()
        indexes.entries.forEachInKeyOrder { key, value in
            chunk.append(key: key, value: value)
            if chunk.count == entriesPerChunk {
                chunks.append(chunk)
                chunk = Chunk()
            }
        }
        if chunk.count > 0 { chunks.append(chunk) }
        return (chunks, indexes.counterDeltas)
    }

    /// Hands over the entries of two runs of chunks (each in key order) in key order,
    /// in chunks; of equal keys, the second run's (as if its entries had been added last).
    static func merge(_ first: [Chunk], _ second: [Chunk], send: (Chunk) throws -> Void) throws {
        var a = ChunkReader(first)
        var b = ChunkReader(second)
        var chunk = Chunk()
        func emit(_ reader: inout ChunkReader) throws {
            reader.withCurrent { key, value in chunk.append(key: key, value: value) }
            reader.advance()
            if chunk.count == entriesPerChunk {
                try send(chunk)
                chunk = Chunk()
            }
        }
        while !a.atEnd && !b.atEnd {
            let order = a.compareCurrentKey(with: b)
            if order < 0 {
                try emit(&a)
            } else {
                if order == 0 { a.advance() }
                try emit(&b)
            }
        }
        while !a.atEnd { try emit(&a) }
        while !b.atEnd { try emit(&b) }
        if chunk.count > 0 { try send(chunk) }
    }
}

/// Walks the entries of a run of chunks in order. The current chunk's arrays are
/// kept apart: reading an entry through `chunks[chunk]` copied the chunk (a retain and
/// release of both its arrays) twice an entry, a fifth of the merging thread.
private struct ChunkReader {
    private let chunks: [BulkLoadIndexer.Chunk]
    private var chunk = 0
    private var bytes: [UInt8] = []
    private var lengths: [Int32] = []
    private var entry = 0
    private var offset = 0

    init(_ chunks: [BulkLoadIndexer.Chunk]) {
        self.chunks = chunks.filter { $0.count > 0 }
        load()
    }

    var atEnd: Bool { chunk == chunks.count }

    private mutating func load() {
        guard chunk < chunks.count else { return }
        bytes = chunks[chunk].bytes
        lengths = chunks[chunk].lengths
    }

    /// The current entry's key and value (not at the end).
    func withCurrent<R>(_ body: (_ key: UnsafeRawBufferPointer, _ value: UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        let keyCount = Int(lengths[2 * entry])
        let valueCount = Int(lengths[2 * entry + 1])
        return try bytes.withUnsafeBytes { all in
            try body(
                UnsafeRawBufferPointer(rebasing: all[offset..<(offset + keyCount)]),
                UnsafeRawBufferPointer(rebasing: all[(offset + keyCount)..<(offset + keyCount + valueCount)]))
        }
    }

    func compareCurrentKey(with other: ChunkReader) -> Int {
        withCurrent { key, _ in other.withCurrent { otherKey, _ in KeyOrder.compare(key, otherKey) } }
    }

    mutating func advance() {
        offset += Int(lengths[2 * entry]) + Int(lengths[2 * entry + 1])
        entry += 1
        if entry == lengths.count / 2 {
            chunk += 1
            entry = 0
            offset = 0
            load()
        }
    }
}
