@testable import Engine
import EventLog
import LMDB
import Testing
import TestSupport

/// The read-model check compares the large tables (groups, SIMs, numbers,
/// subscribers, the index) as the replay's bulk load produces them, and the small
/// ones from a scratch store: either way an entry that is missing, one too many, or
/// one that differs is named, in the order of the databases and then of the keys,
/// with at most `limit` in all.
@Suite struct ReadModelComparisonTests {
    /// A store with the seed, 20 SIMs booked in (every other ICCID), and one reserved.
    static func store() throws -> (TemporaryDirectory, ProvisioningEngine) {
        let directory = TemporaryDirectory()
        let engine = try ProvisioningEngine(path: directory.path, options: .fast)
        var time: Int64 = 1_764_000_000_000
        for line in seedLines() {
            time += 1_000
            try engine.apply(line, at: time)
        }
        let iccids = (0..<20).map { "89445300000000" + String(1_000 + 2 * $0) }
        try engine.apply(
            ["command": "sims bookin", "as": "mike",
             "args": ["sim-type": "MXG-ET085", "form": "physical", "iccids": iccids]],
            at: time + 1_000)
        try engine.apply(
            ["command": "sims reserve", "as": "mike", "args": ["reseller": "Talk_Mail", "iccids": [iccids[3]]]],
            at: time + 2_000)
        return (directory, engine)
    }

    /// Every entry of a table, in key order.
    static func entries(_ engine: ProvisioningEngine, _ name: String) throws -> [(key: [UInt8], value: [UInt8])] {
        let environment = engine.log.environment
        return try environment.read { txn in
            var entries: [(key: [UInt8], value: [UInt8])] = []
            try txn.forEach(environment.database(name)) { key, value in
                entries.append(([UInt8](key), [UInt8](value)))
                return true
            }
            return entries
        }
    }

    static func change(_ engine: ProvisioningEngine, _ body: (TransactionReference, (String) -> Database) throws -> Void)
        throws
    {
        let environment = engine.log.environment
        try environment.write { txn in try body(txn.reference, environment.database) }
    }

    @Test func aCleanStoreHasNoDifferenceAndEachKindOfDamageIsNamed() throws {
        let (directory, engine) = try Self.store()
        _ = directory
        #expect(try engine.readModelDifferences().isEmpty)

        let sims = try Self.entries(engine, "rm.sims")
        let index = try Self.entries(engine, "rm.index")
        let users = try Self.entries(engine, "rm.users")
        try #require(sims.count == 20 && index.count > 20 && users.count == 4, "\(sims.count) \(index.count) \(users.count)")
        let removedIndexEntry = index[index.count / 2]
        // ICCID ...1011, between the sixth SIM (...1010) and the seventh (...1012).
        let extraSIMKey = [UInt8(18)] + Array("894453000000001011".utf8)
        try #require(sims[5].key.lexicographicallyPrecedes(extraSIMKey) && extraSIMKey.lexicographicallyPrecedes(sims[6].key))
        try Self.change(engine) { txn, database in
            // A large table: an index entry gone, a SIM record too many (in the middle),
            // a SIM record changed, and an entry after the last.
            try txn.delete(database("rm.index"), removedIndexEntry.key)
            try txn.put(database("rm.sims"), extraSIMKey, sims[5].value)
            try txn.put(database("rm.sims"), sims[9].key, sims[9].value.dropLast() + [sims[9].value.last! ^ 0x01])
            try txn.put(database("rm.index"), [0xFF, 0xFF], [])
            // A small table: a user changed.
            try txn.put(database("rm.users"), users[1].key, users[1].value + [0])
        }
        let printable = { (key: [UInt8]) in String(decoding: key.dropFirst(), as: UTF8.self) }
        let differences = try engine.readModelDifferences().map(\.description)
        try #require(differences.count == 5, "\(differences)")
        #expect(Array(differences.prefix(3)) == [
            "rm.users \(String(decoding: users[1].key, as: UTF8.self)): differs from a replay",
            "rm.sims 894453000000001011: stored but not in a replay",
            "rm.sims \(printable(sims[9].key)): differs from a replay",
        ])
        // An index key is printed with its separators escaped.
        #expect(differences[3].hasPrefix("rm.index ") && differences[3].hasSuffix(": missing (a replay has it)"))
        #expect(differences[4] == "rm.index \\xff\\xff: stored but not in a replay")
        // The first ones in that order, whatever the limit.
        #expect(try engine.readModelDifferences(limit: 2).map(\.description) == Array(differences.prefix(2)))
        #expect(try engine.readModelDifferences(limit: 4).map(\.description) == Array(differences.prefix(4)))

        // Nothing of the check was written into the store.
        let dump = try engine.dump()
        _ = try engine.readModelDifferences()
        #expect(try engine.dump() == dump)
    }

    @Test func aTableEmptiedOrFilledWhereTheReplayHasNothingIsNamed() throws {
        let (directory, engine) = try Self.store()
        _ = directory
        let sims = try Self.entries(engine, "rm.sims")
        try Self.change(engine) { txn, database in
            for entry in sims { try txn.delete(database("rm.sims"), entry.key) }
            try txn.put(database("rm.numbers"), [10, 0x31], [1, 2, 3])
        }
        let differences = try engine.readModelDifferences(limit: 1_000)
        #expect(differences.filter { $0.database == "rm.sims" }.count == 20)
        #expect(differences.allSatisfy { $0.database != "rm.sims" || $0.what == "missing (a replay has it)" })
        #expect(differences.filter { $0.database == "rm.numbers" }.map(\.what) == ["stored but not in a replay"])
        #expect(differences.count == 21)
    }

    /// The index is compared in two parts on the threads that derive it, each in a read
    /// transaction of its own; a part whose transaction does not read the check's
    /// snapshot (a commit came between) is not taken, and the index then counts as not
    /// compared until it is compared whole.
    @Test func anIndexPartReadInAnotherSnapshotIsNotTaken() throws {
        let (directory, engine) = try Self.store()
        _ = directory
        let environment = engine.log.environment
        let snapshotID = try environment.read { $0.snapshotID }
        let index = try Self.entries(engine, "rm.index")
        func compare(_ parts: IndexPartComparison, part: Int, lower: [UInt8]?, upper: [UInt8]?) throws -> Bool {
            try parts.load(part: part, of: 2, lower: lower, upper: upper) { put in
                for entry in index {
                    try entry.key.withUnsafeBytes { key in try entry.value.withUnsafeBytes { try put(key, $0) } }
                }
            }
        }
        let same = IndexPartComparison(environment, snapshotID: snapshotID, limit: 10)
        #expect(try compare(same, part: 0, lower: nil, upper: [UInt8(ascii: "P")]))
        #expect(same.differences == nil)
        #expect(try compare(same, part: 1, lower: [UInt8(ascii: "P")], upper: nil))
        // Each part walked the stored entries of its own range only: each was handed every
        // entry, and those outside its range are named as missing, the others match.
        let differences = try #require(same.differences)
        #expect(differences.count == 10 && index.count > 10)
        #expect(differences.allSatisfy { $0.what == "missing (a replay has it)" })

        let moved = IndexPartComparison(environment, snapshotID: snapshotID + 1, limit: 10)
        #expect(try !compare(moved, part: 0, lower: nil, upper: [UInt8(ascii: "P")]))
        #expect(try compare(moved, part: 1, lower: [UInt8(ascii: "P")], upper: nil) == false)
        #expect(moved.differences == nil)
    }
}
