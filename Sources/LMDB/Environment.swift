internal import CLMDB
import Threads
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An LMDB environment (a directory holding `data.mdb` and `lock.mdb`) with its
/// named databases opened.
///
/// lmdb.h: "Do not have open an LMDB database twice in the same process at the same
/// time", so a process opens a store once and shares this object. Several processes
/// may open the same store: LMDB serializes their writers and never blocks readers.
public final class Environment: @unchecked Sendable {
    public struct Options: Sendable {
        /// The initial map size; it grows (doubling) whenever a write finds it full.
        public var mapSize: Int = 64 << 20
        /// Slots in the reader table: one per concurrent read transaction, across processes.
        public var maxReaders: UInt32 = 512
        public var maxDatabases: UInt32 = 64
        /// Skip the fsync at commit. Only for throwaway stores (tests, benchmarks of CPU cost).
        public var noSync: Bool = false
        // No MDB_WRITEMAP, on purpose (docs/storage.md, "Why no MDB_WRITEMAP"): with it a
        // full disk kills the writer with SIGBUS instead of failing its write, and LMDB 0.9
        // truncates the data file to each opener's map size, under other processes' maps.

        public init() {}
    }

    let env: OpaquePointer
    public let path: String
    public let databaseNames: [String]
    private var databasesByName: [String: Database] = [:]
    private let resizeLock = ReadWriteLock()
    private let groupCommit = GroupCommitQueue()
    /// Set when a map resize failed and LMDB was left without a map: every later
    /// transaction is refused with this error instead of touching unmapped memory.
    private var lostMap: LMDBError?

    /// Opens (creating when absent) the environment at `path` and the named databases.
    /// Files are created owner-only (directory 0700, files 0600). Reader slots left by
    /// processes that died are cleared.
    ///
    /// The databases named in `fixedSizeDuplicates` are created with MDB_DUPSORT and
    /// MDB_DUPFIXED: a key holds any number of values, all of one size, kept sorted
    /// (see `WriteCursor`). The flags are stored with a database, so an existing one
    /// keeps those it was created with.
    @available(*, noasync)
    public init(
        path: String, databases: [String], fixedSizeDuplicates: Set<String> = [], options: Options = Options()
    ) throws {
        self.path = path
        self.databaseNames = databases
        // mkdir and open apply the process's umask: a directory or file created here is
        // set to exactly 0700 / 0600 afterwards, so that a umask such as 0277 cannot
        // leave the owner without write access (and none can add access for others).
        if mkdir(path, 0o700) == 0 {
            chmod(path, 0o700)
        } else if errno != EEXIST {
            throw LMDBError(code: errno, operation: "create directory \(path)")
        }
        let files = [path + "/data.mdb", path + "/lock.mdb"]
        let created = files.filter { access($0, F_OK) != 0 }
        var handle: OpaquePointer?
        try check(mdb_env_create(&handle), "create environment")
        guard let handle else { throw LMDBError(code: MDB_PANIC, operation: "create environment") }
        env = handle
        do {
            try check(mdb_env_set_maxreaders(env, options.maxReaders), "set max readers")
            try check(mdb_env_set_maxdbs(env, MDB_dbi(options.maxDatabases)), "set max databases")
            try check(mdb_env_set_mapsize(env, options.mapSize), "set map size")
            // MDB_NOTLS: read transactions are not tied to a thread, so Swift code may
            // run them from any thread and hold several at once.
            var flags = UInt32(MDB_NOTLS)
            if options.noSync { flags |= UInt32(MDB_NOSYNC) }
            try check(mdb_env_open(env, path, flags, 0o600), "open \(path)")
            for file in created { chmod(file, 0o600) }
            var dead: Int32 = 0
            try check(mdb_reader_check(env, &dead), "check readers")
            try openDatabases(databases, fixedSizeDuplicates: fixedSizeDuplicates)
        } catch {
            mdb_env_close(env)
            throw error
        }
    }

    deinit {
        mdb_env_close(env)
    }

    /// The handle of a named database given at open.
    public func database(_ name: String) -> Database {
        guard let database = databasesByName[name] else {
            preconditionFailure("database \(name) was not opened with the environment")
        }
        return database
    }

