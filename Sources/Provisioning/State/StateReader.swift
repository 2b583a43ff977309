/// The lookups `decide` makes: record by key, plus the few indexed queries the
/// rules need. Everything is a point read or the first key of an index range, so
/// an implementation over LMDB tables (the Engine's read models) answers each in
/// one or two B-tree lookups; none asks for a whole table.
///
/// Reads do not throw: an implementation that fails to read (a damaged table)
/// must remember the failure and abort the change itself before it commits.
public protocol StateReader {
    /// The distributor and settings; nil until `init`.
    func distributor() -> DistributorRecord?
    func user(_ username: Username) -> UserRecord?

    func pbx(_ name: CatalogCode) -> PBXRecord?
    func product(_ code: CatalogCode) -> ProductRecord?
    func bundle(_ code: CatalogCode) -> BundleRecord?
    func roamingPolicy(_ name: CatalogCode) -> RoamingPolicyRecord?
    func networkProfile(_ name: CatalogCode) -> NetworkProfileRecord?
    /// Every defined item of an inheritable kind, sorted: what the distributor offers.
    /// Only catalog listings use it; the catalog is small.
    func catalogCodes(_ kind: CatalogKind) -> [CatalogCode]

    func reseller(_ name: Name) -> ResellerRecord?
    func group(_ name: Name) -> GroupRecord?
    /// The names of a reseller's groups, sorted (index: groups by reseller).
    func groupNames(ofReseller reseller: Name) -> [Name]

    func sim(_ iccid: ICCID) -> SIMRecord?
    /// The SIM holding an IMSI, if any (index: SIMs by IMSI).
    func simHolding(imsi: IMSI) -> ICCID?
    /// The smallest ICCID in a pool of available SIMs (index: pool ‖ ICCID).
    func firstSIM(in pool: SIMPool) -> ICCID?

    func number(_ number: PhoneNumber) -> NumberRecord?

    func subscriber(_ subUID: SubUID) -> SubscriberRecord?
    /// The subscriber of a group with that name (index: group ‖ subscriber name).
    func subscriber(named name: Name, inGroup group: Name) -> SubUID?
}

/// The writes `evolve` makes: whole records, one at a time. An implementation
/// keeps its own indexes (`groupNames`, `simHolding`, `firstSIM`,
/// `subscriber(named:inGroup:)`) in step with the records it is given, comparing
/// with the record it replaces. Nothing is ever deleted: retired SIMs, released
/// numbers and terminated subscribers stay, with their status.
///
/// Writes may fail with the store's own error (`StoreFailure`, `Never` in memory);
/// a failed write must abort the whole change.
public protocol StateStore: StateReader {
    associatedtype StoreFailure: Error = Never

    mutating func putDistributor(_ record: DistributorRecord) throws(StoreFailure)
    mutating func putUser(_ record: UserRecord) throws(StoreFailure)
    mutating func putPBX(_ record: PBXRecord) throws(StoreFailure)
    mutating func putProduct(_ record: ProductRecord) throws(StoreFailure)
    mutating func putBundle(_ record: BundleRecord) throws(StoreFailure)
    mutating func putRoamingPolicy(_ record: RoamingPolicyRecord) throws(StoreFailure)
    mutating func putNetworkProfile(_ record: NetworkProfileRecord) throws(StoreFailure)
    mutating func putReseller(_ record: ResellerRecord) throws(StoreFailure)
    mutating func putGroup(_ record: GroupRecord) throws(StoreFailure)
    mutating func putSIM(_ record: SIMRecord) throws(StoreFailure)
    mutating func putNumber(_ record: NumberRecord) throws(StoreFailure)
    mutating func putSubscriber(_ record: SubscriberRecord) throws(StoreFailure)
    /// Stores a SIM that is expected to be new (`sim.booked-in`): the same effect as
    /// `putSIM`, but a store may try the insert first and skip reading the old record
    /// (and its indexes) when there is none. The default is `putSIM`.
    mutating func insertSIM(_ record: SIMRecord) throws(StoreFailure)

    /// Changes the SIM `iccid` holds, if there is one (`change` never changes the
    /// key): the effect of reading it and `putSIM`, which is the default. A store
    /// that keeps its records in memory changes them in place, without a copy.
    mutating func modifySIM(_ iccid: ICCID, _ change: (inout SIMRecord) -> Void) throws(StoreFailure)
    /// The same for a number.
    mutating func modifyNumber(_ number: PhoneNumber, _ change: (inout NumberRecord) -> Void) throws(StoreFailure)
    /// The same for a subscriber.
    mutating func modifySubscriber(_ subUID: SubUID, _ change: (inout SubscriberRecord) -> Void)
        throws(StoreFailure)
}

extension StateStore {
    public mutating func insertSIM(_ record: SIMRecord) throws(StoreFailure) {
        try putSIM(record)
    }

    public mutating func modifySIM(_ iccid: ICCID, _ change: (inout SIMRecord) -> Void) throws(StoreFailure) {
        guard var sim = sim(iccid) else { return }
        change(&sim)
        try putSIM(sim)
    }

    public mutating func modifyNumber(_ phoneNumber: PhoneNumber, _ change: (inout NumberRecord) -> Void)
        throws(StoreFailure)
    {
        guard var record = number(phoneNumber) else { return }
        change(&record)
        try putNumber(record)
    }

    public mutating func modifySubscriber(_ subUID: SubUID, _ change: (inout SubscriberRecord) -> Void)
        throws(StoreFailure)
    {
        guard var record = subscriber(subUID) else { return }
        change(&record)
        try putSubscriber(record)
    }
}
