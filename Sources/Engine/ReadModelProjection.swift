import Crypto
import EventLog
import LMDB
import Provisioning
import ReadModels
import Threads

/// Applies log records in order to build read models from nothing inside one write
/// transaction (a rebuild, an import, a copy, the scratch store of a check), taking
/// snapshots by the rule a live change follows: at the end of each change (a run of
/// records with one command id) that holds a multiple of the interval. So a rebuild
/// writes snapshots where the live store took them (with the same interval).
///
/// The records are folded in memory (`ReplayState`, through the same `evolve`)
/// and written to the read-model tables once, in key order, by `finish`: a SIM
/// that changes nine times is written once, not nine times with its indexes moved
/// each time. Snapshots are encoded from the in-memory state, the same bytes the
/// tables would give. The tables must be empty when `finish` writes them.
struct ReadModelProjection {
    private var state = ReplayState()
    private var eventCounts = EventTypeCounts()
    private let txn: TransactionReference
    private let tables: ReadModelTables
    private let snapshots: SnapshotStore?
    private let interval: UInt64
    /// Where `finish` puts the large tables and the index (nil: into `tables`).
    private let bulkTarget: (any BulkLoadTarget)?
    private(set) var last: UInt64 = 0
    private var lastRecordedAt: Int64 = 0
    /// Set at a record whose position is a multiple of the interval: the snapshot is
    /// taken when a record of another change comes, or at `finish`.
    private var snapshotDue = false
    /// Decodes the records applied from a view (`apply(_: EventRecordView)`).
    private var recordDecoder = RecordDecoder()
    /// The positions of the snapshots taken.
    private(set) var snapshotPositions: Set<UInt64> = []
    /// A snapshot being encoded on another thread, to be stored (see `takeSnapshot`).
    private var pendingSnapshot:
        (position: UInt64, recordedAt: Int64, encoding: BackgroundTask<SnapshotStore.PreparedSnapshot>)?

    /// `snapshots` nil: take none. `start`: a snapshot stream to start from (its
    /// position, and the stream), the records after it are applied. `bulkTarget`:
    /// where `finish` puts the large tables and the index instead of `tables`.
    init(into txn: TransactionReference, tables: ReadModelTables, snapshots: SnapshotStore?, interval: UInt64,
         startingFrom start: (position: UInt64, stream: [UInt8])? = nil, bulkTarget: (any BulkLoadTarget)? = nil) throws
    {
        self.txn = txn
        self.tables = tables
        self.snapshots = snapshots
        self.interval = interval
        self.bulkTarget = bulkTarget
        if let start {
            var counts: [String: Int64] = [:]
            try start.stream.withUnsafeBytes { bytes in
                try StateSnapshotCoding.load(bytes, into: &state) { type, count in counts[type, default: 0] += count }
            }
            eventCounts = EventTypeCounts(counts)
            last = start.position
        }
    }

    /// Makes room in the state for about `counts` records (the read models a rebuild
    /// replaces, or compares with): see `ReplayState.reserveCapacity`.
    /// `snapshots`: snapshots or digests will be taken (see `ReplayState.reserveCapacity`).
    mutating func reserveCapacity(_ counts: RecordCounts, snapshots: Bool) {
        state.reserveCapacity(counts, snapshots: snapshots)
    }

    mutating func apply(_ view: EventRecordView) throws {
        try apply(try recordDecoder.decode(view))
    }

    /// Applies a decoded record (from a `RecordDecoder`, here or on the thread of a
    /// `ConcurrentLogDecoder`). A snapshot due at the end of a change is taken when the
    /// next change begins: the records of one change are consecutive, so "another
    /// command id than the record before" is "another command id than the change's".
    ///
    /// `ahead`: the records that come next, whose records the state is asked to fetch
    /// into the cache before they are needed (`ReplayState.prefetch`): the hash-table
    /// entry of the record `prefetchDistance.table` records ahead, the record itself of
    /// the one `prefetchDistance.record` ahead. Over a million SIMs in random order
    /// (a reserve of shuffled SIMs), each lookup was a cache miss waited for in turn.
    mutating func apply(_ record: borrowing DecodedRecord, ahead: RecordsAhead) throws {
        let distance = Self.prefetchDistance
        if let lookup = ahead.lookup(distance.table) { state.prefetch(lookup, record: false) }
        if let lookup = ahead.lookup(distance.record) { state.prefetch(lookup, record: true) }
        state.willChange(record.lookup)
        try apply(record)
        state.willChange(nil)
    }

    static let prefetchDistance = (table: 8, record: 4)

    mutating func apply(_ record: borrowing DecodedRecord) throws {
        if snapshotDue && record.startsChange { try takeSnapshot() }
        evolve(record.event, into: &state)
        eventCounts.add(type: record.type)
        last = record.position
        lastRecordedAt = record.recordedAt
        if interval > 0 && last % interval == 0 { snapshotDue = true }
    }

    /// Takes a snapshot still due (the log, or the part copied, ends inside that
    /// change), then writes the read models, counters and checkpoint. Returns the
    /// last position applied.
    @discardableResult
    mutating func finish() throws -> UInt64 {
        if snapshotDue { try takeSnapshot() }
        try storePendingSnapshot()
        // An empty log has empty read models and no checkpoint, as a store that was
        // created and never changed (an `init` or `import` killed before its commit).
        guard last > 0 else { return last }
        var store = ReadModelStore(txn, tables: tables)
        try store.putAll(state.keyOrdered(), eventCounts: countsByType(), target: bulkTarget)
        try store.finish(checkpoint: last)
        return last
    }

    /// The SHA-256 of the snapshot stream of the state so far (to compare with a
    /// stored one), computed on another thread while the fold goes on.
    mutating func snapshotDigest() -> BackgroundTask<[UInt8]> {
        let ordered = state.keyOrdered()
        let counts = countsByType()
        return BackgroundTask {
            var hasher = SHA256()
            try StateSnapshotCoding.encode(ordered, eventCounts: counts, chunkSize: SnapshotStore.chunkSize) {
                hasher.update(bufferPointer: $0)
            }
            return Array(hasher.finalize())
        }
    }

    private mutating func countsByType() -> [(type: String, count: Int64)] {
        eventCounts.summed().map { ($0.key, $0.value) }
    }

    /// Starts encoding the state as it is now on another thread; the snapshot is stored
    /// (in this transaction, on this thread) when the next one is taken or at `finish`,
    /// so the fold goes on meanwhile. One at a time: each holds the stream of a whole
    /// state (tens of MB) and a copy of the state.
    private mutating func takeSnapshot() throws {
        snapshotDue = false
        guard let snapshots else { return }
        try storePendingSnapshot()
        snapshotPositions.insert(last)
        let ordered = state.keyOrdered()
        let counts = countsByType()
        // The digest and the comparison with the stored snapshot are made there too,
        // off the fold's thread (`SnapshotStore.prepare`).
        let position = last
        let encoding = BackgroundTask<SnapshotStore.PreparedSnapshot> {
            try snapshots.prepare(at: position) { emit in
                try StateSnapshotCoding.encode(ordered, eventCounts: counts, chunkSize: SnapshotStore.chunkSize, emit: emit)
            }
        }
        pendingSnapshot = (last, lastRecordedAt, encoding)
    }

    private mutating func storePendingSnapshot() throws {
        guard let pending = pendingSnapshot, let snapshots else { return }
        pendingSnapshot = nil
        try snapshots.store(try pending.encoding.value(), at: pending.position, recordedAt: pending.recordedAt, in: txn)
    }
}
