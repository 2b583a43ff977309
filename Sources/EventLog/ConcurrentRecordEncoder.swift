import Threads

/// Encodes the records of a large append on a thread of its own, a chunk at a time,
/// while the writer's thread puts the chunks already encoded: encoding and the SHA-256
/// chain are about half of a bulk append's CPU and LMDB's puts most of the other half,
/// so on two cores they run side by side. The records are byte for byte those that
/// `RecordCodec.encode` gives one at a time, and the tag index entries are collected
/// on the same thread, in position order.
///
/// The encoding thread never touches LMDB: the write transaction stays on the thread
/// that began it, as lmdb.h requires.
struct ConcurrentRecordEncoder: ~Copyable {
    /// Records of consecutive positions, encoded back to back in one buffer.
    final class Chunk: @unchecked Sendable {
        let firstPosition: UInt64
        let bytes: UnsafeMutablePointer<UInt8>
        /// Where each record ends in `bytes`.
        var ends: [Int] = []

        init(firstPosition: UInt64, capacity: Int) {
            self.firstPosition = firstPosition
            bytes = .allocate(capacity: capacity)
        }

        deinit { bytes.deallocate() }

        /// Each record with its position, lent for the call.
        func forEachRecord(_ body: (UInt64, UnsafeRawBufferPointer) throws -> Void) rethrows {
            var start = 0
            for (index, end) in ends.enumerated() {
                try body(firstPosition + UInt64(index), UnsafeRawBufferPointer(start: bytes + start, count: end - start))
                start = end
            }
        }
    }

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

    private let channel: BoundedChannel<Chunk>
    private let task: BackgroundTask<Outcome?>

    /// Starts encoding `events` at `firstPosition`, chained to `previousHash`. Tags must
    /// have been validated.
    init(
        _ events: [NewEvent], metadata: AppendMetadata, firstPosition: UInt64, recordedAt: Int64,
        previousHash: [UInt8], tagEntries: Int
    ) {
        let channel = BoundedChannel<Chunk>(capacity: Self.chunksAhead)
        self.channel = channel
        task = BackgroundTask {
            Self.encodeAll(
                events, metadata: metadata, firstPosition: firstPosition, recordedAt: recordedAt,
                previousHash: previousHash, tagEntries: tagEntries, into: channel)
        }
    }

    /// The next chunk in position order, waiting for it; nil after the last.
    func next() -> Chunk? { channel.receive() }

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
        previousHash: [UInt8], tagEntries: Int, into channel: BoundedChannel<Chunk>
    ) -> Outcome? {
        var tagIndex = TagIndexWriter(expectedEntries: tagEntries)
        var previous = previousHash
        var position = firstPosition
        let shared = RecordCodec.SharedFields(recordedAt: recordedAt, metadata: metadata)
        let recordsPerChunk = recordsPerChunk(appending: events.count)
        var index = 0
        // Through the buffer, so that an event is read in place, not copied (a copy
        // retains and releases each of its strings and arrays).
        let completed = events.withUnsafeBufferPointer { events -> Bool in
            while index < events.count {
                let end = min(events.count, index + recordsPerChunk)
                var capacity = 0
                for i in index..<end { capacity += RecordCodec.maximumSize(of: events[i], shared: shared) }
                let chunk = Chunk(firstPosition: position, capacity: capacity)
                // Collected here and handed over once: appending to the chunk's own
                // array would check exclusive access on every record.
                var ends: [Int] = []
                ends.reserveCapacity(end - index)
                var used = 0
                for i in index..<end {
                    let destination = chunk.bytes + used
                    let written: Int
                    if used == 0 {
                        written = previous.withUnsafeBytes { previousHash in
                            RecordCodec.encode(
                                position: position, event: events[i], shared: shared, previousHash: previousHash,
                                into: destination)
                        }
                    } else {
                        written = RecordCodec.encode(
                            position: position, event: events[i], shared: shared,
                            previousHash: UnsafeRawBufferPointer(
                                start: destination - RecordCodec.hashSize, count: RecordCodec.hashSize),
                            into: destination)
                    }
                    precondition(written <= capacity - used)
                    used += written
                    ends.append(used)
                    for tag in events[i].tags { tagIndex.add(tag, position) }
                    position += 1
                }
                chunk.ends = ends
                previous = Array(
                    UnsafeRawBufferPointer(start: chunk.bytes + used - RecordCodec.hashSize, count: RecordCodec.hashSize))
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
