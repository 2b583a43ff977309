internal import CLMDB

extension WritableTransaction where Self: ~Copyable {
    /// Runs `body` with an appender that puts entries into `database`, in ascending key
    /// order after its last key (MDB_APPEND), through a run of transactions nested in
    /// this one: a new one every `entriesPerStep` entries. When `body` returns, every
    /// entry has joined this transaction, to be committed or aborted with it; when it
    /// throws, the entries of the step under way are undone and the error rethrown
    /// (the earlier steps stay: the caller aborts this transaction). This transaction
    /// must not be used while `body` runs (it is marked closed meanwhile, so a use
    /// stops on the precondition of `TransactionHandle.pointer`).
    ///
    /// Why steps: LMDB keeps the pages a write transaction has dirtied in one array
    /// sorted by page number, and puts each page it dirties into it with a binary search
    /// and a move of every entry above it (`mdb_mid2l_insert`). A long write into a
    /// store with a free list takes pages from it wherever they are: a rebuild's index
    /// got pages from the middle of the file after its records had taken pages from the
    /// top, and each of ~50,000 index pages moved ~40,000 entries (2.7 s of a replay of
    /// 10 million events, on one thread). A nested transaction has a list of its own,
    /// which its commit merges into its parent's in one linear pass.
    public func withSteppedAppender<R>(
        _ database: Database, entriesPerStep: Int = 65_536, _ body: (borrowing SteppedAppender) throws -> R
    ) throws -> R {
        precondition(entriesPerStep > 0, "a step holds at least one entry")
        let steps = AppendSteps(
            parent: txn, parentState: _handle.state, database: database, entriesPerStep: entriesPerStep)
        _handle.state.isOpen = false
        defer { _handle.state.isOpen = true }
        do {
            let result = try body(SteppedAppender(steps: steps))
            try steps.commitStep()
            return result
        } catch {
            steps.abortStep()
            throw error
        }
    }
}

/// Lent by `withSteppedAppender`; valid only inside that call.
public struct SteppedAppender: ~Copyable {
    fileprivate let steps: AppendSteps

    /// Stores `value` under `key`, which must sort after every key already in the
    /// database (else `LMDBError.keyExists`).
    public func append(key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer) throws {
        try steps.append(key: key, value: value)
    }
}

/// The nested transaction under way, its cursor, and how many entries it holds.
private final class AppendSteps {
    let parent: OpaquePointer
    let parentState: TransactionState
    let database: Database
    let entriesPerStep: Int
    private var step: (txn: OpaquePointer, cursor: OpaquePointer)?
    private var entriesInStep = 0

    init(parent: OpaquePointer, parentState: TransactionState, database: Database, entriesPerStep: Int) {
        self.parent = parent
        self.parentState = parentState
        self.database = database
        self.entriesPerStep = entriesPerStep
    }

    func append(key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer) throws {
        let (_, cursor) = try step ?? beginStep()
        var keyValue = MDB_val(mv_size: key.count, mv_data: UnsafeMutableRawPointer(mutating: key.baseAddress))
        var dataValue = MDB_val(mv_size: value.count, mv_data: UnsafeMutableRawPointer(mutating: value.baseAddress))
        let code = mdb_cursor_put(cursor, &keyValue, &dataValue, UInt32(MDB_APPEND))
        // A full map is the parent's to see: `Environment.write` grows it and runs the change again.
        if code == MDB_MAP_FULL { parentState.sawMapFull = true }
        try check(code, "put into \(database.name)")
        entriesInStep += 1
        if entriesInStep == entriesPerStep { try commitStep() }
    }

    private func beginStep() throws -> (txn: OpaquePointer, cursor: OpaquePointer) {
        var txn: OpaquePointer?
        try check(mdb_txn_begin(mdb_txn_env(parent), parent, 0, &txn), "begin nested write")
        var cursor: OpaquePointer?
        let code = mdb_cursor_open(txn, database.dbi, &cursor)
        guard code == 0 else {
            mdb_txn_abort(txn)
            throw LMDBError(code: code, operation: "open cursor on \(database.name)")
        }
        step = (txn!, cursor!)
        entriesInStep = 0
        return step!
    }

    /// Joins the step under way (if any) to the parent.
    func commitStep() throws {
        guard let (txn, cursor) = step else { return }
        step = nil
        mdb_cursor_close(cursor)
        // mdb_txn_commit frees the nested transaction even when it fails.
        let code = mdb_txn_commit(txn)
        if code == MDB_MAP_FULL { parentState.sawMapFull = true }
        try check(code, "commit nested write")
    }

    /// Undoes the step under way (if any).
    func abortStep() {
        guard let (txn, cursor) = step else { return }
        step = nil
        mdb_cursor_close(cursor)
        mdb_txn_abort(txn)
    }
}
