import LMDB
import Provisioning
@testable import ReadModels
import Testing
import TestSupport

/// A bulk load (`ReadModelStore.putAll`, whose index entries and counters are built
/// on threads of their own) writes exactly what the same records put one by one
/// write; and a load whose write fails throws, stops that thread, and writes nothing
/// once its transaction aborts.
@Suite struct BulkLoadTests {
    /// SIMs in every state (with and without an IMSI, reseller, group), spread over
    /// three resellers and five groups, ICCIDs of 18 and 20 digits (shorter first),
    /// enough of them for many chunks.
    static func state(sims count: Int) -> ReplayState {
        var state = ReplayState()
        for sim in sims(count) { state.putSIM(sim) }
        return state
    }

    /// The SIMs of `state(sims:)`, in the order it puts them.
    static func sims(_ count: Int) -> [SIMRecord] {
        let statuses: [SIMStatus] = [.bookin, .reserved, .allocated, .active, .retired]
        return (0..<count).map { index in
            let digits = String(index)
            let width = index % 3 == 0 ? 12 : 14
            let iccid = "894453" + String(repeating: "0", count: width - digits.count) + digits
            let status = statuses[index % statuses.count]
            let reseller = status == .bookin ? nil : Name(unchecked: "reseller-\(index % 3)")
            let group = [.allocated, .active].contains(status) ? Name(unchecked: "group-\(index % 5)") : nil
            return SIMRecord(
                iccid: ICCID(unchecked: iccid), simType: SIMTypeCode(unchecked: "standard"),
                form: index % 4 == 0 ? .esim : .physical,
                imsi: index % 2 == 0 ? IMSI(unchecked: "23410" + String(1_000_000_000 + index)) : nil,
                activation: nil, status: status, reseller: reseller, group: group)
        }
    }

    static func environment(_ directory: TemporaryDirectory) throws -> LMDB.Environment {
        var options = LMDB.Environment.Options()
        options.noSync = true
        return try LMDB.Environment(path: directory.path, databases: ReadModelTables.databaseNames, options: options)
    }

    @Test func aBulkLoadWritesWhatPutsOneByOneWrite() throws {
        var state = Self.state(sims: 30_000)
        let keyOrdered = state.keyOrdered()
        let bulkDirectory = TemporaryDirectory("bulk-load")
        let bulk = try Self.environment(bulkDirectory)
        try bulk.write { txn in
            var store = ReadModelStore(txn.reference, tables: ReadModelTables(bulk))
            try store.putAll(keyOrdered, eventCounts: [("SIMBookedIn", 30_000)])
            try store.finish(checkpoint: 30_000)
        }
        let putsDirectory = TemporaryDirectory("bulk-load-puts")
        let puts = try Self.environment(putsDirectory)
        try puts.write { txn in
            var store = ReadModelStore(txn.reference, tables: ReadModelTables(puts))
            try keyOrdered.sims.forEach { try store.putSIM($0) }
            store.countEvents(type: "SIMBookedIn", 30_000)
            try store.finish(checkpoint: 30_000)
        }
        let bulkTables = try dumpDatabases(bulk, ReadModelTables.databaseNames)
        #expect(bulkTables["rm.index"]?.isEmpty == false)
        #expect(bulkTables == (try dumpDatabases(puts, ReadModelTables.databaseNames)))
    }

    /// The index is derived in two key ranges split at a byte chosen from a census of
    /// the records (`IndexCensus`); wherever the split falls (before every key, inside
    /// a run of one index, between indexes, after every key), the entries come out the
    /// same and in key order, with the same counters.
    @Test func theIndexComesOutTheSameWhereverItIsSplit() throws {
        var state = Self.state(sims: 20_000)
        let keyOrdered = state.keyOrdered()
        func drained(split: UInt8?) throws -> (entries: [[UInt8]], counters: [CounterKey: Int64]) {
            var entries: [[UInt8]] = []
            let counters = try BulkLoadIndexer(keyOrdered, split: split).drain { key, value in
                entries.append([UInt8](key) + [0xFF] + [UInt8](value))
            }
            return (entries, counters)
        }
        let chosen = try drained(split: nil)
        #expect(chosen.entries.count > 40_000)
        #expect(zip(chosen.entries, chosen.entries.dropFirst()).allSatisfy { $0.lexicographicallyPrecedes($1) })
        for split in [1, UInt8(ascii: "A"), UInt8(ascii: "P"), UInt8(ascii: "S") + 1, 0xFF] as [UInt8] {
            let other = try drained(split: split)
            #expect(other.entries == chosen.entries, "split \(split)")
            #expect(other.counters == chosen.counters, "split \(split)")
        }
    }

    /// The census's split, from a sample of the records, leaves the larger range within a
    /// few percent of the best split of the entries actually derived.
    @Test func theCensusSplitsTheIndexAboutEvenly() throws {
        var state = Self.state(sims: 50_000)
        let keyOrdered = state.keyOrdered()
        var byFirstByte = [Int](repeating: 0, count: 256)
        _ = try BulkLoadIndexer(keyOrdered).drain { key, _ in byFirstByte[Int(key.first!)] += 1 }
        let total = byFirstByte.reduce(0, +)
        func larger(split: Int) -> Int {
            let before = byFirstByte[..<split].reduce(0, +)
            return max(before, total - before)
        }
        let best = (1...255).map(larger).min()!
        let chosen = larger(split: Int(IndexCensus(of: keyOrdered).balancedSplit))
        #expect(Double(chosen) <= Double(best) * 1.03, "\(chosen) against the best \(best) of \(total)")
        #expect(best < total * 3 / 4)
    }

    @Test func aLoadWhoseWriteFailsThrowsAndStopsItsEncoding() throws {
        // The index's threads are still deriving when the write fails: they are waited
        // for, and their work dropped.
        var state = Self.state(sims: 60_000)
        let keyOrdered = state.keyOrdered()
        let directory = TemporaryDirectory("bulk-load-fails")
        let environment = try Self.environment(directory)
        let tables = ReadModelTables(environment)
        // A SIM whose key sorts after every other: the first append is refused.
        let last = [UInt8](repeating: 0xFF, count: 4)
        try environment.write { txn in try txn.put(tables.sims, last, [1]) }
        let before = try dumpDatabases(environment, ReadModelTables.databaseNames)
        #expect(throws: (any Error).self) {
            try environment.write { txn in
                var store = ReadModelStore(txn.reference, tables: tables)
                try store.putAll(keyOrdered, eventCounts: [])
            }
        }
        #expect(try dumpDatabases(environment, ReadModelTables.databaseNames) == before)
    }
}
