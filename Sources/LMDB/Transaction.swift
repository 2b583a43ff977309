internal import CLMDB

/// The transaction pointer, kept out of the public API: no C type leaves this module.
public struct TransactionHandle {
    let state: TransactionState
    private let rawPointer: OpaquePointer

    init(pointer: OpaquePointer, state: TransactionState) {
        self.rawPointer = pointer
        self.state = state
    }

    /// The C transaction. A `TransactionReference` can be kept past its transaction by
    /// mistake: that is a programming error caught here, not a use of freed memory.
    var pointer: OpaquePointer {
        precondition(state.isOpen, "an LMDB transaction was used after it ended")
        return rawPointer
    }
}

/// What read and write transactions share: lookups and cursors. Every value handed
/// out is either copied or lent to a closure that cannot keep it (lmdb.h: values
/// "are only valid until a subsequent update operation, or the end of the transaction").
public protocol ReadableTransaction: ~Copyable {
    var _handle: TransactionHandle { get }
}

public struct ReadTransaction: ReadableTransaction, ~Copyable {
    public let _handle: TransactionHandle
    init(handle: TransactionHandle) { _handle = handle }
}

public struct WriteTransaction: ReadableTransaction, ~Copyable {
    public let _handle: TransactionHandle
    init(handle: TransactionHandle) { _handle = handle }
}

/// Options for `put`.
public struct PutFlags: OptionSet, Sendable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// Fail with `LMDBError.keyExists` when the key is already there.
    public static let noOverwrite = PutFlags(rawValue: UInt32(MDB_NOOVERWRITE))
    /// The key sorts after every key in the database: LMDB skips the search and fills
    /// pages fully. An out-of-order key fails with `LMDBError.keyExists`, which
    /// catches a broken sequence.
    public static let append = PutFlags(rawValue: UInt32(MDB_APPEND))
    /// In a database of sorted duplicates: the value sorts after every value of its
    /// key. An out-of-order value fails with `LMDBError.keyExists`.
    public static let appendDuplicate = PutFlags(rawValue: UInt32(MDB_APPENDDUP))
}

@inline(__always)
func withValue<R>(_ bytes: [UInt8], _ body: (inout MDB_val) throws -> R) rethrows -> R {
    try bytes.withUnsafeBytes { buffer in
        var value = MDB_val(mv_size: buffer.count, mv_data: UnsafeMutableRawPointer(mutating: buffer.baseAddress))
        return try body(&value)
    }
}

@inline(__always)
func buffer(_ value: MDB_val) -> UnsafeRawBufferPointer {
    UnsafeRawBufferPointer(start: value.mv_data, count: value.mv_size)
}

extension ReadableTransaction where Self: ~Copyable {
    var txn: OpaquePointer { _handle.pointer }

    /// The id of the snapshot this transaction reads (`mdb_txn_id`): two read
    /// transactions with the same id see the same data, whichever thread reads it.
    public var snapshotID: Int { mdb_txn_id(txn) }

    /// A copy of the value stored under `key`, or nil.
    public func get(_ database: Database, _ key: [UInt8]) throws -> [UInt8]? {
        try withValue(database, key) { [UInt8]($0) }
    }

    /// Lends the stored value to `body` without copying it; nil when the key is absent.
    public func withValue<R>(
        _ database: Database, _ key: [UInt8], _ body: (UnsafeRawBufferPointer) throws -> R
    ) throws -> R? {
        try key.withUnsafeBytes { key in try withValue(database, key: key, body) }
    }

