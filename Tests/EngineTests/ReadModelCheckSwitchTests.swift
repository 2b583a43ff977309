import Engine
import EventLog
import LMDB
import Testing
import TestSupport

/// The read-model check (`replay --check`, the second half of `verify`) decodes the
/// log on its own thread until `secondCoreFree` says yes, then on a second thread
/// from the next record on: it finds the same differences either way, before the
/// switch and after it.
@Suite struct ReadModelCheckSwitchTests {
    @Test func theCheckFindsTheSameWhetherItSwitchesToADecodingThreadOrNot() throws {
        // Over 4,096 events (the check asks every 4,096 records), snapshots on both
        // sides: random changes, then book-ins of 1,000 SIMs (18-digit ICCIDs of
        // their own), each change a snapshot or not.
        let (directory, engine) = try SnapshotTests.store(interval: 1_500, commands: 300)
        _ = directory
        for batch in 0..<13 {
            let iccids = (0..<1_000).map { "8944539" + String(10_000_000_000 + batch * 1_000 + $0) }
            try engine.apply(
                ["command": "sims bookin", "as": "mike",
                 "args": ["sim-type": "MXG-ET085", "form": "physical", "iccids": iccids]],
                at: 1_900_000_000_000 + Int64(batch) * 60_000)
        }
        let head = try engine.log.head().position
        try #require(head > 3 * 4_096)
        let snapshots = try SnapshotTests.snapshotPositions(engine)
        let before = try #require(snapshots.first { $0 < 4_096 })
        let after = try #require(snapshots.last { $0 > 2 * 4_096 })

        var switched = 0
        #expect(try engine.readModelDifferences(secondCoreFree: { switched += 1; return true }).isEmpty)
        #expect(switched == 1, "the check switches at its first question and asks no more")
        #expect(try engine.readModelDifferences(secondCoreFree: { false }).isEmpty)
        // The switch midway, as `verify` makes it when its log check ends.
        var asked = 0
        #expect(try engine.readModelDifferences(secondCoreFree: { asked += 1; return asked == 2 }).isEmpty)

        // A snapshot damaged before the switch and one after, and a read-model record.
        try SnapshotTests.damage(engine) { txn, _, chunks in
            for position in [before, after] {
                var chunk = try #require(try txn.get(chunks, SnapshotTests.key(position, chunk: 0)))
                chunk[chunk.count / 2] ^= 0x04
                try txn.put(chunks, SnapshotTests.key(position, chunk: 0), chunk)
            }
        }
        let environment = engine.log.environment
        try environment.write { txn in
            let counts = environment.database("rm.counts")
            var first: ([UInt8], [UInt8])?
            try txn.forEach(counts) { key, value in
                first = ([UInt8](key), [UInt8](value))
                return false
            }
            let (key, value) = try #require(first)
            try txn.put(counts, key, value.map { $0 ^ 0x01 })
        }
        let expected = try engine.readModelDifferences(secondCoreFree: { false })
        #expect(expected.map(\.database) == ["snapshots", "snapshots", "rm.counts"])
        #expect(try engine.readModelDifferences(secondCoreFree: { true }) == expected)
        asked = 0
        #expect(try engine.readModelDifferences(secondCoreFree: { asked += 1; return asked == 2 }) == expected)
    }
}
