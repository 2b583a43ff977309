import Provisioning

/// The records of an in-memory state table by table, each in the key order of its
/// read-model table (LMDB's byte order of the keys `ReadModelStore` writes): what a
/// snapshot stream holds, and the order in which a rebuild writes the tables.
///
/// A rebuild folds the log into a `ReplayState` (which makes these) and writes each
/// record once, so the order here must be exactly the tables' (`ReadModelStore`'s
/// keys): a snapshot taken from it is byte for byte the one taken from the tables
/// (`SnapshotTests`).
public struct KeyOrderedState: Sendable {
    var distributor: DistributorRecord?
    var users: [UserRecord]
    var pbxs: [PBXRecord]
    var products: [ProductRecord]
    var bundles: [BundleRecord]
    var roamingPolicies: [RoamingPolicyRecord]
    var networkProfiles: [NetworkProfileRecord]
    var resellers: [ResellerRecord]
    var groups: [GroupRecord]
    var sims: RecordsInKeyOrder<SIMRecord>
    var numbers: RecordsInKeyOrder<NumberRecord>
    var subscribers: RecordsInKeyOrder<SubscriberRecord>
}
