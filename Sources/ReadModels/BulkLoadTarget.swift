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

    /// For a target that can take `rm.index` in parts at once, each on the thread
    /// that derived it (`BulkLoadIndexer`), instead of whole through `load` on the
    /// loading thread; nil (the default) for one that cannot (an LMDB write
    /// transaction is one thread's).
    var indexParts: (any IndexPartsTarget)? { get }
}

extension BulkLoadTarget {
    public var indexParts: (any IndexPartsTarget)? { nil }
}

/// Takes the entries of `rm.index` in parts of its key range, each on a thread of its
/// own, at the same time (`BulkLoadTarget.indexParts`).
public protocol IndexPartsTarget: Sendable {
    /// Takes the entries whose keys are from `lower` (nil: the first) up to before
    /// `upper` (nil: to the last), part `part` of the index's `parts` (in key order
    /// from 0), in ascending key order, each once, as `body` puts them. False when it
    /// cannot take them on this thread (`body` is then not called); the whole index is
    /// then loaded through `BulkLoadTarget.load`, which must make the parts taken count
    /// for nothing.
    func load(
        part: Int, of parts: Int, lower: [UInt8]?, upper: [UInt8]?,
        _ body: (_ put: (_ key: UnsafeRawBufferPointer, _ value: UnsafeRawBufferPointer) throws -> Void) throws -> Void
    ) throws -> Bool
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
