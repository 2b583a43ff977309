import Engine
import EventLog
import LMDB
import Testing
import TestSupport

/// The read-model check (`replay --check`) and `verify`, which checks the log on the
/// same decoding threads, find the same read-model and snapshot differences, in
/// every batch of the decoders (4,096 records each).
@Suite struct ReadModelCheckWithLogCheckTests {
    @Test func verifyFindsTheDifferencesTheReadModelCheckFinds() throws {
        // Over three batches of 4,096 events, snapshots in the first and the last:
        // random changes, then book-ins of 1,000 SIMs (18-digit ICCIDs of
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

        #expect(try engine.readModelDifferences().isEmpty)
        let clean = try engine.verifyStore(differenceLimit: 100)
        #expect(clean.log.isValid && clean.log.eventsChecked == head)
        #expect(clean.readModelDifferences.isEmpty)

        // A snapshot damaged in the first batch and one in the third, and a read-model record.
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
        let expected = try engine.readModelDifferences()
        #expect(expected.map(\.database) == ["snapshots", "snapshots", "rm.counts"])
        let verified = try engine.verifyStore(differenceLimit: 100)
        #expect(verified.log.isValid)
        #expect(verified.readModelDifferences == expected)
        #expect(try engine.verifyStore(differenceLimit: 1).readModelDifferences == Array(expected.prefix(1)))
    }
}
