import EventLog
import LMDB
public import Provisioning
import ReadModels
import Threads
import FoundationEssentials

/// A difference between the stored read models and a replay of the log.
public struct ReadModelDifference: Hashable, Sendable, CustomStringConvertible {
    public var database: String
    /// The key, printable when it is text, hex otherwise.
    public var key: String
    public var what: String

    public var description: String { "\(database) \(key): \(what)" }
}

extension ProvisioningEngine {
    /// Rebuilds every read model and every snapshot from the log, in one write
    /// transaction: readers see the old read models or the new ones, never half a rebuild.
    @available(*, noasync)
    @discardableResult
    public func replay(progress: ((UInt64) -> Void)? = nil) throws -> UInt64 {
        // The old read models' pages are freed only at the commit: room for a second
        // copy of them first, as a write that fills the map runs again from the start.
        try log.environment.reserve(freeBytes: log.environment.info.usedBytes)
        return try log.write { txn in
            // As many records as the read models replaced held: room made once.
            let counts = try tables.recordCounts(in: txn)
            for database in tables.all { try txn.clear(database) }
            // The snapshots are not cleared first: each one the replay takes is
            // compared with the one stored at its position and only what differs is
            // written (`SnapshotStore.take`); those at other positions go at the end.
            let interval = try snapshots.interval(in: txn)
            let head = try log.head(in: txn).position
            var projection = try ReadModelProjection(
                into: txn.reference, tables: tables, snapshots: snapshots, interval: interval)
            // The records are read and decoded on two other threads (each in a read
            // transaction of its own: this one changes no record) while this one folds;
            // they start while this one makes room for the records.
            let decoder = ConcurrentLogDecoder(log, 1...max(1, head))
            projection.reserveCapacity(counts, snapshots: interval > 0 && interval <= head)
            try decoder.forEach { record, ahead in
                try projection.apply(record, ahead: ahead)
                if record.position % 65_536 == 0 { progress?(record.position) }
            }
            let last = try projection.finish()
            try snapshots.removeAll(except: projection.snapshotPositions, in: txn.reference)
            progress?(last)
            return last
        }
    }

    /// Replays the log and compares every read-model database entry by entry with
    /// the stored one, and every stored snapshot with the state replayed at its
    /// position (and with its own checksum); the live store is not changed. The large
    /// tables (groups, SIMs, numbers, subscribers, the index) are compared as the
    /// replay's bulk load produces them (`ReadModelComparison`); the small ones and the
    /// counters are written into a scratch store beside this one and compared from there.
    /// Everything is compared with the read snapshot the replay read the log from.
    ///
    /// `limit`: at most that many differences, the first in the order of
    /// `ReadModelTables.databaseNames` and, within a table, of keys (after those of snapshots).
    @available(*, noasync)
    public func readModelDifferences(limit: Int = 100, progress: ((UInt64) -> Void)? = nil) throws -> [ReadModelDifference] {
        try checkReplay(limit: limit, progress: progress, checkingLog: nil).differences
    }

