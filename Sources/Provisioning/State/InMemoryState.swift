/// The whole state in memory: dictionaries of records plus the indexes the
/// queries of `StateReader` need. It is what time travel replays into and what the
/// domain tests decide against; `evolve` writes it exactly as it writes the
/// Engine's LMDB tables.
///
/// Two states are equal when they hold the same records and the same index
/// contents, so "replaying every event gives the state that `decide` saw" is one `==`.
public struct InMemoryState: StateStore, Equatable, Sendable {
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
    private var sims: [ICCID: SIMRecord] = [:]
    private var numbers: [PhoneNumber: NumberRecord] = [:]
    private var subscribers: [SubUID: SubscriberRecord] = [:]

    // Indexes, kept in step by the `put` methods.
    private var groupsByReseller: [Name: Set<Name>] = [:]
    private var simsByIMSI: [IMSI: ICCID] = [:]
    private var availableSIMs: [SIMPool: ChunkedSortedSet<ICCID>] = [:]
    private var subscribersByGroupAndName: [GroupMemberKey: SubUID] = [:]

    private struct GroupMemberKey: Hashable, Sendable {
        var group: Name
        var name: Name
    }

    public init() {}

    /// A state built by evolving `events` in order from empty.
    public init(replaying events: some Sequence<ProvisioningEvent>) {
        self.init()
        for event in events { evolve(event, into: &self) }
    }

    // MARK: Counts, for views and tests

    public var userCount: Int { users.count }
    public var resellerCount: Int { resellers.count }
    public var groupCount: Int { groups.count }
    public var simCount: Int { sims.count }
    public var numberCount: Int { numbers.count }
    public var subscriberCount: Int { subscribers.count }

    /// All SIMs, sorted by ICCID (for listings and tests; `decide` never needs it).
    public var allSIMs: [SIMRecord] { sims.values.sorted { $0.iccid < $1.iccid } }
    /// The SIMs `isIncluded` keeps, sorted by ICCID: filtered first, so a listing of
    /// the active SIMs of a million sorts only those.
    public func sims(where isIncluded: (SIMRecord) -> Bool) -> [SIMRecord] {
        sims.values.filter(isIncluded).sorted { $0.iccid < $1.iccid }
    }
    public func subscribers(where isIncluded: (SubscriberRecord) -> Bool) -> [SubscriberRecord] {
        subscribers.values.filter(isIncluded).sorted { $0.subUID < $1.subUID }
    }
    public var allNumbers: [NumberRecord] { numbers.values.sorted { $0.number < $1.number } }
    public var allSubscribers: [SubscriberRecord] { subscribers.values.sorted { $0.subUID < $1.subUID } }
    public var allUsers: [UserRecord] { users.values.sorted { $0.username < $1.username } }
    public var allResellers: [ResellerRecord] { resellers.values.sorted { $0.name < $1.name } }
    public var allGroups: [GroupRecord] { groups.values.sorted { $0.name < $1.name } }
    public var allPBXs: [PBXRecord] { pbxs.values.sorted { $0.name < $1.name } }

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
    public func groupNames(ofReseller reseller: Name) -> [Name] { (groupsByReseller[reseller] ?? []).sorted() }

    public func sim(_ iccid: ICCID) -> SIMRecord? { sims[iccid] }
    public func simHolding(imsi: IMSI) -> ICCID? { simsByIMSI[imsi] }
    public func firstSIM(in pool: SIMPool) -> ICCID? { availableSIMs[pool]?.first }

    public func number(_ number: PhoneNumber) -> NumberRecord? { numbers[number] }

    public func subscriber(_ subUID: SubUID) -> SubscriberRecord? { subscribers[subUID] }
    public func subscriber(named name: Name, inGroup group: Name) -> SubUID? {
        subscribersByGroupAndName[GroupMemberKey(group: group, name: name)]
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

    public mutating func putGroup(_ record: GroupRecord) {
        if let old = groups[record.name], old.reseller != record.reseller {
            groupsByReseller[old.reseller]?.remove(old.name)
            if groupsByReseller[old.reseller]?.isEmpty == true { groupsByReseller[old.reseller] = nil }
        }
        groups[record.name] = record
        groupsByReseller[record.reseller, default: []].insert(record.name)
    }

    public mutating func putSIM(_ record: SIMRecord) {
        let old = sims.updateValue(record, forKey: record.iccid)
        if let oldIMSI = old?.imsi, oldIMSI != record.imsi, simsByIMSI[oldIMSI] == record.iccid {
            simsByIMSI[oldIMSI] = nil
        }
        if let imsi = record.imsi { simsByIMSI[imsi] = record.iccid }
        let oldPool = old?.availabilityPool
        let newPool = record.availabilityPool
        guard oldPool != newPool else { return }
        if let oldPool {
            availableSIMs[oldPool]?.remove(record.iccid)
            if availableSIMs[oldPool]?.isEmpty == true { availableSIMs[oldPool] = nil }
        }
        if let newPool { availableSIMs[newPool, default: ChunkedSortedSet()].insert(record.iccid) }
    }

    public mutating func putNumber(_ record: NumberRecord) { numbers[record.number] = record }

    public mutating func putSubscriber(_ record: SubscriberRecord) {
        if let old = subscribers[record.subUID], old.name != record.name || old.group != record.group {
            subscribersByGroupAndName[GroupMemberKey(group: old.group, name: old.name)] = nil
        }
        subscribers[record.subUID] = record
        subscribersByGroupAndName[GroupMemberKey(group: record.group, name: record.name)] = record.subUID
    }
}
