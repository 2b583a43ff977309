extension ReadModelStore {
    /// Writes a whole state into these read models, which must be empty: each record
    /// once, table by table in key order (so the B-tree fills from the left), with
    /// its indexes and counters as its `put` builds them, and the event counters.
    /// The caller finishes the store (`finish(checkpoint:)`).
    public mutating func putAll(_ state: KeyOrderedState, eventCounts: [(type: String, count: Int64)]) throws {
        if let distributor = state.distributor { try putDistributor(distributor) }
        for record in state.users { try putUser(record) }
        for record in state.pbxs { try putPBX(record) }
        for record in state.products { try putProduct(record) }
        for record in state.bundles { try putBundle(record) }
        for record in state.roamingPolicies { try putRoamingPolicy(record) }
        for record in state.networkProfiles { try putNetworkProfile(record) }
        for record in state.resellers { try putReseller(record) }
        for record in state.groups { try putGroup(record) }
        try state.sims.forEach { try insertSIM($0) }
        try state.numbers.forEach { try putNumber($0) }
        try state.subscribers.forEach { try putSubscriber($0) }
        for (type, count) in eventCounts where count > 0 { countEvents(type: type, count) }
        if let error = failureError { throw error }
    }
}
