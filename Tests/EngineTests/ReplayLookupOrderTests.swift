import Engine
import EventLog
import LMDB
import Testing
import TestSupport

/// A replay looks each SIM up by its ICCID: the slot after the last one found first
/// while the lookups go in order, the hash table otherwise, with the table entry and
/// the record asked of memory a few events ahead. Its records are decoded by two
/// threads, every other batch of 4,096 each, and the records are copied once after
/// each snapshot, into the storage the snapshot before held. Whatever the order of the
/// SIMs in the log, the rebuilt databases must be the ones the changes wrote.
@Suite struct ReplayLookupOrderTests {
    /// 12,000 SIMs booked in in order, then reserved, unreserved and reserved again in
    /// a shuffled order (lookups all over the table), some in order again in between,
    /// with a snapshot every 2,500 events: more than two batches a decoding thread.
    @Test func aReplayOfSIMsChangedInShuffledOrderRebuildsEveryDatabaseAsTheChangesWroteIt() throws {
        let directory = TemporaryDirectory()
        let engine = try ProvisioningEngine(path: directory.path, options: .fast)
        try engine.setSnapshotInterval(2_500)
        for line in seedLines() { try engine.apply(line, at: 1_764_000_000_000) }
        let iccids = (0..<12_000).map { "8944539" + String(10_000_000_000 + $0) }
        var at: Int64 = 1_764_000_100_000
        func apply(_ command: String, _ args: [String: Any]) throws {
            at += 1_000
            try engine.apply(["command": command, "as": "mike", "args": args], at: at)
        }
        try apply("sims bookin", ["sim-type": "MXG-ET085", "form": "physical", "iccids": iccids])
        var random = SplitMix64(seed: 11)
        var shuffled = iccids.shuffled(using: &random)
        for (index, start) in stride(from: 0, to: shuffled.count, by: 1_500).enumerated() {
            let part = Array(shuffled[start..<min(start + 1_500, shuffled.count)])
            try apply("sims reserve", ["reseller": index % 2 == 0 ? "Talk_Mail" : "AudioCodes_Reseller", "iccids": part])
        }
        try apply("sims unreserve", ["iccids": iccids])
        shuffled.shuffle(using: &random)
        try apply("sims reserve", ["reseller": "Talk_Mail", "iccids": Array(shuffled[..<6_000])])
        try apply("sims reserve", ["reseller": "AudioCodes_Reseller", "iccids": Array(shuffled[6_000...])])
        let head = try engine.log.head().position
        try #require(head > 4 * 2 * 4_096)
        try engine.expectReplayRebuildsEveryDatabaseAsWritten()
        let verified = try engine.verifyStore(differenceLimit: 100)
        #expect(verified.log.isValid && verified.readModelDifferences.isEmpty)
    }

    /// The decoding threads tell their batches apart by position: a record missing
    /// from the log (deleted by another writer) stops the replay, naming its position,
    /// and the store stays as it was.
    @Test func aReplayOfALogWithAGapStopsAtTheMissingPositionAndChangesNothing() throws {
        let directory = TemporaryDirectory()
        let engine = try ProvisioningEngine(path: directory.path, options: .fast)
        for line in seedLines() { try engine.apply(line, at: 1_764_000_000_000) }
        let iccids = (0..<10_000).map { "8944539" + String(10_000_000_000 + $0) }
        try engine.apply(
            ["command": "sims bookin", "as": "mike",
             "args": ["sim-type": "MXG-ET085", "form": "physical", "iccids": iccids]],
            at: 1_764_000_100_000)
        // In the second thread's first batch.
        let missing: UInt64 = 4_096 + 100
        try engine.log.environment.write { txn in
            let key = withUnsafeBytes(of: missing.bigEndian) { Array($0) }
            try #require(try txn.delete(engine.log.environment.database("events"), key))
        }
        let before = try engine.dump()
        #expect {
            try engine.replay()
        } throws: { error in
            guard case EventLogError.corruptRecord(let position, _) = error else { return false }
            return position == missing
        }
        #expect(try engine.dump() == before)
    }
}
