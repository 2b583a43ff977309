import LMDB
import Provisioning
import Threads
import WireFormat

extension ReadModelStore {
    /// Writes a whole state into these read models, which must be empty: each record
    /// once, table by table in key order, with its indexes and counters as its `put`
    /// builds them, and the event counters. The caller finishes the store
    /// (`finish(checkpoint:)`).
    ///
    /// A bulk load: the records of the large tables go in through one cursor each
    /// with MDB_APPEND (they come in key order), and the index entries are collected
    /// and written in key order the same way (`IndexEntryBuffer`), so no put descends
    /// the tree and every leaf page is filled whole. Both go in steps of nested
    /// transactions (`withSteppedAppender`), which keep LMDB's list of dirty pages
    /// short. The index entries and counters are derived on other threads
    /// (`BulkLoadIndexer`) while this one writes the records; a target that takes the
    /// index in parts (`BulkLoadTarget.indexParts`) is handed them there.
    ///
    /// `target`: where the large tables and the index go instead, in the same order
    /// (see `BulkLoadTarget`); the small tables and counters are always written here.
    public mutating func putAll(
        _ state: KeyOrderedState, eventCounts: [(type: String, count: Int64)], target: (any BulkLoadTarget)? = nil
    ) throws {
        let target = target ?? StoreAppendTarget(txn: txn)
        let indexer = BulkLoadIndexer(state, parts: target.indexParts)
        do {
            if let distributor = state.distributor { try putDistributor(distributor) }
            for record in state.users { try putUser(record) }
            for record in state.pbxs { try putPBX(record) }
            for record in state.products { try putProduct(record) }
            for record in state.bundles { try putBundle(record) }
            for record in state.roamingPolicies { try putRoamingPolicy(record) }
            for record in state.networkProfiles { try putNetworkProfile(record) }
            for record in state.resellers { try putReseller(record) }
            try append(RecordsInKeyOrder(sorted: state.groups), into: tables.groups, target) { Self.key($0.name) }
            try append(state.sims, into: tables.sims, target) { IndexKey.sortKey(digits: $0.iccid.rawValue) }
            try append(state.numbers, into: tables.numbers, target) { IndexKey.sortKey(digits: $0.number.rawValue) }
            try append(state.subscribers, into: tables.subscribers, target) { Self.key($0.subUID) }
        } catch {
            indexer.cancel()
            throw error
        }
        let counterDeltas = try indexer.takenInParts() ?? target.load(tables.index) { put in try indexer.drain(put) }
        for (counter, delta) in counterDeltas { bump(counter, delta) }
        for (type, count) in eventCounts where count > 0 { countEvents(type: type, count) }
        if let error = failureError { throw error }
    }

    /// Appends records given in key order to an empty table (their indexes are the indexer's).
    private func append<R: StoredRecord>(
        _ records: RecordsInKeyOrder<R>, into database: Database, _ target: any BulkLoadTarget, key: (R) -> [UInt8]
    ) throws {
        var writer = ByteWriter(capacity: 256)
        try target.load(database) { put in
            try records.forEach { record in
                writer.removeAll()
                record.encode(into: &writer)
                try key(record).withUnsafeBytes { key in
                    try writer.bytes.withUnsafeBytes { value in try put(key, value) }
                }
            }
        }
    }
}
