import Engine
import EventLog
import Foundation
import LMDB
import Provisioning
import ReadModels
import Testing
import TestSupport

/// Snapshots of the whole state: reads of the past and copies give exactly what a
/// replay from the first event gives, with or without them, and a damaged snapshot
/// is detected and never used.
@Suite struct SnapshotTests {
    /// A store of the seed world and `commands` random changes (the generator of
    /// `ReadModelConsistencyTests`), taking a snapshot every `interval` events.
    static func store(interval: UInt64, commands: Int, seed: UInt64 = 7) throws -> (TemporaryDirectory, ProvisioningEngine) {
        let directory = TemporaryDirectory("snapshots")
        let engine = try ProvisioningEngine(path: directory.path, options: .fast)
        try engine.setSnapshotInterval(interval)
        var time: Int64 = 1_764_000_000_000
        for line in seedLines() {
            try engine.apply(line, at: time)
            time += 1_000
        }
        var rng = SplitMix64(seed: seed)
        var world = ReadModelConsistencyTests.World()
        for step in 0..<commands {
            time += Int64(rng.next() % 7_200_000)
            do {
                try engine.apply(ReadModelConsistencyTests.randomLine(&rng, step: step, world: &world), at: time)
            } catch is Rejection {
                continue
            }
        }
        return (directory, engine)
    }

    static func snapshotPositions(_ engine: ProvisioningEngine) throws -> [UInt64] {
        try engine.snapshotList().map { try $0.get().position }
    }

    /// The positions each change wrote, from the log: a change is a run of one command id.
    static func changes(_ engine: ProvisioningEngine) throws -> [ClosedRange<UInt64>] {
        var changes: [ClosedRange<UInt64>] = []
        var commandID = ""
        for record in try engine.log.records() {
            if record.commandID == commandID, let last = changes.popLast() {
                changes.append(last.lowerBound...record.position)
            } else {
                changes.append(record.position...record.position)
            }
            commandID = record.commandID
        }
        return changes
    }

    @Test func thePastFromTheNearestSnapshotIsThePastFromTheFirstEventAtEveryPosition() throws {
        let (directory, engine) = try Self.store(interval: 9, commands: 250)
        _ = directory
        let events = try engine.allEvents()
        let snapshots = try Self.snapshotPositions(engine)
        // One snapshot at the end of each change that holds a multiple of 9, and no other.
        let expectedSnapshots = try Self.changes(engine).filter { change in
            change.contains { $0 % 9 == 0 }
        }.map(\.upperBound)
        #expect(snapshots == expectedSnapshots)
        #expect(snapshots.count > 10)

        var replayed = InMemoryState()
        for position in 0...UInt64(events.count) {
            if position > 0 { evolve(events[Int(position) - 1], into: &replayed) }
            let past = try engine.pastState(at: position)
            #expect(past.state == replayed, "state at \(position)")
            #expect(past.snapshotPosition == snapshots.last { $0 <= position }, "snapshot used at \(position)")
            #expect(past.skipped.isEmpty)
        }
        #expect(try engine.readModelDifferences().isEmpty)
    }

    @Test func aBulkChangeCrossingSeveralMultiplesTakesOneSnapshotAtItsEnd() throws {
        let directory = TemporaryDirectory("snapshots")
        let engine = try ProvisioningEngine(path: directory.path, options: .fast)
        try engine.setSnapshotInterval(4)
        for line in seedLines().prefix(1) { try engine.apply(line, at: 1_764_000_000_000) }
        #expect(try Self.snapshotPositions(engine).isEmpty)  // positions 1-2 hold no multiple of 4
        let iccids = (0..<20).map { "89445300000" + String(2_000_000 + $0) }
        var stages: [ChangeProgress] = []
        let outcome = try engine.execute(
            try ScriptLineParser.parse(
                #"{"command": "sims bookin", "as": "mike", "args": {"sim-type": "MXG-ET085", "form": "esim", "iccids": [\#(iccids.map { "\"\($0)\"" }.joined(separator: ","))]}}"#
            ).command, as: try Username("mike"), now: Timestamp(millisecondsSince1970: 1_764_000_100_000),
            progress: { stages.append($0) })
        #expect(outcome.result.positions == 3...22)
        #expect(try Self.snapshotPositions(engine) == [22])
        #expect(stages.map(\.stage) == [.recording, .applying, .snapshot])
        #expect(stages.allSatisfy { $0.total == 20 })
        #expect(try engine.pastState(at: 22).snapshotPosition == 22)
        #expect(try engine.pastState(at: 21).snapshotPosition == nil)
    }

