public import Provisioning
import LMDB

extension ReadModelStore: InventoryView {
    /// Every record of a table, in key order.
    func all<R: StoredRecord>(_ database: Database, as _: R.Type) throws -> [R] {
        var records: [R] = []
        try txn.forEach(database) { _, value in
            records.append(try R(decoding: value))
            return true
        }
        return records
    }

    private func throwIfFailed() throws {
        if let error = failureError { throw error }
    }

    public func users() throws -> [UserRecord] { try all(tables.users, as: UserRecord.self) }
    public func resellers() throws -> [ResellerRecord] { try all(tables.resellers, as: ResellerRecord.self) }
    public func pbxs() throws -> [PBXRecord] { try all(tables.pbx, as: PBXRecord.self) }

    public func groups(ofReseller reseller: Name?) throws -> [GroupRecord] {
        guard let reseller else { return try all(tables.groups, as: GroupRecord.self) }
        let groups = groupNames(ofReseller: reseller).compactMap(group)
        try throwIfFailed()
        return groups
    }

    /// Walks the narrowest index the filter allows (group, then reseller, then
    /// status), and checks the rest of the filter on each record.
    public func sims(_ filter: SIMFilter) throws -> [SIMRecord] {
        let prefix: [UInt8]
        if let group = filter.group {
            prefix = IndexKey.simsOfGroup(group)
        } else if let reseller = filter.reseller {
            prefix = IndexKey.simsOfReseller(reseller)
        } else if let status = filter.status {
            prefix = IndexKey.simsByStatus(status)
        } else {
            return try all(tables.sims, as: SIMRecord.self)
        }
        var records: [SIMRecord] = []
        try txn.forEach(tables.index, from: prefix) { key, _ in
            guard key.starts(with: prefix) else { return false }
            let simKey = Array(key[prefix.count...])
            if let record = try txn.withValue(tables.sims, simKey, { try SIMRecord(decoding: $0) }),
                filter.matches(record)
            {
                records.append(record)
            }
            return true
        }
        return records
    }

    public func numbers(ofReseller reseller: Name?) throws -> [NumberRecord] {
        guard let reseller else { return try all(tables.numbers, as: NumberRecord.self) }
        let prefix = IndexKey.numbersOfReseller(reseller)
        var records: [NumberRecord] = []
        try txn.forEach(tables.index, from: prefix) { key, _ in
            guard key.starts(with: prefix) else { return false }
            if let record = try txn.withValue(tables.numbers, Array(key[prefix.count...]), {
                try NumberRecord(decoding: $0)
            }) {
                records.append(record)
            }
            return true
        }
        return records
    }

    public func subscribers(_ filter: SubscriberFilter) throws -> [SubscriberRecord] {
        let prefix: [UInt8]
        if let group = filter.group {
            prefix = IndexKey.subscribersOfGroup(group)
        } else if let reseller = filter.reseller {
            prefix = IndexKey.subscribersOfReseller(reseller)
        } else {
            return try all(tables.subscribers, as: SubscriberRecord.self).filter(filter.matches)
        }
        var records: [SubscriberRecord] = []
        try txn.forEach(tables.index, from: prefix) { key, _ in
            guard key.starts(with: prefix) else { return false }
            if let record = try txn.withValue(tables.subscribers, Array(key[prefix.count...]), {
                try SubscriberRecord(decoding: $0)
            }), filter.matches(record) {
                records.append(record)
            }
            return true
        }
        return records
    }
}

extension ReadModelStore {
    /// Every record of every table put into an in-memory state, in key order.
    public func loadInMemory() throws -> InMemoryState {
        var state = InMemoryState()
        if let distributor = distributor() { state.putDistributor(distributor) }
        for user in try users() { state.putUser(user) }
        for pbx in try pbxs() { state.putPBX(pbx) }
        for record in try all(tables.products, as: ProductRecord.self) { state.putProduct(record) }
        for record in try all(tables.bundles, as: BundleRecord.self) { state.putBundle(record) }
        for record in try all(tables.roamingPolicies, as: RoamingPolicyRecord.self) { state.putRoamingPolicy(record) }
        for record in try all(tables.networkProfiles, as: NetworkProfileRecord.self) { state.putNetworkProfile(record) }
        for record in try resellers() { state.putReseller(record) }
        for record in try groups(ofReseller: nil) { state.putGroup(record) }
        for record in try sims(SIMFilter()) { state.putSIM(record) }
        for record in try numbers(ofReseller: nil) { state.putNumber(record) }
        for record in try all(tables.subscribers, as: SubscriberRecord.self) { state.putSubscriber(record) }
        return state
    }
}

extension ReadModelStore {
    /// Every counter whose name starts with `prefix`, in name order.
    public func counters(withPrefix prefix: String) throws -> [(String, Int64)] {
        let start = Array(prefix.utf8)
        var found: [(String, Int64)] = []
        try txn.forEach(tables.counts, from: start) { key, value in
            guard key.starts(with: start) else { return false }
            found.append((String(decoding: key, as: UTF8.self), try Self.decodeCount([UInt8](value))))
            return true
        }
        return found
    }
}
