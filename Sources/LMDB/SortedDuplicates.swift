internal import CLMDB

// Databases of sorted duplicates (MDB_DUPSORT | MDB_DUPFIXED, see
// `Environment.init(path:databases:fixedSizeDuplicates:options:)`): one key, many
// values of one size, in value order. A plain `forEach` visits every (key, value)
// pair; these read and remove single pairs, and `WriteCursor` writes them in bulk.

extension ReadableTransaction where Self: ~Copyable {
    /// Whether the pair (`key`, `value`) is stored.
    public func contains(_ database: Database, key: [UInt8], value: [UInt8]) throws -> Bool {
        try withCursor(database) { cursor in
            LMDB.withValue(key) { keyValue in
                LMDB.withValue(value) { dataValue in mdb_cursor_get(cursor, &keyValue, &dataValue, MDB_GET_BOTH) }
            }
        }
    }

    /// Visits the values of `key` in order, from the first one >= `start` (or the
    /// first); `body` returns false to stop. The buffers are valid only during the call.
    public func forEachValue(
        _ database: Database, key: [UInt8], from start: [UInt8]? = nil,
        _ body: (UnsafeRawBufferPointer) throws -> Bool
    ) throws {
        var cursor: OpaquePointer?
        try check(mdb_cursor_open(txn, database.dbi, &cursor), "open cursor on \(database.name)")
        defer { mdb_cursor_close(cursor) }
        var data = MDB_val()
        var code = LMDB.withValue(key) { keyValue in
            if let start {
                return LMDB.withValue(start) { startValue in
                    data = startValue
                    return mdb_cursor_get(cursor, &keyValue, &data, MDB_GET_BOTH_RANGE)
                }
            }
            return mdb_cursor_get(cursor, &keyValue, &data, MDB_SET_KEY)
        }
        var unused = MDB_val()
        while code == 0 {
            guard try body(buffer(data)) else { return }
            code = mdb_cursor_get(cursor, &unused, &data, MDB_NEXT_DUP)
        }
        if code != MDB_NOTFOUND { try check(code, "walk \(database.name)") }
    }

    /// Visits every key of a fixed-size-duplicates database in order with its values,
    /// a page of them at a time (MDB_GET_MULTIPLE / MDB_NEXT_MULTIPLE): `body` gets
    /// the key and some of its values back to back, in order, and is called again
    /// with the same key while the key has more. `body` returns false to stop. A scan
    /// of the whole tag index this way makes one call per page, not one per entry.
    public func forEachValueRun(
        _ database: Database, _ body: (_ key: UnsafeRawBufferPointer, _ values: UnsafeRawBufferPointer) throws -> Bool
    ) throws {
        var cursor: OpaquePointer?
        try check(mdb_cursor_open(txn, database.dbi, &cursor), "open cursor on \(database.name)")
        defer { mdb_cursor_close(cursor) }
        var key = MDB_val()
        var first = MDB_val()
        var code = mdb_cursor_get(cursor, &key, &first, MDB_FIRST)
        while code == 0 {
            // A key with one value has no duplicates page: MDB_GET_MULTIPLE then
            // succeeds and leaves `values` as it was, so it starts as that value.
            var values = first
            var unusedKey = MDB_val()
            try check(mdb_cursor_get(cursor, &unusedKey, &values, MDB_GET_MULTIPLE), "read \(database.name)")
            guard try body(buffer(key), buffer(values)) else { return }
            while true {
                let next = mdb_cursor_get(cursor, &unusedKey, &values, MDB_NEXT_MULTIPLE)
                if next == MDB_NOTFOUND { break }
                try check(next, "walk \(database.name)")
                guard try body(buffer(key), buffer(values)) else { return }
            }
            code = mdb_cursor_get(cursor, &key, &first, MDB_NEXT_NODUP)
        }
        if code != MDB_NOTFOUND { try check(code, "walk \(database.name)") }
    }

