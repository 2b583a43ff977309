import LMDB
import ReadModels

/// Compares tables of a replay with the stored read models, entry by entry in key
/// order, and keeps the first differences of each table. As a `BulkLoadTarget` it is
/// handed a replay's large tables as the bulk load produces them, so they are
/// compared without being written anywhere; `compare(_:replayedIn:)` hands it a
/// table of the scratch store that holds the rest.
final class ReadModelComparison: BulkLoadTarget {
    /// The stored read models: a read transaction of the live store.
    private let stored: TransactionReference
    private let storedEnvironment: LMDB.Environment
    private let limitPerTable: Int
    private var differencesByTable: [String: [ReadModelDifference]] = [:]
    /// The names of the tables compared so far.
    private(set) var compared: Set<String> = []

    init(stored: TransactionReference, of environment: LMDB.Environment, limitPerTable: Int) {
        self.stored = stored
        storedEnvironment = environment
        self.limitPerTable = limitPerTable
    }

    /// The differences found, table by table in the order of `ReadModelTables.databaseNames`.
    var differences: [ReadModelDifference] {
        ReadModelTables.databaseNames.flatMap { differencesByTable[$0] ?? [] }
    }

    /// Compares the stored table of `database`'s name with the entries `body` puts:
    /// a walk of both in key order with one cursor (nothing copied but the keys of
    /// differences).
    func load<R>(
        _ database: Database,
        _ body: (_ put: (_ key: UnsafeRawBufferPointer, _ value: UnsafeRawBufferPointer) throws -> Void) throws -> R
    ) throws -> R {
        let name = database.name
        compared.insert(name)
        let limit = limitPerTable
        var found: [ReadModelDifference] = []
        defer { differencesByTable[name, default: []] += found }
        return try stored.withReadCursor(storedEnvironment.database(name)) { cursor in
            func note(_ key: UnsafeRawBufferPointer, _ what: String) {
                found.append(ReadModelDifference(database: name, key: ProvisioningEngine.printable(key), what: what))
            }
            var hasStored = try cursor.next()
            let result = try body { key, value in
                guard found.count < limit else { return }
                // Stored entries that sort before the replay's next one are not in the replay.
                var order = hasStored ? KeyOrder.compare(cursor.key, key) : 1
                while order < 0 {
                    note(cursor.key, "stored but not in a replay")
                    hasStored = try cursor.next()
                    guard found.count < limit else { return }
                    order = hasStored ? KeyOrder.compare(cursor.key, key) : 1
                }
                if order > 0 {
                    note(key, "missing (a replay has it)")
                } else {
                    if KeyOrder.compare(cursor.value, value) != 0 { note(key, "differs from a replay") }
                    hasStored = try cursor.next()
                }
            }
            while hasStored && found.count < limit {
                note(cursor.key, "stored but not in a replay")
                hasStored = try cursor.next()
            }
            return result
        }
    }

    /// Compares the stored table named `name` with the one of a replay in `replayed`.
    func compare(_ name: String, replayedIn replayed: TransactionReference, of environment: LMDB.Environment) throws {
        let database = environment.database(name)
        try replayed.withReadCursor(database) { entries in
            try load(database) { put in
                while try entries.next() { try put(entries.key, entries.value) }
            }
        }
    }
}
