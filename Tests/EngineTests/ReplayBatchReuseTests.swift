import Engine
import EventLog
import LMDB
import Testing
import TestSupport

/// A replay decodes the log on a second thread in batches of 4,096 records, at most
/// four ahead of the fold, and the fold hands each batch back to be emptied and
/// refilled there. Over 40,000 records (ten batches, more than the decoder may hold
/// ahead) the decoder refills batches the fold has handed back (which ones, and how
/// often, is up to the two threads' timing): the rebuilt databases must still be the
/// ones the changes wrote, byte for byte.
@Suite struct ReplayBatchReuseTests {
    @Test func aReplayThroughReusedBatchesRebuildsEveryDatabaseAsTheChangesWroteIt() throws {
        let directory = TemporaryDirectory()
        let engine = try ProvisioningEngine(path: directory.path, options: .fast)
        for line in seedLines() { try engine.apply(line, at: 1_764_000_000_000) }
        for batch in 0..<2 {
            let iccids = (0..<10_000).map { "8944539" + String(10_000_000_000 + batch * 10_000 + $0) }
            let at = 1_764_000_100_000 + Int64(batch) * 60_000
            try engine.apply(
                ["command": "sims bookin", "as": "mike",
                 "args": ["sim-type": "MXG-ET085", "form": "physical", "iccids": iccids]],
                at: at)
            try engine.apply(
                ["command": "sims reserve", "as": "mike", "args": ["reseller": "Talk_Mail", "iccids": iccids]],
                at: at + 1_000)
        }
        let head = try engine.log.head().position
        try #require(head > 9 * 4_096)
        try engine.expectReplayRebuildsEveryDatabaseAsWritten()
        let verified = try engine.verifyStore(differenceLimit: 100)
        #expect(verified.log.isValid && verified.readModelDifferences.isEmpty)
    }
}
