import Threads

/// Encodes the records of a large append on a thread of its own, a chunk at a time,
/// while the writer's thread puts the chunks already encoded: encoding and the SHA-256
/// chain are about half of a bulk append's CPU and LMDB's puts most of the other half,
/// so on two cores they run side by side. The chunks are those a small append
/// encodes in one (`RecordChunk`); the tag index entries are collected on the same
/// thread and handed over with a chunk every 4,096 events or so.
///
/// The encoding thread never touches LMDB: the write transaction stays on the thread
/// that began it, as lmdb.h requires.
enum ConcurrentRecordEncoder {
    /// Records a chunk: an eighth of the append, so that the puts start early and the
    /// two threads overlap, within 128 and 4,096 (a chunk of 4,096 is about 1.4 MB).
    static func recordsPerChunk(appending count: Int) -> Int { min(4_096, max(128, count / 8)) }
    /// Chunks encoded ahead of the puts, at most: bounds the memory to a few MB.
    static let chunksAhead = 4

    /// Tag index entries go to the writer with the chunk that completes at least this
    /// many events since the last hand-over (and with the last chunk): a tag that recurs
    /// (a reseller, the acting user) is one MDB_MULTIPLE put per span, and the writer
    /// puts the entries of a large append while its next records are being encoded. A
    /// small append's entries all go with its last chunk, as one group.
    static let eventsPerTagHandOver = 4_096

    /// Starts encoding `events` at `firstPosition`, chained to `previousHash`, into
    /// chunks in position order: each chunk's events made or written (for a sequence
    /// of either kind), their tags checked (an invalid one ends the work with its
    /// error), then encoded.
    static func start(
        _ events: NewEventSequence, metadata: AppendMetadata, firstPosition: UInt64, recordedAt: Int64,
        previousHash: [UInt8]
    ) -> BackgroundProducer<RecordChunk, [UInt8]> {
        BackgroundProducer(capacity: chunksAhead) { send in
            let count = events.count
            let recordsPerChunk = recordsPerChunk(appending: count)
            var previous = previousHash
            let shared = RecordCodec.SharedFields(
                recordedAt: recordedAt, metadata: metadata, trailingTags: events.trailingTags)
            var tagIndex: TagIndexWriter?
            var eventsSinceHandOver = 0
            var index = 0
            while index < count {
                let end = min(count, index + recordsPerChunk)
                if tagIndex == nil {
                    // Room for the entries of a span.
                    tagIndex = TagIndexWriter(
                        expectedEntries: events.expectedTagEntries(index..<min(count, index + max(eventsPerTagHandOver, end - index))))
                }
                let chunk = try events.chunk(
                    index..<end, firstPosition: firstPosition + UInt64(index), shared: shared, previous: &previous,
                    tagIndex: &tagIndex!)
                eventsSinceHandOver += end - index
                if eventsSinceHandOver >= eventsPerTagHandOver || end == count {
                    chunk.handOver(tagIndex.take()!)
                    eventsSinceHandOver = 0
                }
                try send(chunk)
                index = end
            }
            // The last record's hash: the new chain head.
            return previous
        }
    }
}