    /// The same, for a key read in place (one built on the stack).
    public func withValue<R>(
        _ database: Database, key: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) throws -> R
    ) throws -> R? {
        var keyValue = MDB_val(mv_size: key.count, mv_data: UnsafeMutableRawPointer(mutating: key.baseAddress))
        var data = MDB_val()
        let code = mdb_get(txn, database.dbi, &keyValue, &data)
        if code == MDB_NOTFOUND { return nil }
        try check(code, "get from \(database.name)")
        return try body(buffer(data))
    }

    public func contains(_ database: Database, _ key: [UInt8]) throws -> Bool {
        try withValue(database, key) { _ in true } ?? false
    }

    /// The number of entries in the database.
    public func count(_ database: Database) throws -> Int {
        var stat = MDB_stat()
        try check(mdb_stat(txn, database.dbi, &stat), "stat \(database.name)")
        return stat.ms_entries
    }

    /// Visits entries in key order from the first key >= `start` (or the first key),
    /// or, with `reverse`, in descending order from the last key <= `start` (or the
    /// last key). `body` returns false to stop. The buffers are valid only during the call.
    public func forEach(
        _ database: Database,
        from start: [UInt8]? = nil,
        reverse: Bool = false,
        _ body: (_ key: UnsafeRawBufferPointer, _ value: UnsafeRawBufferPointer) throws -> Bool
    ) throws {
        var cursor: OpaquePointer?
        try check(mdb_cursor_open(txn, database.dbi, &cursor), "open cursor on \(database.name)")
        defer { mdb_cursor_close(cursor) }
        var key = MDB_val()
        var data = MDB_val()
        var code: Int32
        if let start {
            code = LMDB.withValue(start) { startKey in
                key = startKey
                return mdb_cursor_get(cursor, &key, &data, MDB_SET_RANGE)
            }
            if reverse {
                if code == MDB_NOTFOUND {
                    code = mdb_cursor_get(cursor, &key, &data, MDB_LAST)
                } else if code == 0 && !buffer(key).elementsEqual(start) {
                    code = mdb_cursor_get(cursor, &key, &data, MDB_PREV)
                }
            }
        } else {
            code = mdb_cursor_get(cursor, &key, &data, reverse ? MDB_LAST : MDB_FIRST)
        }
        let step = reverse ? MDB_PREV : MDB_NEXT
        while code == 0 {
            guard try body(buffer(key), buffer(data)) else { return }
            code = mdb_cursor_get(cursor, &key, &data, step)
        }
        if code != MDB_NOTFOUND { try check(code, "walk \(database.name)") }
    }

    /// The last entry (largest key), copied.
    public func last(_ database: Database) throws -> (key: [UInt8], value: [UInt8])? {
        var found: (key: [UInt8], value: [UInt8])?
        try forEach(database, reverse: true) { key, value in
            found = ([UInt8](key), [UInt8](value))
            return false
        }
        return found
    }
}

/// Write operations, shared by `WriteTransaction` and its `TransactionReference`.
public protocol WritableTransaction: ReadableTransaction, ~Copyable {}

extension WriteTransaction: WritableTransaction {
    /// A copyable reference to this transaction, for code that needs a value it can
    /// store in a struct (a read-model store handed to `decide` and `evolve`). It is
    /// valid only until the transaction ends; any use after that traps.
    public var reference: TransactionReference { TransactionReference(_handle: _handle) }
}

extension ReadTransaction {
    public var reference: TransactionReference { TransactionReference(_handle: _handle) }
}

/// See `WriteTransaction.reference`. Writes through a reference to a read
/// transaction fail with LMDB's EACCES.
public struct TransactionReference: WritableTransaction {
    public let _handle: TransactionHandle
}

extension WritableTransaction where Self: ~Copyable {
    /// Stores `value` under `key`.
    public func put(_ database: Database, _ key: [UInt8], _ value: [UInt8], flags: PutFlags = []) throws {
        let code = LMDB.withValue(key) { keyValue in
            LMDB.withValue(value) { dataValue in
                mdb_put(txn, database.dbi, &keyValue, &dataValue, flags.rawValue)
            }
        }
        if code == MDB_MAP_FULL { _handle.state.sawMapFull = true }
        try check(code, "put into \(database.name)")
    }

    /// Stores `value` under `key`, both lent as buffers (no array needed: the hot
    /// path of bulk appends builds its keys in place).
    public func put(
        _ database: Database, key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer, flags: PutFlags = []
    ) throws {
        var keyValue = MDB_val(mv_size: key.count, mv_data: UnsafeMutableRawPointer(mutating: key.baseAddress))
        var dataValue = MDB_val(mv_size: value.count, mv_data: UnsafeMutableRawPointer(mutating: value.baseAddress))
        let code = mdb_put(txn, database.dbi, &keyValue, &dataValue, flags.rawValue)
        if code == MDB_MAP_FULL { _handle.state.sawMapFull = true }
        try check(code, "put into \(database.name)")
    }

    /// Removes `key`; returns whether it was there.
    @discardableResult
    public func delete(_ database: Database, _ key: [UInt8]) throws -> Bool {
        let code = LMDB.withValue(key) { keyValue in mdb_del(txn, database.dbi, &keyValue, nil) }
        if code == MDB_NOTFOUND { return false }
        if code == MDB_MAP_FULL { _handle.state.sawMapFull = true }
        try check(code, "delete from \(database.name)")
        return true
    }

    /// Removes every entry of the database (keeps the database itself).
    public func clear(_ database: Database) throws {
        let code = mdb_drop(txn, database.dbi, 0)
        if code == MDB_MAP_FULL { _handle.state.sawMapFull = true }
        try check(code, "clear \(database.name)")
    }
}
