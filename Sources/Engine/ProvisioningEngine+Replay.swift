public import EventLog
public import LMDB
public import Provisioning
public import ReadModels
import Foundation

/// A difference between the stored read models and a replay of the log.
public struct ReadModelDifference: Hashable, Sendable, CustomStringConvertible {
    public var database: String
    /// The key, printable when it is text, hex otherwise.
    public var key: String
    public var what: String

    public var description: String { "\(database) \(key): \(what)" }
}

extension ProvisioningEngine {
    /// Rebuilds every read model from the log, in one write transaction: readers see
    /// the old read models or the new ones, never half a rebuild.
    @available(*, noasync)
    @discardableResult
    public func replay(progress: ((UInt64) -> Void)? = nil) throws -> UInt64 {
        try log.write { txn in
            for database in tables.all { try txn.clear(database) }
            return try Self.project(log, from: txn.reference, into: txn.reference, tables: tables, upTo: .max, progress: progress)
        }
    }

    /// Applies the log's events up to `upTo` to the (empty) read models of `target`.
    /// Returns the last position applied.
    static func project(
        _ log: EventLog, from source: TransactionReference, into target: TransactionReference, tables: ReadModelTables,
        upTo: UInt64, progress: ((UInt64) -> Void)?
    ) throws -> UInt64 {
        var store = ReadModelStore(target, tables: tables)
        var last: UInt64 = 0
        try log.forEach(from: 1, in: source) { record in
            guard record.position <= upTo else { return false }
            try evolve(try ProvisioningEvent(record), into: &store)
            store.countEvent(type: record.type)
            last = record.position
            if last % 65_536 == 0 {
                try store.finish(checkpoint: last)
                progress?(last)
            }
            return true
        }
        // An empty log has empty read models and no checkpoint, as a store that was
        // created and never changed (an `init` or `import` killed before its commit).
        if last > 0 { try store.finish(checkpoint: last) }
        progress?(last)
        return last
    }

    /// Replays the log into a scratch store beside this one and compares every
    /// read-model database entry by entry; the live store is not changed.
    @available(*, noasync)
    public func readModelDifferences(limit: Int = 100) throws -> [ReadModelDifference] {
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("provisioning-replay-check-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        var options = LMDB.Environment.Options()
        options.noSync = true
        let rebuilt = try LMDB.Environment(path: scratch, databases: ReadModelTables.databaseNames, options: options)
        let rebuiltTables = ReadModelTables(rebuilt)
        try log.environment.read { source in
            try rebuilt.write { target in
                _ = try Self.project(
                    log, from: source.reference, into: target.reference, tables: rebuiltTables, upTo: .max,
                    progress: nil)
            }
        }
        var differences: [ReadModelDifference] = []
        try log.environment.read { live in
            try rebuilt.read { fresh in
                for name in ReadModelTables.databaseNames where differences.count < limit {
                    differences += try Self.compare(
                        name, live: (live.reference, log.environment.database(name)),
                        replayed: (fresh.reference, rebuilt.database(name)), limit: limit - differences.count)
                }
            }
        }
        return differences
    }

    private static func compare(
        _ name: String, live: (TransactionReference, Database), replayed: (TransactionReference, Database), limit: Int
    ) throws -> [ReadModelDifference] {
        func entries(_ side: (TransactionReference, Database)) throws -> [([UInt8], [UInt8])] {
            var all: [([UInt8], [UInt8])] = []
            try side.0.forEach(side.1) { key, value in
                all.append(([UInt8](key), [UInt8](value)))
                return true
            }
            return all
        }
        let stored = try entries(live)
        let expected = try entries(replayed)
        var differences: [ReadModelDifference] = []
        var i = 0
        var j = 0
        while (i < stored.count || j < expected.count) && differences.count < limit {
            if j >= expected.count || (i < stored.count && stored[i].0.lexicographicallyPrecedes(expected[j].0)) {
                differences.append(.init(database: name, key: printable(stored[i].0), what: "stored but not in a replay"))
                i += 1
            } else if i >= stored.count || expected[j].0.lexicographicallyPrecedes(stored[i].0) {
                differences.append(.init(database: name, key: printable(expected[j].0), what: "missing (a replay has it)"))
                j += 1
            } else {
                if stored[i].1 != expected[j].1 {
                    differences.append(.init(database: name, key: printable(stored[i].0), what: "differs from a replay"))
                }
                i += 1
                j += 1
            }
        }
        return differences
    }

    static func printable(_ key: [UInt8]) -> String {
        if key.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return String(decoding: key, as: UTF8.self) }
        if let first = key.first, first < 0x20, key.dropFirst().allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            return String(decoding: key.dropFirst(), as: UTF8.self)  // a length-prefixed ICCID or number
        }
        return key.map { byte in
            byte >= 0x20 && byte < 0x7F
                ? String(UnicodeScalar(byte)) : "\\x" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16)
        }.joined()
    }

    /// The live read models as an in-memory state (every record put in key order),
    /// to compare with `InMemoryState(replaying:)`.
    @available(*, noasync)
    public func readModelsInMemory() throws -> InMemoryState {
        try log.environment.read { txn in
            try ReadModelStore(txn.reference, tables: tables).loadInMemory()
        }
    }

    /// Every event of the log, decoded.
    @available(*, noasync)
    public func allEvents() throws -> [ProvisioningEvent] {
        try log.environment.read { txn in
            var events: [ProvisioningEvent] = []
            try log.forEach(from: 1, in: txn) { record in
                events.append(try ProvisioningEvent(record))
                return true
            }
            return events
        }
    }
}
