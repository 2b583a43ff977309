import LMDB
import ReadModels
import Synchronization

/// Compares tables of a replay with the stored read models, entry by entry in key
/// order, and keeps the first differences of each table. As a `BulkLoadTarget` it is
/// handed a replay's large tables as the bulk load produces them, so they are
/// compared without being written anywhere; `compare(_:replayedIn:)` hands it a
/// table of the scratch store that holds the rest. The index comes in parts from the
/// threads that derive it (`IndexPartComparison`), when they can read the same
/// snapshot of the store.
final class ReadModelComparison: BulkLoadTarget {
    /// The stored read models: a read transaction of the live store.
    private let stored: TransactionReference
    private let storedEnvironment: LMDB.Environment
    private let limitPerTable: Int
    private var differencesByTable: [String: [ReadModelDifference]] = [:]
    private let indexComparison: IndexPartComparison
    /// The names of the tables compared through `load` so far.
    private var loaded: Set<String> = []

    init(stored: TransactionReference, of environment: LMDB.Environment, limitPerTable: Int) {
        self.stored = stored
        storedEnvironment = environment
        self.limitPerTable = limitPerTable
        indexComparison = IndexPartComparison(environment, snapshotID: stored.snapshotID, limit: limitPerTable)
    }

    var indexParts: (any IndexPartsTarget)? { indexComparison }

    /// The names of the tables compared so far.
    var compared: Set<String> {
        indexComparison.differences == nil ? loaded : loaded.union([IndexPartComparison.table])
    }

    /// The differences found, table by table in the order of `ReadModelTables.databaseNames`.
    var differences: [ReadModelDifference] {
        var byTable = differencesByTable
        // The index's parts count when the index was not compared whole after all.
        if !loaded.contains(IndexPartComparison.table), let parts = indexComparison.differences {
            byTable[IndexPartComparison.table] = parts
        }
        return ReadModelTables.databaseNames.flatMap { byTable[$0] ?? [] }
    }

    /// Compares the stored table of `database`'s name with the entries `body` puts:
    /// a walk of both in key order with one cursor (nothing copied but the keys of
    /// differences).
    func load<R>(
        _ database: Database,
        _ body: (_ put: (_ key: UnsafeRawBufferPointer, _ value: UnsafeRawBufferPointer) throws -> Void) throws -> R
    ) throws -> R {
        let name = database.name
        loaded.insert(name)
        var found: [ReadModelDifference] = []
        defer { differencesByTable[name, default: []] += found }
        return try stored.withReadCursor(storedEnvironment.database(name)) { cursor in
            try Self.compare(&cursor, of: name, from: nil, upTo: nil, limit: limitPerTable, found: &found, body)
        }
    }

    /// Walks the stored entries of `cursor`'s table (`name`) from `lower` (nil: the first) up to
    /// before `upper` (nil: the last) beside the entries `body` puts (in key order),
    /// noting each difference in `found` until it holds `limit`.
    static func compare<R>(
        _ cursor: inout ReadCursor, of name: String, from lower: [UInt8]?, upTo upper: [UInt8]?, limit: Int,
        found: inout [ReadModelDifference],
        _ body: (_ put: (_ key: UnsafeRawBufferPointer, _ value: UnsafeRawBufferPointer) throws -> Void) throws -> R
    ) throws -> R {
        func note(_ key: UnsafeRawBufferPointer, _ what: String) {
            found.append(ReadModelDifference(database: name, key: ProvisioningEngine.printable(key), what: what))
        }
        func inRange(_ more: Bool) -> Bool {
            more && (upper.map { upper in upper.withUnsafeBytes { KeyOrder.compare(cursor.key, $0) < 0 } } ?? true)
        }
        var hasStored = try inRange(lower.map { try cursor.seek(atLeast: $0) } ?? cursor.next())
        let result = try body { key, value in
            guard found.count < limit else { return }
            // Stored entries that sort before the replay's next one are not in the replay.
            var order = hasStored ? KeyOrder.compare(cursor.key, key) : 1
            while order < 0 {
                note(cursor.key, "stored but not in a replay")
                hasStored = try inRange(cursor.next())
                guard found.count < limit else { return }
                order = hasStored ? KeyOrder.compare(cursor.key, key) : 1
            }
            if order > 0 {
                note(key, "missing (a replay has it)")
            } else {
                if KeyOrder.compare(cursor.value, value) != 0 { note(key, "differs from a replay") }
                hasStored = try inRange(cursor.next())
            }
        }
        while hasStored && found.count < limit {
            note(cursor.key, "stored but not in a replay")
            hasStored = try inRange(cursor.next())
        }
        return result
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

/// Compares the stored `rm.index` with a replay's in parts of its key range, each on
/// the thread that derived it (`BulkLoadIndexer`), in a read transaction of its own
/// that counts only when it reads the snapshot of the check (no commit came between);
/// otherwise the part is not taken and the index is compared whole on the check's thread.
final class IndexPartComparison: IndexPartsTarget {
    static let table = "rm.index"
    private let environment: LMDB.Environment
    private let snapshotID: Int
    private let limit: Int
    /// The index's parts, and the differences of each part compared, by part.
    private let found = Mutex<(parts: Int, byPart: [Int: [ReadModelDifference]])>((0, [:]))

    init(_ environment: LMDB.Environment, snapshotID: Int, limit: Int) {
        self.environment = environment
        self.snapshotID = snapshotID
        self.limit = limit
    }

    func load(
        part: Int, of parts: Int, lower: [UInt8]?, upper: [UInt8]?,
        _ body: (_ put: (_ key: UnsafeRawBufferPointer, _ value: UnsafeRawBufferPointer) throws -> Void) throws -> Void
    ) throws -> Bool {
        try environment.read { txn in
            guard txn.snapshotID == snapshotID else { return false }
            var differences: [ReadModelDifference] = []
            try txn.withReadCursor(environment.database(Self.table)) { cursor in
                try ReadModelComparison.compare(&cursor, of: Self.table, from: lower, upTo: upper, limit: limit, found: &differences, body)
            }
            found.withLock { found in
                found.parts = parts
                found.byPart[part] = differences
            }
            return true
        }
    }

    /// The differences of every part in key order (the first `limit`), once every part
    /// was compared; nil before.
    var differences: [ReadModelDifference]? {
        found.withLock { found in
            guard found.parts > 0, found.byPart.count == found.parts else { return nil }
            return Array((0..<found.parts).flatMap { found.byPart[$0]! }.prefix(limit))
        }
    }
}
