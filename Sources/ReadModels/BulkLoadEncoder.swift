import Provisioning
import Threads
import WireFormat

/// The CPU half of a bulk load (`ReadModelStore.putAll`), on a thread of its own:
/// encodes each record of the indexed tables (groups, SIMs, numbers, subscribers)
/// with its key, derives its index entries and counters (`BulkLoadIndexes`), then
/// orders the index entries, and hands it all over in chunks, table by table in the
/// order they are written, to the writer's thread, which only puts them. Rebuilding
/// 1.6 million records and their 4.6 million index entries left one core idle while
/// the other built keys and records; now the second core builds them while the
/// first one's LMDB puts go on.
struct BulkLoadEncoder: ~Copyable {
    /// The tables a bulk load writes through this encoder, in the order it writes them.
    enum Table: Sendable {
        case groups, sims, numbers, subscribers, index
    }

    /// Entries of one table in key order: keys and values back to back.
    struct Chunk: Sendable {
        let table: Table
        fileprivate(set) var bytes = ByteWriter(capacity: BulkLoadEncoder.entriesPerChunk * 64)
        /// The key's length, then the value's, of each entry in turn.
        fileprivate(set) var lengths: [Int32] = []

        fileprivate init(_ table: Table) {
            self.table = table
            lengths.reserveCapacity(2 * BulkLoadEncoder.entriesPerChunk)
        }

        var count: Int { lengths.count / 2 }

        func forEach(_ body: (_ key: UnsafeRawBufferPointer, _ value: UnsafeRawBufferPointer) throws -> Void) rethrows {
            try bytes.bytes.withUnsafeBytes { all in
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

    private let channel: BoundedChannel<Chunk>
    /// Gives the counter deltas of the records, once every chunk is sent.
    private let task: BackgroundTask<[CounterKey: Int64]>

    /// Starts encoding `state` on another thread.
    init(_ state: KeyOrderedState) {
        let channel = BoundedChannel<Chunk>(capacity: Self.chunksAhead)
        self.channel = channel
        task = BackgroundTask {
            // The end is sent whatever happens, so that the writer never waits for
            // ever; an error reaches it through `finish`.
            defer { channel.finish() }
            // A SIM has up to five index entries (status, reseller, group, pool, IMSI),
            // a number one, a subscriber three, a group one.
            var indexes = BulkLoadIndexes(
                expectedEntries: 5 * state.sims.count + state.numbers.count + 3 * state.subscribers.count
                    + state.groups.count)
            var sender = ChunkSender(channel)
            for record in state.groups {
                try sender.add(.groups, key: ReadModelStore.key(record.name), record)
                try indexes.updateGroupIndexes(from: nil, to: record)
            }
            try state.sims.forEach { record in
                try sender.add(.sims, key: IndexKey.sortKey(digits: record.iccid.rawValue), record)
                try indexes.updateSIMIndexes(from: nil, to: record)
            }
            try state.numbers.forEach { record in
                try sender.add(.numbers, key: IndexKey.sortKey(digits: record.number.rawValue), record)
                try indexes.updateNumberIndexes(from: nil, to: record)
            }
            try state.subscribers.forEach { record in
                try sender.add(.subscribers, key: ReadModelStore.key(record.subUID), record)
                try indexes.updateSubscriberIndexes(from: nil, to: record)
            }
            try indexes.entries.forEachInKeyOrder { key, value in try sender.add(.index, key: key, value: value) }
            try sender.flush()
            return indexes.counterDeltas
        }
    }

    /// The next chunk, waiting for it; nil after the last (or after a failure, which
    /// `finish` then throws).
    func next() -> Chunk? { channel.receive() }

    /// After `next()` gave nil: the counter deltas of the records, or what stopped the encoding.
    consuming func finish() throws -> [CounterKey: Int64] { try task.value() }

    /// The writer gave up: stops the encoding and waits for its thread.
    consuming func cancel() {
        channel.cancel()
        task.wait()
    }
}

/// Fills chunks and sends each when full or when the table changes.
private struct ChunkSender {
    let channel: BoundedChannel<BulkLoadEncoder.Chunk>
    var chunk: BulkLoadEncoder.Chunk?

    init(_ channel: BoundedChannel<BulkLoadEncoder.Chunk>) {
        self.channel = channel
    }

    mutating func add(_ table: BulkLoadEncoder.Table, key: [UInt8], _ record: some StoredRecord) throws {
        try start(table)
        chunk!.bytes.writeRaw(key)
        let before = chunk!.bytes.bytes.count
        record.encode(into: &chunk!.bytes)
        chunk!.lengths.append(Int32(key.count))
        chunk!.lengths.append(Int32(chunk!.bytes.bytes.count - before))
        try sendIfFull()
    }

    mutating func add(_ table: BulkLoadEncoder.Table, key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer) throws {
        try start(table)
        chunk!.bytes.writeRaw(key)
        chunk!.bytes.writeRaw(value)
        chunk!.lengths.append(Int32(key.count))
        chunk!.lengths.append(Int32(value.count))
        try sendIfFull()
    }

    private mutating func start(_ table: BulkLoadEncoder.Table) throws {
        if let current = chunk, current.table != table { try flush() }
        if chunk == nil { chunk = BulkLoadEncoder.Chunk(table) }
    }

    private mutating func sendIfFull() throws {
        if chunk!.count == BulkLoadEncoder.entriesPerChunk { try flush() }
    }

    mutating func flush() throws {
        guard let full = chunk.take() else { return }
        guard channel.send(full) else { throw BulkLoadCancelled() }
    }
}

/// The writer gave up (its put failed): the encoding stops.
private struct BulkLoadCancelled: Error {}
