import LMDB
import Provisioning

extension ReadModelStore {
    /// Writes a whole state into these read models, which must be empty: each record
    /// once, table by table in key order, with its indexes and counters as its `put`
    /// builds them, and the event counters. The caller finishes the store
    /// (`finish(checkpoint:)`).
    ///
    /// A bulk load: the records of the indexed tables go in through one cursor a
    /// chunk with MDB_APPEND (they come in key order), and the index entries are
    /// collected and written in key order the same way (`IndexEntryBuffer`), so no
    /// put descends the tree and every leaf page is filled whole. The keys, records
    /// and index entries are built on another thread (`BulkLoadEncoder`) while this
    /// one puts those already built.
    public mutating func putAll(_ state: KeyOrderedState, eventCounts: [(type: String, count: Int64)]) throws {
        let encoder = BulkLoadEncoder(state)
        do {
            // The tables without indexes, while the encoder starts.
            if let distributor = state.distributor { try putDistributor(distributor) }
            for record in state.users { try putUser(record) }
            for record in state.pbxs { try putPBX(record) }
            for record in state.products { try putProduct(record) }
            for record in state.bundles { try putBundle(record) }
            for record in state.roamingPolicies { try putRoamingPolicy(record) }
            for record in state.networkProfiles { try putNetworkProfile(record) }
            for record in state.resellers { try putReseller(record) }
            while let chunk = encoder.next() {
                try txn.withWriteCursor(database(of: chunk.table)) { cursor in
                    try chunk.forEach { key, value in try cursor.put(key: key, value: value, flags: .append) }
                }
            }
        } catch {
            encoder.cancel()
            throw error
        }
        for (counter, delta) in try encoder.finish() { bump(counter, delta) }
        for (type, count) in eventCounts where count > 0 { countEvents(type: type, count) }
        if let error = failureError { throw error }
    }

    private func database(of table: BulkLoadEncoder.Table) -> Database {
        switch table {
        case .groups: tables.groups
        case .sims: tables.sims
        case .numbers: tables.numbers
        case .subscribers: tables.subscribers
        case .index: tables.index
        }
    }
}
