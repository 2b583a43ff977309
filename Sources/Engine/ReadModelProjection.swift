import EventLog
import LMDB
import Provisioning
import ReadModels

/// Applies log records in order to read models inside one write transaction (a
/// rebuild, an import, a copy), taking snapshots by the rule a live change follows:
/// at the end of each change (a run of records with one command id) that holds a
/// multiple of the interval. So a rebuild writes snapshots where the live store
/// took them (with the same interval).
struct ReadModelProjection {
    private(set) var store: ReadModelStore
    private let txn: TransactionReference
    private let snapshots: SnapshotStore?
    private let interval: UInt64
    private(set) var last: UInt64
    private var lastRecordedAt: Int64 = 0
    private var lastCommandID: String?
    private var snapshotDue = false

    /// `snapshots` nil: take none. `after`: the position the read models already reflect.
    init(into txn: TransactionReference, tables: ReadModelTables, snapshots: SnapshotStore?, interval: UInt64,
         after: UInt64 = 0)
    {
        store = ReadModelStore(txn, tables: tables)
        self.txn = txn
        self.snapshots = snapshots
        self.interval = interval
        last = after
    }

    mutating func apply(_ record: EventRecord) throws {
        if snapshotDue && record.commandID != lastCommandID { try takeSnapshot() }
        try evolve(try ProvisioningEvent(record), into: &store)
        store.countEvent(type: record.type)
        last = record.position
        lastRecordedAt = record.recordedAt
        lastCommandID = record.commandID
        if interval > 0 && last % interval == 0 { snapshotDue = true }
        // Counters are kept as deltas until `finish`: flush them now and then.
        if last % 65_536 == 0 { try store.finish(checkpoint: last) }
    }

    /// Writes the counters and checkpoint (and a snapshot still due: the log, or the
    /// part copied, ends inside that change). Returns the last position applied.
    @discardableResult
    mutating func finish() throws -> UInt64 {
        if snapshotDue { try takeSnapshot() }
        // An empty log has empty read models and no checkpoint, as a store that was
        // created and never changed (an `init` or `import` killed before its commit).
        if last > 0 { try store.finish(checkpoint: last) }
        return last
    }

    /// The SHA-256 of the snapshot stream of the state so far (to compare with a stored one).
    mutating func snapshotDigest() throws -> [UInt8] {
        try store.finish(checkpoint: last)
        return try SnapshotStore.digest(of: store)
    }

    private mutating func takeSnapshot() throws {
        snapshotDue = false
        guard let snapshots else { return }
        try store.finish(checkpoint: last)
        try snapshots.take(store, at: last, recordedAt: lastRecordedAt, in: txn)
    }
}
