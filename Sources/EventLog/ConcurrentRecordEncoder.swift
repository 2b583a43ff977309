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
struct ConcurrentRecordEncoder: ~Copyable {
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

    private let channel: BoundedChannel<RecordChunk>
    private let task: BackgroundTask<Outcome?>

    /// Starts encoding `events` at `firstPosition`, chained to `previousHash`. Tags must
    /// have been validated.
    init(
        _ events: [NewEvent], metadata: AppendMetadata, firstPosition: UInt64, recordedAt: Int64,
        previousHash: [UInt8], tagEntries: Int
    ) {
        let channel = BoundedChannel<RecordChunk>(capacity: Self.chunksAhead)
        self.channel = channel
        task = BackgroundTask {
            Self.encodeAll(
                events, metadata: metadata, firstPosition: firstPosition, recordedAt: recordedAt,
                previousHash: previousHash, tagEntries: tagEntries, into: channel)
        }
    }

    /// The next chunk in position order, waiting for it; nil after the last.
    func next() -> RecordChunk? { channel.receive() }

    /// After `next()` returned nil: the tag index entries and the last hash.
    consuming func finish() throws -> Outcome {
        guard let outcome = try task.value() else { preconditionFailure("the record encoder was cancelled") }
        return outcome
    }

    /// The writer gave up (its put failed): stops the encoding and waits for its thread.
    consuming func cancel() {
        channel.cancel()
        task.wait()
    }

    private static func encodeAll(
        _ events: [NewEvent], metadata: AppendMetadata, firstPosition: UInt64, recordedAt: Int64,
        previousHash: [UInt8], tagEntries: Int, into channel: BoundedChannel<RecordChunk>
    ) -> Outcome? {
        var tagIndex = TagIndexWriter(expectedEntries: tagEntries)
        var previous = previousHash
        let shared = RecordCodec.SharedFields(recordedAt: recordedAt, metadata: metadata)
        let recordsPerChunk = recordsPerChunk(appending: events.count)
        let completed = events.withUnsafeBufferPointer { events -> Bool in
            var index = 0
            while index < events.count {
                let end = min(events.count, index + recordsPerChunk)
                let chunk = RecordChunk(
                    encoding: events[index..<end], firstPosition: firstPosition + UInt64(index), shared: shared,
                    previous: &previous, tagIndex: &tagIndex)
                guard channel.send(chunk) else { return false }
                index = end
            }
            return true
        }
        guard completed else { return nil }
        channel.finish()
        return Outcome(tagIndex: tagIndex, lastHash: previous)
    }
}