    /// Opens existing databases in a read transaction, so that opening a store never
    /// waits for a long writer; creates the missing ones in one write transaction.
    private func openDatabases(_ names: [String], fixedSizeDuplicates: Set<String>) throws {
        var missing: [String] = []
        try runRead { txn in
            for name in names {
                var dbi: MDB_dbi = 0
                let code = mdb_dbi_open(txn, name, 0, &dbi)
                if code == MDB_NOTFOUND {
                    missing.append(name)
                } else {
                    try check(code, "open database \(name)")
                    databasesByName[name] = Database(name: name, dbi: dbi)
                }
            }
            // Committing (not aborting) keeps the handles opened in a read transaction.
            return true
        }
        guard !missing.isEmpty else { return }
        try runWrite { txn in
            for name in missing {
                var dbi: MDB_dbi = 0
                var flags = UInt32(MDB_CREATE)
                if fixedSizeDuplicates.contains(name) { flags |= UInt32(MDB_DUPSORT | MDB_DUPFIXED) }
                try check(mdb_dbi_open(txn, name, flags, &dbi), "create database \(name)")
                databasesByName[name] = Database(name: name, dbi: dbi)
            }
        }
    }

    // MARK: Transactions

    /// Runs `body` in a read transaction: one consistent snapshot, never blocked by writers.
    /// The transaction, and every value pointer read in it, is valid only inside `body`.
    @available(*, noasync)
    public func read<T>(_ body: (borrowing ReadTransaction) throws -> T) throws -> T {
        var result: T?
        try runRead { txn in
            let state = TransactionState()
            defer { state.isOpen = false }
            result = try body(ReadTransaction(handle: TransactionHandle(pointer: txn, state: state)))
            return false
        }
        return result!
    }

    /// Runs `body` in a write transaction: committed when `body` returns, aborted when it
    /// throws (the first error is rethrown). LMDB allows one writer at a time across all
    /// processes; this call waits for its turn.
    ///
    /// When the map is full the transaction is aborted, the map doubled and `body` run
    /// again from the start, so `body` must not keep effects outside the transaction.
    @available(*, noasync)
    public func write<T>(_ body: (borrowing WriteTransaction) throws -> T) throws -> T {
        while true {
            let state = TransactionState()
            var result: T?
            var writeback: StoppableTask?
            defer { writeback?.stop() }
            do {
                try runWrite { txn in
                    defer { state.isOpen = false }
                    result = try body(WriteTransaction(handle: TransactionHandle(pointer: txn, state: state)))
                    // The commit follows, on return.
                    writeback = state.commitRange.map(startCommitWriteback)
                }
                return result!
            } catch {
                // A put that met MDB_MAP_FULL leaves the transaction unusable: whatever
                // error reached us, grow and rerun.
                if state.sawMapFull || (error as? LMDBError)?.code == MDB_MAP_FULL {
                    try growMap()
                    continue
                }
                throw error
            }
        }
    }

    /// Like `write`, but the transaction may be shared with the writes that other threads
    /// of this process ask for at the same moment, and committed once for all of them
    /// (group commit, see `GroupCommitQueue`): `body` runs in a transaction nested in the
    /// shared one, so when it throws only its own writes are undone, and this call returns
    /// only after the shared commit. `body` may run on another waiting thread; it must
    /// not itself start a write of this environment.
    ///
    /// `runsAlone`: the write is committed in a transaction of its own, on this thread
    /// (a bulk change, or one that reports progress).
    @available(*, noasync)
    public func groupedWrite<T>(
        runsAlone: Bool = false, _ body: @escaping (borrowing WriteTransaction) throws -> T
    ) throws -> T {
        var result: T?
        let write = GroupCommitQueue.PendingWrite(runsAlone: runsAlone) { txn in result = try body(txn) }
        groupCommit.run(write, in: self)
        if let error = write.error { throw error }
        return result!
    }

    private func runRead(_ body: (OpaquePointer) throws -> Bool) throws {
        try runTransaction(flags: UInt32(MDB_RDONLY)) { txn in
            do {
                let keep = try body(txn)
                if keep { try check(mdb_txn_commit(txn), "commit read") } else { mdb_txn_abort(txn) }
            } catch {
                mdb_txn_abort(txn)
                throw error
            }
        }
    }

    private func runWrite(_ body: (OpaquePointer) throws -> Void) throws {
        try runTransaction(flags: 0) { txn in
            do {
                try body(txn)
            } catch {
                mdb_txn_abort(txn)
                throw error
            }
            // mdb_txn_commit frees the transaction even when it fails.
            try check(mdb_txn_commit(txn), "commit")
        }
    }

