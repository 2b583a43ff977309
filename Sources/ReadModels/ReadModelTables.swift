public import LMDB

/// The read-model databases of a store, opened beside the event log.
///
/// | database | key | value |
/// |---|---|---|
/// | `rm.meta` | `checkpoint`, `format` | the last position applied; the record format |
/// | `rm.distributor` | `distributor` | the distributor and settings |
/// | `rm.users` | username | user |
/// | `rm.pbx`, `rm.products`, `rm.bundles`, `rm.roaming-policies`, `rm.network-profiles` | code | catalog item |
/// | `rm.resellers`, `rm.groups` | name | reseller, group (with catalog choices) |
/// | `rm.sims` | ICCID sort key | SIM |
/// | `rm.numbers` | number sort key | number |
/// | `rm.subscribers` | SubUID | subscriber |
/// | `rm.index` | a one-letter index name, then its fields (see `IndexKey`) | empty or a key |
/// | `rm.counts` | a counter name (see `Counter`) | varint |
public struct ReadModelTables: Sendable {
    public static let databaseNames = [
        "rm.meta", "rm.distributor", "rm.users", "rm.pbx", "rm.products", "rm.bundles", "rm.roaming-policies",
        "rm.network-profiles", "rm.resellers", "rm.groups", "rm.sims", "rm.numbers", "rm.subscribers", "rm.index",
        "rm.counts",
    ]

    let meta, distributor, users, pbx, products, bundles, roamingPolicies, networkProfiles: Database
    let resellers, groups, sims, numbers, subscribers, index, counts: Database

    public init(_ environment: LMDB.Environment) {
        meta = environment.database("rm.meta")
        distributor = environment.database("rm.distributor")
        users = environment.database("rm.users")
        pbx = environment.database("rm.pbx")
        products = environment.database("rm.products")
        bundles = environment.database("rm.bundles")
        roamingPolicies = environment.database("rm.roaming-policies")
        networkProfiles = environment.database("rm.network-profiles")
        resellers = environment.database("rm.resellers")
        groups = environment.database("rm.groups")
        sims = environment.database("rm.sims")
        numbers = environment.database("rm.numbers")
        subscribers = environment.database("rm.subscribers")
        index = environment.database("rm.index")
        counts = environment.database("rm.counts")
    }

    /// How many SIMs, numbers and subscribers the tables hold (LMDB's own entry
    /// counts: nothing is walked), for a rebuild to make room for that many.
    public func recordCounts(in txn: borrowing some ReadableTransaction & ~Copyable) throws -> RecordCounts {
        RecordCounts(sims: try txn.count(sims), numbers: try txn.count(numbers), subscribers: try txn.count(subscribers))
    }

    /// Every read-model database, for a replay that clears them all.
    public var all: [Database] {
        [meta, distributor, users, pbx, products, bundles, roamingPolicies, networkProfiles, resellers, groups, sims,
         numbers, subscribers, index, counts]
    }
}

/// How many records of the large kinds a store's read models hold.
public struct RecordCounts: Sendable {
    public var sims: Int
    public var numbers: Int
    public var subscribers: Int
}
