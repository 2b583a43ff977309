import EventLog
import LMDB

extension ProvisioningEngine {
    /// The interval a store starts with (docs/performance.md, "Time travel").
    public static var defaultSnapshotInterval: UInt64 { SnapshotStore.defaultInterval }

    /// Every how many events a change takes a snapshot (0: none).
    @available(*, noasync)
    public func snapshotInterval() throws -> UInt64 {
        try log.environment.read { txn in try snapshots.interval(in: txn) }
    }

    /// Sets the interval, for the changes to come: store metadata, not an event
    /// (it changes no state of the domain, only how fast the past is read). The
    /// snapshots already taken stay; `replay` rewrites them at the new interval.
    @available(*, noasync)
    public func setSnapshotInterval(_ interval: UInt64) throws {
        try log.write { txn in try snapshots.setInterval(interval, in: txn.reference) }
    }

    /// The stored snapshots by position, each checked (checksum, versions); a
    /// manifest that cannot be read is listed as a problem.
    @available(*, noasync)
    public func snapshotList() throws -> [Result<SnapshotManifest, SnapshotProblem>] {
        try log.environment.read { txn in
            try snapshots.all(in: txn.reference).map { entry in
                entry.flatMap { manifest in
                    do throws(SnapshotProblem) {
                        _ = try snapshots.stream(manifest, in: txn.reference)
                        return .success(manifest)
                    } catch {
                        return .failure(error)
                    }
                }
            }
        }
    }
}
