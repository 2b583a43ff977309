import Threads

/// Encodes the records of a large append on a thread of its own, a chunk at a time,
/// while the writer's thread puts the chunks already encoded: encoding and the SHA-256
/// chain are about half of a bulk append's CPU and LMDB's puts most of the other half,
/// so on two cores they run side by side. The chunks are those a small append
/// encodes in one (`RecordChunk`), and the tag index entries are collected on the
/// same thread, in position order.
///
/// The encoding thread never touches LMDB: the write transaction stays on the thread
/// that began it, as lmdb.h requires.
enum ConcurrentRecordEncoder {
    /// What the encoding thread leaves once every record is encoded.
    final class Outcome: @unchecked Sendable {
        let tagIndex: TagIndexWriter
        /// The last record's hash: the new chain head.
        let lastHash: [UInt8]

        init(tagIndex: consuming TagIndexWriter, lastHash: [UInt8]) {
            self.tagIndex = tagIndex
            self.lastHash = lastHash
        }
    }

    /// Records a chunk: an eighth of the append, so that the puts start early and the
    /// two threads overlap, within 128 and 4,096 (a chunk of 4,096 is about 1.4 MB).
    static func recordsPerChunk(appending count: Int) -> Int { min(4_096, max(128, count / 8)) }
    /// Chunks encoded ahead of the puts, at most: bounds the memory to a few MB.
    static let chunksAhead = 4

    /// Starts encoding `events` at `firstPosition`, chained to `previousHash`, into
    /// chunks in position order. Tags must have been validated.
    static func start(
        _ events: [NewEvent], metadata: AppendMetadata, firstPosition: UInt64, recordedAt: Int64,
        previousHash: [UInt8], tagEntries: Int
    ) -> BackgroundProducer<RecordChunk, Outcome> {
        BackgroundProducer(capacity: chunksAhead) { send in
            var tagIndex = TagIndexWriter(expectedEntries: tagEntries)
            var previous = previousHash
            let shared = RecordCodec.SharedFields(recordedAt: recordedAt, metadata: metadata)
            let recordsPerChunk = recordsPerChunk(appending: events.count)
            try events.withUnsafeBufferPointer { events in
                var index = 0
                while index < events.count {
                    let end = min(events.count, index + recordsPerChunk)
                    try send(
                        RecordChunk(
                            encoding: events[index..<end], firstPosition: firstPosition + UInt64(index),
                            shared: shared, previous: &previous, tagIndex: &tagIndex))
                    index = end
                }
            }
            return Outcome(tagIndex: tagIndex, lastHash: previous)
        }
    }
}
