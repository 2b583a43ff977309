import Engine
import EventLog
import Foundation
import LMDB
import Provisioning
import Testing
import TestSupport

/// `verify` checks the log and the read models on two threads at once; once the log
/// is found bad, the read-model replay beside it stops instead of folding the rest
/// of the log for a finding that no longer counts.
@Suite struct VerifyStopTests {
    /// The seed world and a book-in of `sims` SIMs: enough records for the replay's
    /// stop checks (every 4,096 records) to come.
    static func store(sims: Int) throws -> (TemporaryDirectory, ProvisioningEngine) {
        let directory = TemporaryDirectory("verify-stop")
        let engine = try ProvisioningEngine(path: directory.path, options: .fast)
        for line in seedLines() { try engine.apply(line, at: 1_764_000_000_000) }
        let iccids = (0..<sims).map { "89445300000" + String(2_000_000 + $0) }
        try engine.apply(
            ["command": "sims bookin", "as": "mike", "args": ["sim-type": "MXG-ET085", "form": "physical", "iccids": iccids]],
            at: 1_764_000_100_000)
        return (directory, engine)
    }

    @Test func aReadModelCheckAskedToStopThrowsWhereItStopped() throws {
        let (directory, engine) = try Self.store(sims: 10_000)
        _ = directory
        var asked = 0
        do {
            _ = try engine.readModelDifferences(stopWhen: {
                asked += 1
                return asked == 2
            })
            Issue.record("the check did not stop")
        } catch let stopped as ReadModelCheckStopped {
            #expect(stopped.position == 8_192)
        }
        // Not asked to stop, it runs to the end and finds nothing.
        #expect(try engine.readModelDifferences(stopWhen: { false }).isEmpty)
    }

    @Test func verifyOfABadLogNamesTheLogProblemAndNoReadModelDifference() throws {
        let (directory, engine) = try Self.store(sims: 10_000)
        _ = directory
        let events = engine.log.environment.database("events")
        let key = withUnsafeBytes(of: UInt64(3).bigEndian) { Array($0) }
        try engine.log.environment.write { txn in
            var record = try #require(try txn.get(events, key))
            record[record.count - 1] ^= 0xFF  // the last byte of record 3's hash
            try txn.put(events, key, record)
        }
        let result = try engine.verifyStore()
        #expect(result.log.problem?.position == 3)
        #expect(result.readModelDifferences.isEmpty)
    }
}
