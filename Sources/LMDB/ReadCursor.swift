internal import CLMDB

extension ReadableTransaction where Self: ~Copyable {
    /// Runs `body` with a cursor that walks `database` in key order one step at a
    /// time: for walks that keep two cursors in step (a merge of two tables), which
    /// `forEach`'s closure cannot do.
    public func withReadCursor<R>(_ database: Database, _ body: (inout ReadCursor) throws -> R) throws -> R {
        var cursor: OpaquePointer?
        try check(mdb_cursor_open(txn, database.dbi, &cursor), "open cursor on \(database.name)")
        defer { mdb_cursor_close(cursor) }
        var reader = ReadCursor(pointer: cursor!, database: database)
        return try body(&reader)
    }
}

/// A cursor lent by `withReadCursor`, valid only inside that call. `key` and
/// `value` lend the current entry's bytes until the next move.
public struct ReadCursor: ~Copyable {
    let pointer: OpaquePointer
    let database: Database
    private var started = false
    private var current = (key: MDB_val(), value: MDB_val())

    init(pointer: OpaquePointer, database: Database) {
        self.pointer = pointer
        self.database = database
    }

    /// Moves to the next entry (the first, on the first call); false past the last.
    public mutating func next() throws -> Bool {
        let code = mdb_cursor_get(pointer, &current.key, &current.value, started ? MDB_NEXT : MDB_FIRST)
        started = true
        if code == MDB_NOTFOUND {
            current = (MDB_val(), MDB_val())
            return false
        }
        try check(code, "walk \(database.name)")
        return true
    }

    /// Moves to the first entry whose key is `key` or after it (then `next` goes on
    /// from there); false when there is none.
    public mutating func seek(atLeast key: [UInt8]) throws -> Bool {
        started = true
        let code = key.withUnsafeBytes { bytes in
            current.key = MDB_val(mv_size: bytes.count, mv_data: UnsafeMutableRawPointer(mutating: bytes.baseAddress))
            return mdb_cursor_get(pointer, &current.key, &current.value, MDB_SET_RANGE)
        }
        guard code == 0 else {
            // Not left pointing at `key`, which is gone once this returns.
            current = (MDB_val(), MDB_val())
            if code == MDB_NOTFOUND { return false }
            try check(code, "seek in \(database.name)")
            return false
        }
        return true
    }

    public var key: UnsafeRawBufferPointer { buffer(current.key) }
    public var value: UnsafeRawBufferPointer { buffer(current.value) }
}