    private func withCursor(_ database: Database, _ body: (OpaquePointer?) -> Int32) throws -> Bool {
        var cursor: OpaquePointer?
        try check(mdb_cursor_open(txn, database.dbi, &cursor), "open cursor on \(database.name)")
        defer { mdb_cursor_close(cursor) }
        let code = body(cursor)
        if code == MDB_NOTFOUND { return false }
        try check(code, "get from \(database.name)")
        return true
    }
}

extension WritableTransaction where Self: ~Copyable {
    /// Removes the pair (`key`, `value`), leaving the key's other values; returns
    /// whether it was there.
    @discardableResult
    public func delete(_ database: Database, key: [UInt8], value: [UInt8]) throws -> Bool {
        let code = LMDB.withValue(key) { keyValue in
            LMDB.withValue(value) { dataValue in mdb_del(txn, database.dbi, &keyValue, &dataValue) }
        }
        if code == MDB_NOTFOUND { return false }
        if code == MDB_MAP_FULL { _handle.state.sawMapFull = true }
        try check(code, "delete from \(database.name)")
        return true
    }

    /// Runs `body` with a cursor for writing `database`. Consecutive puts through one
    /// cursor whose keys fall in the same leaf page skip the descent from the root
    /// (LMDB checks the cursor's current page first), so keys put in ascending order
    /// cost less than through `put`.
    public func withWriteCursor<R>(_ database: Database, _ body: (borrowing WriteCursor) throws -> R) throws -> R {
        var cursor: OpaquePointer?
        try check(mdb_cursor_open(txn, database.dbi, &cursor), "open cursor on \(database.name)")
        defer { mdb_cursor_close(cursor) }
        return try body(WriteCursor(pointer: cursor!, database: database, state: _handle.state))
    }
}

/// A write cursor lent by `withWriteCursor`; valid only inside that call.
public struct WriteCursor: ~Copyable {
    let pointer: OpaquePointer
    let database: Database
    let state: TransactionState

    /// Stores `value` under `key`.
    public func put(key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer, flags: PutFlags = []) throws {
        var keyValue = MDB_val(mv_size: key.count, mv_data: UnsafeMutableRawPointer(mutating: key.baseAddress))
        var dataValue = MDB_val(mv_size: value.count, mv_data: UnsafeMutableRawPointer(mutating: value.baseAddress))
        try finish(mdb_cursor_put(pointer, &keyValue, &dataValue, flags.rawValue))
    }

    /// Stores several values of `valueSize` bytes each under `key` in one call
    /// (MDB_MULTIPLE; fixed-size duplicates only). `values` holds them back to back,
    /// in ascending order.
    public func put(key: UnsafeRawBufferPointer, values: UnsafeRawBufferPointer, valueSize: Int, flags: PutFlags = [])
        throws
    {
        precondition(valueSize > 0 && values.count % valueSize == 0, "values are not a whole number of valueSize")
        var keyValue = MDB_val(mv_size: key.count, mv_data: UnsafeMutableRawPointer(mutating: key.baseAddress))
        // lmdb.h: "the data argument must be an array of two MDB_vals": the first gives
        // the size of one value and the start, the second how many.
        var data = (
            MDB_val(mv_size: valueSize, mv_data: UnsafeMutableRawPointer(mutating: values.baseAddress)),
            MDB_val(mv_size: values.count / valueSize, mv_data: nil)
        )
        let code = withUnsafeMutablePointer(to: &data) { pair in
            pair.withMemoryRebound(to: MDB_val.self, capacity: 2) { vals in
                mdb_cursor_put(pointer, &keyValue, vals, flags.rawValue | UInt32(MDB_MULTIPLE))
            }
        }
        try finish(code)
    }

    private func finish(_ code: Int32) throws {
        if code == MDB_MAP_FULL { state.sawMapFull = true }
        try check(code, "put into \(database.name)")
    }
}