    /// Begins a transaction under the shared side of the resize lock and runs `body`,
    /// which must end it. When another process grew the map, LMDB answers
    /// MDB_MAP_RESIZED: adopt the new size (lmdb.h: mdb_env_set_mapsize with 0, with
    /// no transaction active in this process, hence the exclusive lock) and begin again.
    private func runTransaction(flags: UInt32, _ body: (OpaquePointer) throws -> Void) throws {
        while true {
            let began: Bool = try resizeLock.withShared {
                if let lostMap { throw lostMap }
                var txn: OpaquePointer?
                let code = mdb_txn_begin(env, nil, flags, &txn)
                if code == MDB_MAP_RESIZED { return false }
                try check(code, flags & UInt32(MDB_RDONLY) != 0 ? "begin read" : "begin write")
                try body(txn!)
                return true
            }
            if began { return }
            try resizeLock.withExclusive {
                try resize(to: 0, "adopt the map size grown by another process")
            }
        }
    }

    /// Grows the map (doubling) until at least `bytes` lie free past the pages in use.
    /// A write that meets MDB_MAP_FULL is aborted and run again from the start on a
    /// doubled map, so a change of a million events on a small map would run four or
    /// five times over; reserving room for it first runs it once. Call it outside a
    /// transaction (it waits for this process's transactions to end). The data file
    /// grows only as pages are written: a larger map costs address space, not disk.
    public func reserve(freeBytes bytes: Int) throws {
        try resizeLock.withExclusive {
            let current = info
            var size = current.mapSize
            while size - current.usedBytes < bytes { size *= 2 }
            if size != current.mapSize {
                try check(mdb_env_set_mapsize(env, size), "grow map to \(size) bytes")
            }
        }
    }

    private func growMap() throws {
        try resizeLock.withExclusive {
            let current = info.mapSize
            try resize(to: current * 2, "grow map to \(current * 2) bytes")
        }
    }

    /// `mdb_env_set_mapsize` on an open environment, under the exclusive resize lock.
    /// LMDB (0.9) unmaps the old map before it maps the new one: when the new mmap fails
    /// (no address space left) the environment has no map at all, and even
    /// `mdb_env_info` would read unmapped memory. Only EINVAL (a transaction still
    /// open) comes before the unmap. After any other failure this environment refuses
    /// every later transaction with the error; the process must open the store again.
    private func resize(to size: Int, _ operation: @autoclosure () -> String) throws {
        let code = mdb_env_set_mapsize(env, size)
        guard code != 0 else { return }
        let error = LMDBError(code: code, operation: operation())
        if code != EINVAL { lostMap = error }
        throw error
    }

    // MARK: Information

    public struct Info: Sendable {
        public var mapSize: Int
        public var lastPageNumber: Int
        public var pageSize: Int
        public var maxReaders: Int
        public var readersInUse: Int
        /// The id of the last committed write transaction: it grows by one a commit.
        public var lastTransactionID: Int
        /// Bytes of the data file in use (pages up to the last used one).
        public var usedBytes: Int { (lastPageNumber + 1) * pageSize }
    }

    public var info: Info { Self.info(of: env) }

    /// The same for an environment known by its C pointer (inside a transaction).
    static func info(of env: OpaquePointer) -> Info {
        var envInfo = MDB_envinfo()
        mdb_env_info(env, &envInfo)
        var stat = MDB_stat()
        mdb_env_stat(env, &stat)
        return Info(
            mapSize: envInfo.me_mapsize, lastPageNumber: envInfo.me_last_pgno, pageSize: Int(stat.ms_psize),
            maxReaders: Int(envInfo.me_maxreaders), readersInUse: Int(envInfo.me_numreaders),
            lastTransactionID: envInfo.me_last_txnid)
    }

    /// Clears reader slots of processes that died; returns how many were cleared.
    @discardableResult
    public func clearStaleReaders() throws -> Int {
        var dead: Int32 = 0
        try check(mdb_reader_check(env, &dead), "check readers")
        return Int(dead)
    }

    /// Flushes the data to disk (useful after writes made with `noSync`).
    public func sync() throws {
        try check(mdb_env_sync(env, 1), "sync")
    }
}

/// Tracks what happened in a transaction that the caller's error may hide, and
/// whether it is still open (a `TransactionReference` checks it on every call).
final class TransactionState {
    var sawMapFull = false
    var isOpen = true
    /// A transaction nested in another (`nested`): its parent's pages may lie past the
    /// end of the data file as it was when this one began.
    var isNested = false
    /// Where the commit's new pages go, when the transaction's body said so
    /// (`withFileTailWarmed`): their writeback is started while the commit writes
    /// them (`startCommitWriteback`).
    var commitRange: FileRange?
}
