import EventLog
import LMDB
import Threads

/// Reads and decodes the log's records on threads of their own, each in its own read
/// transaction, a batch at a time, for a fold on the caller's thread: in a rebuild,
/// decoding is more than half of the CPU, and on two cores it runs beside `evolve`.
///
/// With two decoding threads, each decodes every other batch (the first thread the
/// batches 0, 2, 4, ..., the second 1, 3, 5, ...: positions are gapless, so each
/// knows where its batches start), and the fold takes them in turn. One decoding
/// thread was the critical path of a replay once the fold asked memory ahead for its
/// records (`ReadModelProjection.apply(_:ahead:)`): the fold waited on it and the
/// second core was idle half of the time.
///
/// Only for a log that no transaction is changing meanwhile (a `replay` writes read
/// models and snapshots, not the log; it holds the write lock, so no other process
/// appends either): every read transaction must see the records the caller would see.
struct ConcurrentLogDecoder {
    static let recordsPerBatch = 4_096
    static let batchesAhead = 4

    private let producers: [BackgroundProducer<DecodedBatch, Void>]
    /// A pool of spent batches a decoding thread, so that each record is destroyed on
    /// the thread that made it.
    private let spent: [SpentBatches]

    /// Starts decoding the records `first...last` on `threads` threads: the caller's own
    /// transaction gives `last` (its head), so that a record another process appends
    /// meanwhile, which the decoder's newer snapshot would see, is not part of the fold.
    ///
    /// `continuing`: the decoder of the records before `first`, when a fold switches
    /// to this one midway (so that the first record's "starts a change" is right).
    init(_ log: EventLog, _ positions: ClosedRange<UInt64>, continuing: RecordDecoder = RecordDecoder(), threads: Int = 2) {
        let spent = (0..<threads).map { _ in SpentBatches() }
        self.spent = spent
        let stride = UInt64(threads * Self.recordsPerBatch)
        producers = (0..<threads).map { thread in
            let spent = spent[thread]
            let firstStart = positions.lowerBound + UInt64(thread * Self.recordsPerBatch)
            return BackgroundProducer(capacity: Self.batchesAhead) { send in
                try log.environment.read { txn in
                    var decoder = continuing
                    var start = firstStart
                    while start <= positions.upperBound {
                        let batch = spent.emptyBatch(capacity: Self.recordsPerBatch)
                        let end = min(start + UInt64(Self.recordsPerBatch) - 1, positions.upperBound)
                        // Its first record is compared with the one before it, decoded by
                        // the other thread (or, first of all, by `continuing`).
                        try Self.decode(
                            start...end, of: log, in: txn, after: start == positions.lowerBound ? nil : start - 1,
                            with: &decoder, into: batch)
                        try send(batch)
                        start += stride
                    }
                }
            }
        }
    }

    /// Decodes the records `positions` into `batch`, `decoder` first primed with the
    /// record at `previous` (if any). The batches are told apart by position, so a
    /// missing record (a gap, which would shift them) throws, naming its position.
    private static func decode(
        _ positions: ClosedRange<UInt64>, of log: EventLog, in txn: borrowing ReadTransaction,
        after previous: UInt64?, with decoder: inout RecordDecoder, into batch: DecodedBatch
    ) throws {
        var expected = previous ?? positions.lowerBound
        try log.forEachView(from: expected, in: txn) { view in
            guard view.position == expected else {
                throw EventLogError.corruptRecord(position: expected, "missing: the log has a gap before \(view.position)")
            }
            if view.position == previous {
                try decoder.prime(after: view)
            } else {
                batch.append(try decoder.decode(view))
            }
            expected += 1
            return expected <= positions.upperBound
        }
        guard expected > positions.upperBound else {
            throw EventLogError.corruptRecord(position: expected, "missing: the log ends before \(positions.upperBound)")
        }
    }

    /// Hands every record to `body` in position order, read in place in its batch,
    /// with the records after it in the batch, and each batch read back to the thread
    /// that decoded it; throws what stopped the decoding, or what `body` threw (the
    /// decoding then stops).
    func forEach(_ body: (borrowing DecodedRecord, _ ahead: RecordsAhead) throws -> Void) throws {
        do {
            var turn = 0
            // Batch k comes from thread k % threads: once one has none, none has more.
            while let batch = try producers[turn].next() {
                try batch.forEach { record, ahead in try body(record, ahead) }
                spent[turn].giveBack(batch)
                turn = (turn + 1) % producers.count
            }
            // The others' ends (and errors), each once.
            for other in producers.indices where other != turn {
                while try producers[other].next() != nil {}
            }
        } catch {
            for producer in producers { producer.cancel() }
            throw error
        }
    }
}
