public import EventLog
import LMDB
import Threads

/// What `verify` found: the log's own check, and the read models' differences from a replay.
public struct StoreVerification: Sendable {
    public var log: VerificationReport
    public var readModelDifferences: [ReadModelDifference]
}

extension ProvisioningEngine {
    /// Every check of `provctl verify`, in one read snapshot: the log (positions, hash
    /// chain, records, tag index) and the read models and snapshots against a replay.
    /// The log is read once for both: the threads that decode it for the replay check
    /// each record as the log's own `verify` does (`ConcurrentLogDecoder`, `checking`),
    /// and the tag index's fingerprint is read beside them (`checkReplay`). The
    /// findings are those of `EventLog.verify` and `readModelDifferences`; a bad log is
    /// the finding, with no read-model differences (the replay stops at the problem).
    /// `progress` is called with the position the replay has reached.
    @available(*, noasync)
    public func verifyStore(differenceLimit: Int = 1, progress: ((UInt64) -> Void)? = nil) throws -> StoreVerification {
        let checked = try checkReplay(limit: differenceLimit, progress: progress, checkingLog: TagIndexFingerprint())
        return StoreVerification(log: checked.log!, readModelDifferences: checked.differences)
    }
}
