import LMDB
import Provisioning

extension ReadModelStore {
    /// Writes a whole state into these read models, which must be empty: each record
    /// once, table by table in key order, with its indexes and counters as its `put`
    /// builds them, and the event counters. The caller finishes the store
    /// (`finish(checkpoint:)`).
    ///
    /// A bulk load: the records of the large tables go in through one cursor each
    /// with MDB_APPEND (they come in key order), and the index entries are collected
    /// and written in key order the same way (`IndexEntryBuffer`), so no put descends
    /// the tree and every leaf page is filled whole.
    public mutating func putAll(_ state: KeyOrderedState, eventCounts: [(type: String, count: Int64)]) throws {
        // A SIM has up to five index entries (status, reseller, group, pool, IMSI), a
        // number one, a subscriber three.
        let index = IndexEntryBuffer(
            expectedEntries: 5 * state.sims.count + state.numbers.count + 3 * state.subscribers.count)
        bulkIndex = index
        defer { bulkIndex = nil }
        if let distributor = state.distributor { try putDistributor(distributor) }
        for record in state.users { try putUser(record) }
        for record in state.pbxs { try putPBX(record) }
        for record in state.products { try putProduct(record) }
        for record in state.bundles { try putBundle(record) }
        for record in state.roamingPolicies { try putRoamingPolicy(record) }
        for record in state.networkProfiles { try putNetworkProfile(record) }
        for record in state.resellers { try putReseller(record) }
        for record in state.groups { try putGroup(record) }
        try append(state.sims, into: tables.sims, key: { IndexKey.sortKey(digits: $0.iccid.rawValue) }) { store, record in
            try store.updateSIMIndexes(from: nil, to: record)
        }
        try append(state.numbers, into: tables.numbers, key: { IndexKey.sortKey(digits: $0.number.rawValue) }) {
            store, record in try store.updateNumberIndexes(from: nil, to: record)
        }
        try append(state.subscribers, into: tables.subscribers, key: { Self.key($0.subUID) }) { store, record in
            try store.updateSubscriberIndexes(from: nil, to: record)
        }
        for (type, count) in eventCounts where count > 0 { countEvents(type: type, count) }
        try index.write(into: tables.index, in: txn)
        if let error = failureError { throw error }
    }

    /// Appends records given in key order to an empty table, each with its indexes.
    private mutating func append<R: StoredRecord>(
        _ records: RecordsInKeyOrder<R>, into database: Database, key: (R) -> [UInt8],
        indexes: (inout ReadModelStore, R) throws -> Void
    ) throws {
        try txn.withWriteCursor(database) { cursor in
            try records.forEach { record in
                let value = record.encoded
                try key(record).withUnsafeBytes { key in
                    try value.withUnsafeBytes { value in try cursor.put(key: key, value: value, flags: .append) }
                }
                try indexes(&self, record)
            }
        }
    }
}
