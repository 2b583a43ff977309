import EventLog
import ReadModels
import Synchronization

/// Decoded records handed from the decoding thread (`ConcurrentLogDecoder`) to the
/// fold, which reads each one in place: iterating an array copied each record
/// (retaining its strings and payload) and then destroyed the array's own (releasing
/// them again), about a tenth of the fold's time.
///
/// The fold does not destroy the records either: it hands the drained batch back
/// (`SpentBatches`), and the decoding thread destroys them when it reuses the batch.
/// Their strings were allocated on that thread, and freed there they go back to its
/// allocator's cache instead of costing the fold's thread a free of another thread's
/// memory each (the fold is the longer of the two threads).
///
/// Owned by one thread at a time: filled by the decoder, sent through the channel,
/// read by the fold, handed back; never touched by two threads at once, hence `@unchecked`.
final class DecodedBatch: @unchecked Sendable {
    private let storage: UnsafeMutablePointer<DecodedRecord>
    let capacity: Int
    private(set) var count = 0
    /// With checks: what they found in this batch's range.
    var checked: BatchChecks?

    init(capacity: Int) {
        self.capacity = capacity
        storage = .allocate(capacity: capacity)
    }

    var isFull: Bool { count == capacity }
    var isEmpty: Bool { count == 0 }

    func append(_ record: consuming DecodedRecord) {
        precondition(count < capacity, "a full batch")
        (storage + count).initialize(to: record)
        count += 1
    }

    /// Each record in order, in place: neither copied nor destroyed. (`inout` only
    /// to reach it in place: a `borrowing` parameter read through the pointer was
    /// copied first, 3 % of the fold.)
    func forEach(_ body: (inout DecodedRecord, _ ahead: RecordsAhead) throws -> Void) rethrows {
        for index in 0..<count {
            try body(&storage[index], RecordsAhead(next: UnsafePointer(storage + index + 1), count: count - index - 1))
        }
    }

    /// Destroys the records, for the batch to be filled again.
    func removeAll() {
        storage.deinitialize(count: count)
        count = 0
        checked = nil
    }

    deinit {
        storage.deinitialize(count: count)
        storage.deallocate()
    }
}

/// What a decoding thread's `RecordChecks` found in a batch's range: the tag entries
/// of its records; whether the walk reached the range's end, or else the problem that
/// stopped it before (nil: the log ended there).
struct BatchChecks {
    var tagEntries: TagIndexFingerprint
    var problem: VerificationReport.Problem?
    var walkedToEnd: Bool
}

/// The records of a batch after the one being folded, for a fold that asks memory
/// ahead for what they will touch (`ReadModelProjection.apply(_:ahead:)`).
struct RecordsAhead {
    fileprivate let next: UnsafePointer<DecodedRecord>
    let count: Int

    /// The record lookup of the record `distance` after the current one (1: the next),
    /// if this batch holds it and its event changes a record.
    func lookup(_ distance: Int) -> RecordLookup? {
        distance <= count ? next[distance - 1].lookup : nil
    }
}

/// Batches the fold has read, on their way back to the decoding thread, which empties
/// and refills them. A batch left here when the decoding is over is freed with the pool.
final class SpentBatches: Sendable {
    private let batches = Mutex<[DecodedBatch]>([])

    func giveBack(_ batch: DecodedBatch) {
        batches.withLock { $0.append(batch) }
    }

    /// A spent batch, emptied on this thread, or a new one.
    func emptyBatch(capacity: Int) -> DecodedBatch {
        guard let batch = batches.withLock({ $0.popLast() }) else { return DecodedBatch(capacity: capacity) }
        batch.removeAll()
        return batch
    }
}
