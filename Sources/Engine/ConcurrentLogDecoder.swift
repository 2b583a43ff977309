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
struct ConcurrentLogDecoder: ~Copyable {
    static let recordsPerBatch = 4_096
    static let batchesAhead = 4

    private let channel: BoundedChannel<DecodedBatch>
    private let task: BackgroundTask<Void>

    /// Starts decoding the records `first...last`: the caller's own transaction gives
    /// `last` (its head), so that a record another process appends meanwhile, which the
    /// decoder's newer snapshot would see, is not part of the fold.
    /// `continuing`: the decoder of the records before `first`, when a fold switches
    /// to this one midway (so that the first record's "starts a change" is right).
    init(_ log: EventLog, _ positions: ClosedRange<UInt64>, continuing: RecordDecoder = RecordDecoder()) {
        let channel = BoundedChannel<DecodedBatch>(capacity: Self.batchesAhead)
        self.channel = channel
        task = BackgroundTask {
            // The end is sent whatever happens, so that the fold never waits for ever;
            // an error reaches it through `finish`.
            defer { channel.finish() }
            try log.environment.read { txn in
                var batch = DecodedBatch(capacity: Self.recordsPerBatch)
                var decoder = continuing
                try log.forEachView(from: positions.lowerBound, in: txn) { view in
                    guard view.position <= positions.upperBound else { return false }
                    batch.append(try decoder.decode(view))
                    if batch.isFull {
                        guard channel.send(batch) else { return false }
                        batch = DecodedBatch(capacity: Self.recordsPerBatch)
                    }
                    return true
                }
                if !batch.isEmpty { _ = channel.send(batch) }
            }
        }
    }

    /// The next batch in position order, waiting for it; nil after the last (or after
    /// a failure, which `finish` then throws).
    func next() -> DecodedBatch? { channel.receive() }

    /// After `next()` gave nil: throws what stopped the decoding, if anything did.
    consuming func finish() throws { try task.value() }

    /// The fold gave up: stops the decoding and waits for its thread.
    consuming func cancel() {
        channel.cancel()
        task.wait()
    }
}
