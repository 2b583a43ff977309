public import EventLog
import Foundation
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
    /// On two cores the whole takes as long as the longer of the two.
    /// `progress` is called on this thread with the events both have done, of twice the head.
    @available(*, noasync)
    public func verifyStore(differenceLimit: Int = 1, progress: ((UInt64) -> Void)? = nil) throws -> StoreVerification {
        let shared = VerificationShare()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread { [self] in
            let result = Result { () throws -> [ReadModelDifference] in
                try readModelDifferences(limit: differenceLimit) { shared.replayed.store($0, ordering: .relaxed) }
            }
            shared.result.withLock { $0 = result }
            done.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
        let report = Result { try log.verify { progress?($0 + shared.replayed.load(ordering: .relaxed)) } }
        // This thread reports the other's progress too, until it is done. (A log
        // found bad still waits for the replay: a verify that fails is rare, and
        // the replay of a bad log usually stops early at the record that fails.)
        let checked = (try? report.get())?.eventsChecked ?? 0
        while done.wait(timeout: .now() + .milliseconds(200)) == .timedOut {
            progress?(checked + shared.replayed.load(ordering: .relaxed))
        }
        let logReport = try report.get()
        // A bad log is the finding: what a replay of it made of the read models is not.
        guard logReport.isValid else { return StoreVerification(log: logReport, readModelDifferences: []) }
        let differences = shared.result.withLock { $0! }
        return StoreVerification(log: logReport, readModelDifferences: try differences.get())
    }
}

/// What the read-model thread of `verifyStore` shares with the caller's.
private final class VerificationShare: Sendable {
    let replayed = Atomic<UInt64>(0)
    let result = Mutex<Result<[ReadModelDifference], any Error>?>(nil)
}
