internal import CLMDB

/// One write cursor per database for the life of a write transaction, for changes
/// that put many keys near each other (a book-in's records and index entries,
/// ascending): a put through a cursor that already stands on the right leaf page
/// skips the descent from the root that every `mdb_put` makes (LMDB's
/// `mdb_cursor_set` looks at the cursor's page first), and with it a search of the
/// transaction's dirty pages for each page on the way down.
///
/// The cursors are opened on first use and never closed here: LMDB closes the
/// cursors of a write transaction when it ends. So one must not outlive its
/// transaction; a use after the end stops on the precondition of `TransactionHandle.pointer`.
public final class PutCursors {
    private let handle: TransactionHandle
    /// By database handle (small integers, below the environment's maximum of databases).
    private var cursors: [OpaquePointer?] = []

    public init(_ txn: TransactionReference) {
        handle = txn._handle
    }

    private func cursor(_ database: Database) throws -> OpaquePointer {
        let txn = handle.pointer
        let slot = Int(database.dbi)
        if slot < cursors.count, let cursor = cursors[slot] { return cursor }
        var cursor: OpaquePointer?
        try check(mdb_cursor_open(txn, database.dbi, &cursor), "open cursor on \(database.name)")
        if slot >= cursors.count { cursors += Array(repeating: nil, count: slot + 1 - cursors.count) }
        cursors[slot] = cursor
        return cursor!
    }

    /// Stores `value` under `key`, as `put` on the transaction does.
    public func put(_ database: Database, _ key: [UInt8], _ value: [UInt8], flags: PutFlags = []) throws {
        try key.withUnsafeBytes { key in
            try value.withUnsafeBytes { value in try put(database, key: key, value: value, flags: flags) }
        }
    }

    /// The same, of bytes read in place (a prepared run of puts, `PutList`).
    public func put(
        _ database: Database, key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer, flags: PutFlags = []
    ) throws {
        let cursor = try cursor(database)
        var keyValue = MDB_val(mv_size: key.count, mv_data: UnsafeMutableRawPointer(mutating: key.baseAddress))
        var dataValue = MDB_val(mv_size: value.count, mv_data: UnsafeMutableRawPointer(mutating: value.baseAddress))
        let code = mdb_cursor_put(cursor, &keyValue, &dataValue, flags.rawValue)
        if code == MDB_MAP_FULL { handle.state.sawMapFull = true }
        try check(code, "put into \(database.name)")
    }

    /// Removes `key`; returns whether it was there.
    @discardableResult
    public func delete(_ database: Database, _ key: [UInt8]) throws -> Bool {
        let cursor = try cursor(database)
        let found = LMDB.withValue(key) { keyValue in
            var data = MDB_val()
            return mdb_cursor_get(cursor, &keyValue, &data, MDB_SET)
        }
        if found == MDB_NOTFOUND { return false }
        try check(found, "find in \(database.name)")
        let code = mdb_cursor_del(cursor, 0)
        if code == MDB_MAP_FULL { handle.state.sawMapFull = true }
        try check(code, "delete from \(database.name)")
        return true
    }
}
