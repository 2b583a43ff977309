public import EventLog
import Dispatch
import FoundationEssentials
import Threads
import Synchronization

/// What `verify` found: the log's own check, and the read models' differences from a replay.
public struct StoreVerification: Sendable {
    public var log: VerificationReport
    public var readModelDifferences: [ReadModelDifference]
}

extension ProvisioningEngine {
    /// Every check of `provctl verify`: the log (chain, positions, records, tag index)
    /// on this thread, and the read models and snapshots against a replay
    /// (`readModelDifferences`) on a second thread at the same time, each in its own
    /// read snapshot of the same head (a writer that commits in between is checked
    /// by neither, and the read models are compared only up to the head they saw).
    /// On two cores the whole takes as long as the longer of the two (the replay, which
    /// decodes on the freed core once the log check is done).
    /// `progress` is called on this thread with the events both have done, of twice the head.
    @available(*, noasync)
    public func verifyStore(differenceLimit: Int = 1, progress: ((UInt64) -> Void)? = nil) throws -> StoreVerification {
        let replayed = ReplayedCount()
        let readModels = BackgroundTask { [self] in
            try readModelDifferences(
                limit: differenceLimit, progress: { replayed.position.store($0, ordering: .relaxed) },
                stopWhen: { replayed.stop.load(ordering: .relaxed) },
                secondCoreFree: { replayed.logChecked.load(ordering: .relaxed) })
        }
        let report = Result { try log.verify { progress?($0 + replayed.position.load(ordering: .relaxed)) } }
        // The log check is done: the replay may decode on threads of its own now.
        replayed.logChecked.store(true, ordering: .relaxed)
        // A log found bad (or unreadable) is the finding: the replay beside it stops
        // at its next check instead of folding the rest of the log for nothing.
        if (try? report.get())?.isValid != true { replayed.stop.store(true, ordering: .relaxed) }
        // This thread reports the other's progress too, until it is done.
        let checked = (try? report.get())?.eventsChecked ?? 0
        while !readModels.wait(timeout: .milliseconds(200)) {
            progress?(checked + replayed.position.load(ordering: .relaxed))
        }
        let logReport = try report.get()
        // A bad log is the finding: what a replay of it made of the read models is not.
        guard logReport.isValid else { return StoreVerification(log: logReport, readModelDifferences: []) }
        return StoreVerification(log: logReport, readModelDifferences: try readModels.value())
    }
}

/// How far the read-model thread of `verifyStore` has replayed, whether it should
/// stop, and whether the log check beside it is done.
private final class ReplayedCount: Sendable {
    let position = Atomic<UInt64>(0)
    let stop = Atomic<Bool>(false)
    let logChecked = Atomic<Bool>(false)
}
