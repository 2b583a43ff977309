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
/// With `checking` (`verify`), each thread also checks the records it decodes as the
/// log's own `verify` does (`RecordChecks`: positions, hash chain, fields, time order,
/// tag entries), each batch linked to the stored record before it; the fold stops at
/// the first problem in position order, and `forEach` returns what the checks found.
/// The log is then read and parsed once for both, where a separate check read it again
/// on a thread of its own.
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
    private let positions: ClosedRange<UInt64>
    private let checking: TagIndexFingerprint?

    /// Starts decoding the records `first...last` on `threads` threads: the caller's own
    /// transaction gives `last` (its head), so that a record another process appends
    /// meanwhile, which the decoder's newer snapshot would see, is not part of the fold.
    ///
    /// `checking`: check the records too, their tag entries keyed like this fingerprint.
    init(
        _ log: EventLog, _ positions: ClosedRange<UInt64>, threads: Int = 2, checking: TagIndexFingerprint? = nil
    ) {
        let spent = (0..<threads).map { _ in SpentBatches() }
        self.spent = spent
        self.positions = positions
        self.checking = checking
        let stride = UInt64(threads * Self.recordsPerBatch)
        producers = (0..<threads).map { thread in
            let spent = spent[thread]
            let firstStart = positions.lowerBound + UInt64(thread * Self.recordsPerBatch)
            return BackgroundProducer(capacity: Self.batchesAhead) { send in
                try log.environment.read { txn in
                    var decoder = RecordDecoder()
                    var checks = checking.map { RecordChecks(keyedLike: $0) }
                    var start = firstStart
                    while start <= positions.upperBound {
                        let batch = spent.emptyBatch(capacity: Self.recordsPerBatch)
                        let end = min(start + UInt64(Self.recordsPerBatch) - 1, positions.upperBound)
                        // Its first record is compared with the one before it, decoded by
                        // the other thread.
                        let previous = start == positions.lowerBound ? nil : start - 1
                        if checks != nil {
                            try Self.decodeChecked(
                                start...end, of: log, in: txn, after: previous, with: &decoder, checks: &checks!, into: batch)
                        } else {
                            try Self.decode(start...end, of: log, in: txn, after: previous, with: &decoder, into: batch)
                        }
                        let stops = batch.checked.map { !$0.walkedToEnd } ?? false
                        try send(batch)
                        // A problem (or the log's end) found: the fold stops in this batch.
                        if stops { return }
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

    /// The same with the records checked (`RecordChecks`): a problem ends the batch
    /// before the record it is in, and is kept with the batch's tag entries.
    private static func decodeChecked(
        _ positions: ClosedRange<UInt64>, of log: EventLog, in txn: borrowing ReadTransaction,
        after previous: UInt64?, with decoder: inout RecordDecoder, checks: inout RecordChecks, into batch: DecodedBatch
    ) throws {
        if let previous {
            // A record before the batch that cannot be read is a problem of the batch
            // before, found and reported there (the fold stops in it); here the checks
            // cannot link to it (`resume`), which ends this batch at once too.
            _ = try? log.forEachView(from: previous, in: txn) { view in
                if view.position == previous { try decoder.prime(after: view) }
                return false
            }
        }
        try log.resume(&checks, at: positions.lowerBound, in: txn)
        var problem: VerificationReport.Problem?
        do {
            try log.forEachChecked(&checks, through: positions.upperBound, in: txn) { view in
                batch.append(try decoder.decode(view))
                return true
            }
        } catch let found as VerificationReport.Problem {
            problem = found
        }
        batch.checked = BatchChecks(
            tagEntries: checks.takeTagEntries(), problem: problem,
            walkedToEnd: problem == nil && checks.nextPosition > positions.upperBound)
    }

    /// Hands every record to `body` in position order, read in place in its batch,
    /// with the records after it in the batch, and each batch read back to the thread
    /// that decoded it; throws what stopped the decoding, or what `body` threw (the
    /// decoding then stops).
    ///
    /// With `checking`: returns what the checks found, up to the first problem (or the
    /// log's end, when it ends before the last position); the records before it are
    /// handed to `body`, none after it.
    @discardableResult
    func forEach(_ body: (borrowing DecodedRecord, _ ahead: RecordsAhead) throws -> Void) throws -> CheckedRecords? {
        var found = checking.map {
            CheckedRecords(checkedThrough: positions.lowerBound - 1, tagEntries: TagIndexFingerprint(keyedLike: $0))
        }
        do {
            var turn = 0
            // Batch k comes from thread k % threads: once one has none, none has more.
            while let batch = try producers[turn].next() {
                try batch.forEach { record, ahead in
                    try body(record, ahead)
                    found?.checkedThrough = record.position
                }
                let checked = batch.checked
                spent[turn].giveBack(batch)
                if let checked {
                    found?.tagEntries.merge(checked.tagEntries)
                    if !checked.walkedToEnd {
                        found?.problem = checked.problem
                        for producer in producers { producer.cancel() }
                        return found
                    }
                }
                turn = (turn + 1) % producers.count
            }
            // The others' ends (and errors), each once.
            for other in producers.indices where other != turn {
                while try producers[other].next() != nil {}
            }
            return found
        } catch {
            for producer in producers { producer.cancel() }
            throw error
        }
    }
}

/// What the checks of a `ConcurrentLogDecoder` found: every record through
/// `checkedThrough` passed (and was handed to the fold), with these tag entries;
/// `problem` stopped the walk at the record after, or none did (the walk reached the
/// last position, or the log ended before it).
struct CheckedRecords {
    var checkedThrough: UInt64
    var tagEntries: TagIndexFingerprint
    var problem: VerificationReport.Problem?
}