    @Test func aRebuildWritesTheSnapshotsTheLiveChangesTook() throws {
        let (directory, engine) = try Self.store(interval: 13, commands: 150)
        _ = directory
        let before = try engine.dump()
        try engine.replay()
        let after = try engine.dump()
        #expect(after["snapshots"] == before["snapshots"])
        #expect(after["snapshot-chunks"] == before["snapshot-chunks"])
        #expect(!(before["snapshots"] ?? []).isEmpty)
        // The rebuild folds in memory and writes each record once; the live changes
        // wrote record by record. Every table, index and counter comes out the same.
        for name in before.keys.sorted() {
            #expect(after[name] == before[name], "\(name) differs after the rebuild")
        }
        // A new interval: the rebuild takes the snapshots at its multiples.
        try engine.setSnapshotInterval(50)
        try engine.replay()
        let rebuilt = try Self.snapshotPositions(engine)
        #expect(rebuilt == (try Self.changes(engine).filter { $0.contains { $0 % 50 == 0 } }.map(\.upperBound)))
    }

    @Test func aCopyStartsFromTheNearestSnapshotAndEqualsAReplayBeforeAtAndAfterIt() throws {
        let (directory, engine) = try Self.store(interval: 11, commands: 120)
        _ = directory
        let events = try engine.allEvents()
        let snapshots = try Self.snapshotPositions(engine)
        let middle = snapshots[snapshots.count / 2]
        for position in [middle - 1, middle, middle + 1, UInt64(events.count)] {
            let target = TemporaryDirectory("snapshot-copy")
            #expect(try engine.copy(upTo: position, into: target.path) == position)
            let copy = try ProvisioningEngine(path: target.path, options: .fast)
            #expect(try copy.readModelsInMemory() == InMemoryState(replaying: events.prefix(Int(position))))
            #expect(try copy.readModelDifferences().isEmpty, "copy at \(position)")
            #expect(try copy.snapshotInterval() == 11)
            let copied = try Self.snapshotPositions(copy)
            // The source's snapshots up to the copy's end; and one at its end when the
            // copy cuts a change that crossed a multiple (its log ends there).
            #expect(copied.filter { $0 < position } == snapshots.filter { $0 < position })
            #expect(copied.allSatisfy { $0 <= position })
        }
    }

    /// Writes into the store's snapshot databases as a faulty disk would.
    static func damage(_ engine: ProvisioningEngine, _ body: (TransactionReference, Database, Database) throws -> Void)
        throws
    {
        let environment = engine.log.environment
        try environment.write { txn in
            try body(txn.reference, environment.database("snapshots"), environment.database("snapshot-chunks"))
        }
    }

    static func key(_ position: UInt64, chunk: UInt32? = nil) -> [UInt8] {
        var key = withUnsafeBytes(of: position.bigEndian, Array.init)
        if let chunk { key += withUnsafeBytes(of: chunk.bigEndian, Array.init) }
        return key
    }

    @Test func aDamagedSnapshotIsDetectedAndNeverUsed() throws {
        let (directory, engine) = try Self.store(interval: 10, commands: 150)
        _ = directory
        let events = try engine.allEvents()
        let snapshots = try Self.snapshotPositions(engine)
        try #require(snapshots.count >= 6)
        let (flipped, missing, garbled) = (snapshots[5], snapshots[3], snapshots[1])
        try Self.damage(engine) { txn, manifests, chunks in
            var chunk = try #require(try txn.get(chunks, Self.key(flipped, chunk: 0)))
            chunk[chunk.count / 2] ^= 0x04
            try txn.put(chunks, Self.key(flipped, chunk: 0), chunk)
            try txn.delete(chunks, Self.key(missing, chunk: 0))
            try txn.put(manifests, Self.key(garbled), [1, 0xFF])
        }
        for position in [flipped, flipped + 1, missing, garbled, garbled + 2] {
            let past = try engine.pastState(at: position)
            #expect(past.state == InMemoryState(replaying: events.prefix(Int(position))), "at \(position)")
            let damaged = [flipped, missing, garbled].filter { $0 <= position && $0 > (past.snapshotPosition ?? 0) }
            #expect(past.skipped.map(\.position) == damaged.sorted(by: >))
            #expect(![flipped, missing, garbled].contains(past.snapshotPosition ?? 0))
        }
        let differences = try engine.readModelDifferences()
        #expect(differences.map(\.database) == ["snapshots", "snapshots", "snapshots"])
        #expect(differences.map(\.key) == [garbled, missing, flipped].map { "position \($0)" })
        #expect(differences[2].what.contains("checksum"))
        let listed = try engine.snapshotList()
        #expect(listed.filter { (try? $0.get()) == nil }.count == 3)

        // A rebuild replaces them.
        try engine.replay()
        #expect(try Self.snapshotPositions(engine) == snapshots)
        #expect(try engine.readModelDifferences().isEmpty)
    }

