public import Provisioning

/// The state a rebuild folds the log into: the records alone, by key, without the
/// indexes that only `decide` asks for (the pools of available SIMs, SIMs by IMSI,
/// subscribers by name), which `evolve` never reads. Those queries are answered by
/// a walk over the records: right, but slow, and never on a rebuild's path.
///
/// `keyOrdered()` hands the records table by table in the read models' key order,
/// for a snapshot or for writing the tables (`ReadModelStore.putAll`).
public struct ReplayState: StateStore {
    public typealias StoreFailure = Never

    private var distributorRecord: DistributorRecord?
    private var users: [Username: UserRecord] = [:]
    private var pbxs: [CatalogCode: PBXRecord] = [:]
    private var products: [CatalogCode: ProductRecord] = [:]
    private var bundles: [CatalogCode: BundleRecord] = [:]
    private var roamingPolicies: [CatalogCode: RoamingPolicyRecord] = [:]
    private var networkProfiles: [CatalogCode: NetworkProfileRecord] = [:]
    private var resellers: [Name: ResellerRecord] = [:]
    private var groups: [Name: GroupRecord] = [:]
    private var sims = RecordTable<SIMRecord>(key: \.iccid.rawValue, precedes: Self.digitKeyPrecedes)
    private var numbers = RecordTable<NumberRecord>(key: \.number.rawValue, precedes: Self.digitKeyPrecedes)
    // SubUIDs are ASCII (a-z, 0-9), where String's order is the bytes' order.
    private var subscribers = RecordTable<SubscriberRecord>(key: \.subUID.rawValue, precedes: <)

    public init() {}

    public var simCount: Int { sims.count }

    /// The records in the key order of their read-model tables.
    public mutating func keyOrdered() -> KeyOrderedState {
        KeyOrderedState(
            distributor: distributorRecord,
            users: Self.byKeyBytes(users),
            pbxs: Self.byKeyBytes(pbxs),
            products: Self.byKeyBytes(products),
            bundles: Self.byKeyBytes(bundles),
            roamingPolicies: Self.byKeyBytes(roamingPolicies),
            networkProfiles: Self.byKeyBytes(networkProfiles),
            resellers: Self.byKeyBytes(resellers),
            groups: Self.byKeyBytes(groups),
            sims: sims.inKeyOrder(),
            numbers: numbers.inKeyOrder(),
            subscribers: subscribers.inKeyOrder())
    }

    /// By the UTF-8 bytes of the key (the small tables: names may be any text).
    private static func byKeyBytes<K: ValidatedValue, R>(_ records: [K: R]) -> [R] {
        records.sorted { $0.key.rawValue.utf8.lexicographicallyPrecedes($1.key.rawValue.utf8) }.map(\.value)
    }

    /// The order of `IndexKey.sortKey(digits:)`: the length first, then the (ASCII) digits.
    static func digitKeyPrecedes(_ a: String, _ b: String) -> Bool {
        let (m, n) = (a.utf8.count, b.utf8.count)
        return m != n ? m < n : a < b
    }

    // MARK: StateReader

    public func distributor() -> DistributorRecord? { distributorRecord }
    public func user(_ username: Username) -> UserRecord? { users[username] }
    public func pbx(_ name: CatalogCode) -> PBXRecord? { pbxs[name] }
    public func product(_ code: CatalogCode) -> ProductRecord? { products[code] }
    public func bundle(_ code: CatalogCode) -> BundleRecord? { bundles[code] }
    public func roamingPolicy(_ name: CatalogCode) -> RoamingPolicyRecord? { roamingPolicies[name] }
    public func networkProfile(_ name: CatalogCode) -> NetworkProfileRecord? { networkProfiles[name] }

    public func catalogCodes(_ kind: CatalogKind) -> [CatalogCode] {
        switch kind {
        case .products: products.keys.sorted()
        case .bundles: bundles.keys.sorted()
        case .roamingPolicies: roamingPolicies.keys.sorted()
        case .networkProfiles: networkProfiles.keys.sorted()
        }
    }

    public func reseller(_ name: Name) -> ResellerRecord? { resellers[name] }
    public func group(_ name: Name) -> GroupRecord? { groups[name] }
    public func groupNames(ofReseller reseller: Name) -> [Name] {
        groups.values.filter { $0.reseller == reseller }.map(\.name).sorted()
    }

    public func sim(_ iccid: ICCID) -> SIMRecord? { sims[iccid.rawValue] }
    public func simHolding(imsi: IMSI) -> ICCID? { sims.unordered.first { $0.imsi == imsi }?.iccid }
    public func firstSIM(in pool: SIMPool) -> ICCID? {
        sims.unordered.filter { $0.availabilityPool == pool }.map(\.iccid)
            .min { Self.digitKeyPrecedes($0.rawValue, $1.rawValue) }
    }

    public func number(_ number: PhoneNumber) -> NumberRecord? { numbers[number.rawValue] }

    public func subscriber(_ subUID: SubUID) -> SubscriberRecord? { subscribers[subUID.rawValue] }
    public func subscriber(named name: Name, inGroup group: Name) -> SubUID? {
        subscribers.unordered.first { $0.group == group && $0.name == name }?.subUID
    }

    // MARK: StateStore

    public mutating func putDistributor(_ record: DistributorRecord) { distributorRecord = record }
    public mutating func putUser(_ record: UserRecord) { users[record.username] = record }
    public mutating func putPBX(_ record: PBXRecord) { pbxs[record.name] = record }
    public mutating func putProduct(_ record: ProductRecord) { products[record.code] = record }
    public mutating func putBundle(_ record: BundleRecord) { bundles[record.code] = record }
    public mutating func putRoamingPolicy(_ record: RoamingPolicyRecord) { roamingPolicies[record.name] = record }
    public mutating func putNetworkProfile(_ record: NetworkProfileRecord) { networkProfiles[record.name] = record }
    public mutating func putReseller(_ record: ResellerRecord) { resellers[record.name] = record }
    public mutating func putGroup(_ record: GroupRecord) { groups[record.name] = record }
    public mutating func putSIM(_ record: SIMRecord) { sims.put(record) }
    public mutating func putNumber(_ record: NumberRecord) { numbers.put(record) }
    public mutating func putSubscriber(_ record: SubscriberRecord) { subscribers.put(record) }

    public mutating func modifySIM(_ iccid: ICCID, _ change: (inout SIMRecord) -> Void) {
        sims.modify(iccid.rawValue, change)
    }
    public mutating func modifyNumber(_ number: PhoneNumber, _ change: (inout NumberRecord) -> Void) {
        numbers.modify(number.rawValue, change)
    }
    public mutating func modifySubscriber(_ subUID: SubUID, _ change: (inout SubscriberRecord) -> Void) {
        subscribers.modify(subUID.rawValue, change)
    }
}
