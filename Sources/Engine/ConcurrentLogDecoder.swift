import EventLog
import LMDB
import Provisioning
import Threads

/// One record as a fold needs it, decoded.
struct DecodedRecord: Sendable {
    var position: UInt64
    var recordedAt: Int64
    /// The wire name; records of one type share one `String`.
    var type: String
    var event: ProvisioningEvent
    /// The command id is not the one of the record before: a change begins here.
    var startsChange: Bool
}

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

    private let channel: BoundedChannel<[DecodedRecord]>
    private let task: BackgroundTask<Void>

    /// Starts decoding the records `first...last`: the caller's own transaction gives
    /// `last` (its head), so that a record another process appends meanwhile, which the
    /// decoder's newer snapshot would see, is not part of the fold.
    init(_ log: EventLog, _ positions: ClosedRange<UInt64>) {
        let channel = BoundedChannel<[DecodedRecord]>(capacity: Self.batchesAhead)
        self.channel = channel
        task = BackgroundTask {
            // The end is sent whatever happens, so that the fold never waits for ever;
            // an error reaches it through `finish`.
            defer { channel.finish() }
            try log.environment.read { txn in
                var batch: [DecodedRecord] = []
                batch.reserveCapacity(Self.recordsPerBatch)
                var lastType: (bytes: [UInt8], name: String) = ([], "")
                var previousCommandID: [UInt8] = []
                var first = true
                try log.forEachView(from: positions.lowerBound, in: txn) { view in
                    guard view.position <= positions.upperBound else { return false }
                    if !(try view.withTypeBytes { $0.elementsEqual(lastType.bytes) }) {
                        let name = try view.type()
                        lastType = (Array(name.utf8), name)
                    }
                    let startsChange = try view.withCommandIDBytes { bytes in
                        if !first && bytes.elementsEqual(previousCommandID) { return false }
                        previousCommandID.removeAll(keepingCapacity: true)
                        previousCommandID.append(contentsOf: bytes)
                        return true
                    }
                    first = false
                    let event = try view.withPayload { payload in
                        try ProvisioningEvent.decode(
                            wireName: lastType.name, schemaVersion: view.schemaVersion, payload: payload)
                    }
                    batch.append(
                        DecodedRecord(
                            position: view.position, recordedAt: view.recordedAt, type: lastType.name, event: event,
                            startsChange: startsChange))
                    if batch.count == Self.recordsPerBatch {
                        guard channel.send(batch) else { return false }
                        batch.removeAll(keepingCapacity: true)
                    }
                    return true
                }
                if !batch.isEmpty { _ = channel.send(batch) }
            }
        }
    }

    /// The next batch in position order, waiting for it; nil after the last (or after
    /// a failure, which `finish` then throws).
    func next() -> [DecodedRecord]? { channel.receive() }

    /// After `next()` gave nil: throws what stopped the decoding, if anything did.
    consuming func finish() throws { try task.value() }

    /// The fold gave up: stops the decoding and waits for its thread.
    consuming func cancel() {
        channel.cancel()
        task.wait()
    }
}
