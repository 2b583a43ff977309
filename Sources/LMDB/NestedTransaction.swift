internal import CLMDB

/// A nested transaction's commit failed: LMDB may have left the parent unusable, so
/// the whole parent transaction must be aborted (see `GroupCommitQueue`).
struct NestedCommitFailure: Error {
    let error: LMDBError
}

extension WriteTransaction {
    /// Runs `body` in a write transaction nested in this one (lmdb.h, mdb_txn_begin with a
    /// parent): when `body` returns, its writes join this transaction, to be committed or
    /// aborted with it; when `body` throws, they are undone and this transaction goes on
    /// as it was before. This transaction must not be used while `body` runs.
    ///
    /// A full map seen inside is passed up, so that `Environment.write` grows the map and
    /// runs the whole parent again. A failed nested commit is thrown as
    /// `NestedCommitFailure`: the caller must abort the parent.
    func nested<T>(_ body: (borrowing WriteTransaction) throws -> T) throws -> T {
        var child: OpaquePointer?
        try check(mdb_txn_begin(mdb_txn_env(txn), txn, 0, &child), "begin nested write")
        let state = TransactionState()
        state.isNested = true
        defer { if state.sawMapFull { _handle.state.sawMapFull = true } }
        let result: T
        do {
            result = try body(WriteTransaction(handle: TransactionHandle(pointer: child!, state: state)))
        } catch {
            state.isOpen = false
            mdb_txn_abort(child)
            throw error
        }
        state.isOpen = false
        // mdb_txn_commit frees the nested transaction even when it fails.
        let code = mdb_txn_commit(child)
        if code == MDB_MAP_FULL { state.sawMapFull = true }
        guard code == 0 else { throw NestedCommitFailure(error: LMDBError(code: code, operation: "commit nested write")) }
        return result
    }
}
