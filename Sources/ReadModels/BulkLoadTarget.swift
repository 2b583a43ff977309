public import LMDB

/// Where `ReadModelStore.putAll` puts the tables it loads in key order: the records
/// of groups, SIMs, numbers and subscribers, and every `rm.index` entry. By default
/// into the store's own tables (`StoreAppendTarget`); a read-model check gives one
/// that compares each entry with the stored table instead of writing it, so a check
/// of ten million events does not first write a second copy of the large tables.
public protocol BulkLoadTarget {
    /// Runs `body` with a function that takes the entries of `database` (a table of
    /// the store being loaded) one by one, in ascending key order, each once.
    func load<R>(
        _ database: Database,
        _ body: (_ put: (_ key: UnsafeRawBufferPointer, _ value: UnsafeRawBufferPointer) throws -> Void) throws -> R
    ) throws -> R
}

/// Appends into an empty table of the transaction with MDB_APPEND, in steps of
/// nested transactions (`withSteppedAppender`).
struct StoreAppendTarget: BulkLoadTarget {
    let txn: TransactionReference

    func load<R>(
        _ database: Database,
        _ body: (_ put: (_ key: UnsafeRawBufferPointer, _ value: UnsafeRawBufferPointer) throws -> Void) throws -> R
    ) throws -> R {
        try txn.withSteppedAppender(database) { appender in
            try body { key, value in try appender.append(key: key, value: value) }
        }
    }
}