    /// `readModelDifferences`, with the log checked on the way when `checkingLog` is
    /// given (the key of the tag entries' fingerprints, `verify`): its records as the
    /// log's `verify` checks them, on the threads that decode them for the replay
    /// (`ConcurrentLogDecoder`), and the rest of its checks at the end, in the same read
    /// snapshot. A problem in the log stops the replay there: what a replay of a bad
    /// log makes of the read models is no finding, and no difference is returned with it.
    ///
    /// What is read of the stored side alone (each snapshot's chunks against its
    /// checksum, the tag index's fingerprint) is read on a thread of its own beside
    /// the replay, in a read snapshot of its own; it counts only if that is the
    /// replay's snapshot (the same `snapshotID`: no commit came in between), and is
    /// read again in the replay's otherwise.
    func checkReplay(limit: Int, progress: ((UInt64) -> Void)?, checkingLog tagKey: TagIndexFingerprint?)
        throws -> (log: VerificationReport?, differences: [ReadModelDifference])
    {
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("provisioning-replay-check-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        var options = LMDB.Environment.Options()
        options.noSync = true
        // As large as the live store's map (sparse: room costs nothing): a write that
        // fills the map runs again from the start, here the whole replay.
        options.mapSize = max(options.mapSize, log.environment.info.mapSize)
        let rebuilt = try LMDB.Environment(path: scratch, databases: ReadModelTables.databaseNames, options: options)
        let rebuiltTables = ReadModelTables(rebuilt)
        let storedSide = BackgroundTask { [self] in
            try log.environment.read { txn in try storedSideChecks(tagKey: tagKey, in: txn) }
        }
        // Awaited whatever happens: its read transaction must end before the store may close.
        defer { _ = try? storedSide.value() }
        var differences: [ReadModelDifference] = []
        var logReport: VerificationReport?
        try log.environment.read { source in
            // The positions of the stored snapshots (their manifests), where the fold
            // takes a digest of its state to compare.
            var expected: [UInt64: [UInt8]] = [:]
            for case .success(let manifest) in try snapshots.all(in: source.reference) {
                expected[manifest.position] = manifest.sha256
            }
            let head = try log.head(in: source)
            let comparison = ReadModelComparison(stored: source.reference, of: log.environment, limitPerTable: limit)
            var replayed: [(position: UInt64, what: String)] = []
            try rebuilt.write { target in
                var projection = try ReadModelProjection(
                    into: target.reference, tables: rebuiltTables, snapshots: nil, interval: 0, bulkTarget: comparison)
                let counts = try tables.recordCounts(in: source)
                // Each stored snapshot's digest is computed on another thread while
                // the fold goes on; one at a time, as each holds a copy of the state.
                var pending: (position: UInt64, stored: [UInt8], replayed: BackgroundTask<[UInt8]>)?
                func comparePending() throws {
                    guard let check = pending else { return }
                    pending = nil
                    if try check.replayed.value() != check.stored { replayed.append((check.position, "differs from a replay")) }
                }
                // Decoded (and checked) on two other threads, each in a read transaction
                // of its own, up to the head this one sees. (An empty log: nothing to
                // decode; its check still walks whatever the log holds, below.)
                var checked = tagKey.map { CheckedRecords(checkedThrough: 0, tagEntries: TagIndexFingerprint(keyedLike: $0)) }
                // The decoding threads start while this one makes room for the records.
                let decoder = head.position > 0 ? ConcurrentLogDecoder(log, 1...head.position, checking: tagKey) : nil
                projection.reserveCapacity(counts, snapshots: !expected.isEmpty)
                if let decoder {
                    // The snapshots' positions in order: the fold compares each record's
                    // position with the next one's (a dictionary lookup a record was a
                    // thirtieth of the fold).
                    let digestsAt = expected.keys.sorted()
                    var nextDigest = 0
                    checked = try decoder.forEach { record, ahead in
                        try projection.apply(record, ahead: ahead)
                        while nextDigest < digestsAt.count && digestsAt[nextDigest] < record.position { nextDigest += 1 }
                        if nextDigest < digestsAt.count && digestsAt[nextDigest] == record.position {
                            try comparePending()
                            pending = (record.position, expected[record.position]!, projection.snapshotDigest())
                            nextDigest += 1
                        }
                        if record.position % 65_536 == 0 { progress?(record.position) }
                    }
                }
                var stored = try storedSide.value()
                if stored.snapshotID != source.snapshotID { stored = try storedSideChecks(tagKey: tagKey, in: source) }
                if let checked {
                    let report = try log.verificationReport(
                        checkedThrough: checked.checkedThrough, tagEntries: checked.tagEntries, problem: checked.problem,
                        indexEntries: stored.tagIndexEntries, in: source)
                    logReport = report
                    guard report.isValid else { return }
                }
                // The last digest is awaited after the tables are compared, so that
                // it is computed beside them rather than before them.
                let last = try projection.finish()
                try comparePending()
                for position in expected.keys.sorted() where position > last {
                    replayed.append((position, "is beyond the head of the log (\(last))"))
                }
                // A snapshot found damaged on its own is that finding only.
                let damaged = Set(stored.snapshotProblems.map(\.position))
                differences = stored.snapshotProblems.map { snapshotDifference($0.position, $0.what) }
                    + replayed.filter { !damaged.contains($0.position) }.map { snapshotDifference($0.position, $0.what) }
                // An empty log loads nothing: every table is compared from the scratch store then.
                for name in ReadModelTables.databaseNames where !comparison.compared.contains(name) {
                    try comparison.compare(name, replayedIn: target.reference, of: rebuilt)
                }
            }
            differences += comparison.differences
        }
        if logReport?.isValid == false { return (logReport, []) }
        return (logReport, Array(differences.prefix(limit)))
    }

    private func snapshotDifference(_ position: UInt64, _ what: String) -> ReadModelDifference {
        ReadModelDifference(database: "snapshots", key: "position \(position)", what: what)
    }

    /// What `checkReplay` reads of the stored side alone, and the snapshot it read it in.
    private struct StoredSideChecks: Sendable {
        var snapshotID: Int
        /// The stored snapshots found bad on their own (manifest, chunks, checksum), by position.
        var snapshotProblems: [SnapshotProblem]
        /// The tag index's fingerprint (`EventLog.tagIndexEntries`), when the log is checked.
        var tagIndexEntries: TagIndexFingerprint?
    }

    private func storedSideChecks(tagKey: TagIndexFingerprint?, in txn: borrowing ReadTransaction) throws -> StoredSideChecks {
        var problems: [SnapshotProblem] = []
        for entry in try snapshots.all(in: txn.reference) {
            switch entry {
            case .failure(let problem): problems.append(problem)
            case .success(let manifest):
                do throws(SnapshotProblem) {
                    try snapshots.check(manifest, in: txn)
                } catch {
                    problems.append(error)
                }
            }
        }
        let tagIndexEntries = try tagKey.flatMap { try log.tagIndexEntries(keyedLike: $0, in: txn) }
        return StoredSideChecks(snapshotID: txn.snapshotID, snapshotProblems: problems, tagIndexEntries: tagIndexEntries)
    }

    static func printable(_ key: some Collection<UInt8>) -> String {
        if key.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return String(decoding: key, as: UTF8.self) }
        if let first = key.first, first < 0x20, key.dropFirst().allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            return String(decoding: key.dropFirst(), as: UTF8.self)  // a length-prefixed ICCID or number
        }
        return key.map { byte in
            byte >= 0x20 && byte < 0x7F
                ? String(UnicodeScalar(byte)) : "\\x" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16)
        }.joined()
    }

    /// The live read models as an in-memory state (every record put in key order),
    /// to compare with `InMemoryState(replaying:)`.
    @available(*, noasync)
    public func readModelsInMemory() throws -> InMemoryState {
        try log.environment.read { txn in
            try ReadModelStore(txn.reference, tables: tables).loadInMemory()
        }
    }

    /// Every event of the log, decoded.
    @available(*, noasync)
    public func allEvents() throws -> [ProvisioningEvent] {
        try log.environment.read { txn in
            var events: [ProvisioningEvent] = []
            try log.forEach(from: 1, in: txn) { record in
                events.append(try ProvisioningEvent(record))
                return true
            }
            return events
        }
    }
}
