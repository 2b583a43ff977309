import EventLog
import LMDB
import Threads

/// Reads and decodes the log's records on a thread of its own, in its own read
/// transaction, a batch at a time, for a fold on the caller's thread: in a rebuild,
/// decoding is about half of the fold's CPU, and on two cores it runs beside `evolve`.
///
/// Only for a log that no transaction is changing meanwhile (a `replay` writes read
/// models and snapshots, not the log): the read transaction must see the records the
/// caller would see.
struct ConcurrentLogDecoder {
    static let recordsPerBatch = 4_096
    static let batchesAhead = 4

    private let producer: BackgroundProducer<DecodedBatch, Void>
    private let spent = SpentBatches()

    /// Starts decoding the records `first...last`: the caller's own transaction gives
    /// `last` (its head), so that a record another process appends meanwhile, which the
    /// decoder's newer snapshot would see, is not part of the fold.
    ///
    /// `continuing`: the decoder of the records before `first`, when a fold switches
    /// to this one midway (so that the first record's "starts a change" is right).
    init(_ log: EventLog, _ positions: ClosedRange<UInt64>, continuing: RecordDecoder = RecordDecoder()) {
        let spent = spent
        producer = BackgroundProducer(capacity: Self.batchesAhead) { send in
            try log.environment.read { txn in
                var batch = spent.emptyBatch(capacity: Self.recordsPerBatch)
                var decoder = continuing
                try log.forEachView(from: positions.lowerBound, in: txn) { view in
                    guard view.position <= positions.upperBound else { return false }
                    batch.append(try decoder.decode(view))
                    if batch.isFull {
                        try send(batch)
                        batch = spent.emptyBatch(capacity: Self.recordsPerBatch)
                    }
                    return true
                }
                if !batch.isEmpty { try send(batch) }
            }
        }
    }

    /// Hands every record to `body` in position order, read in place in its batch,
    /// and each batch read back to the decoding thread; throws what stopped the
    /// decoding, or what `body` threw (the decoding then stops).
    func forEach(_ body: (borrowing DecodedRecord) throws -> Void) throws {
        try producer.drain { batch in
            try batch.forEach { record in try body(record) }
            spent.giveBack(batch)
        }
    }
}