    /// A rebuild writes only what differs from the snapshots stored (`SnapshotStore.take`):
    /// whatever was stored, the snapshot databases come out byte for byte as a rebuild
    /// into empty ones writes them.
    @Test func aRebuildLeavesExactlyTheSnapshotsItTakesWhateverWasStored() throws {
        let (directory, engine) = try Self.store(interval: 10, commands: 150)
        _ = directory
        let before = try engine.dump()
        let snapshots = try Self.snapshotPositions(engine)
        try #require(snapshots.count >= 6)
        let chunkCount = { (position: UInt64) in
            (before["snapshot-chunks"] ?? []).enumerated().filter { $0.offset % 2 == 0 && $0.element.starts(with: Self.key(position)) }.count
        }
        try Self.damage(engine) { txn, manifests, chunks in
            // A chunk past the end of one snapshot.
            try txn.put(chunks, Self.key(snapshots[0], chunk: UInt32(chunkCount(snapshots[0]))), [1, 2, 3])
            // Another's first chunk shortened, and its manifest's last byte changed.
            let first = try #require(try txn.get(chunks, Self.key(snapshots[2], chunk: 0)))
            try txn.put(chunks, Self.key(snapshots[2], chunk: 0), Array(first.dropLast(5)))
            var manifest = try #require(try txn.get(manifests, Self.key(snapshots[4])))
            manifest[manifest.count - 1] ^= 0x01
            try txn.put(manifests, Self.key(snapshots[4]), manifest)
            // A snapshot where the rebuild takes none, and chunks with no manifest.
            let stray = snapshots[1] + 3
            try txn.put(manifests, Self.key(stray), try #require(try txn.get(manifests, Self.key(snapshots[1]))))
            try txn.put(chunks, Self.key(stray, chunk: 0), [9])
            try txn.put(chunks, Self.key(snapshots[3] + 1, chunk: 0), [9, 9])
            try txn.put(chunks, [1, 2, 3], [4])
        }
        #expect(try engine.dump()["snapshot-chunks"] != before["snapshot-chunks"])
        try engine.replay()
        let after = try engine.dump()
        #expect(after["snapshots"] == before["snapshots"])
        #expect(after["snapshot-chunks"] == before["snapshot-chunks"])
        #expect(try engine.readModelDifferences().isEmpty)
    }

    @Test func aSnapshotWhoseChecksumHoldsButWhoseStateIsWrongIsCaughtByTheReplayCheck() throws {
        let (directory, engine) = try Self.store(interval: 10, commands: 80)
        _ = directory
        let snapshots = try Self.snapshotPositions(engine)
        try #require(snapshots.count >= 3)
        let (source, target) = (snapshots[0], snapshots[2])
        // Snapshot `source`'s stream filed under `target`, with a manifest naming
        // `target` and the stream's own checksum: whole, but not the state at `target`.
        try Self.damage(engine) { txn, manifests, chunks in
            var manifest = try #require(try txn.get(manifests, Self.key(source)))
            var varint: [UInt8] = []
            var value = target
            repeat {
                varint.append(UInt8(value & 0x7F) | (value >= 0x80 ? 0x80 : 0))
                value >>= 7
            } while value > 0
            var length = 0
            while manifest[1 + length] & 0x80 != 0 { length += 1 }
            manifest.replaceSubrange(1...(1 + length), with: varint)
            try txn.put(manifests, Self.key(target), manifest)
            var chunk: UInt32 = 0
            while let bytes = try txn.get(chunks, Self.key(source, chunk: chunk)) {
                try txn.put(chunks, Self.key(target, chunk: chunk), bytes)
                chunk += 1
            }
            while try txn.delete(chunks, Self.key(target, chunk: chunk)) { chunk += 1 }
        }
        let differences = try engine.readModelDifferences()
        #expect(differences.map(\.description) == ["snapshots position \(target): differs from a replay"])
    }
}
