import LMDB
import Provisioning
@testable import ReadModels
import Testing
import TestSupport

/// A bulk load (`ReadModelStore.putAll`, whose keys, records and index entries are
/// built on a second thread) writes exactly what the same records put one by one
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

    @Test func aLoadWhoseWriteFailsThrowsAndStopsItsEncoding() throws {
        // Far more chunks than the encoder runs ahead: it is waiting to send when the
        // write fails, and must be released.
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
