/// The records of some kinds only (SIMs, numbers, subscribers), for a listing of
/// the past: the snapshot's sections of those kinds are loaded and only the events
/// that write them (`RecordKinds.eventWireNames`) are folded, through the same
/// `evolve` as the whole state. A SIM, number or subscriber event reads only the
/// record it changes, so the records held are exactly the whole state's
/// (`PartialStateTests` compares them at every position of a random log).
///
/// It is a store for `evolve` and a source of listings, never a state to `decide`
/// against: the records it does not hold it answers as absent, and it keeps none of
/// the indexes (IMSI, SIM pools, subscriber names) that only `decide` asks for.
public struct PartialState: StateStore, Sendable {
    public typealias StoreFailure = Never

    public let kinds: RecordKinds
    private var sims = KeyOrderedRecords<SIMRecord>(key: { $0.iccid.rawValue }, lengthFirst: true)
    private var numbers = KeyOrderedRecords<NumberRecord>(key: { $0.number.rawValue }, lengthFirst: true)
    private var subscribers = KeyOrderedRecords<SubscriberRecord>(key: { $0.subUID.rawValue }, lengthFirst: false)

    public init(_ kinds: RecordKinds) {
        self.kinds = kinds
    }

    /// Room for `count` records of `kind` (a snapshot's section says how many).
    public mutating func reserveCapacity(_ count: Int, for kind: RecordKinds) {
        if kind == .sims { sims.reserveCapacity(count) }
        if kind == .numbers { numbers.reserveCapacity(count) }
        if kind == .subscribers { subscribers.reserveCapacity(count) }
    }

    // MARK: Loading a snapshot's section, in its key order

    /// Appends a record of a snapshot's section; false when it is out of the
    /// section's key order (a snapshot that cannot be read this way).
    public mutating func appendLoaded(_ record: SIMRecord) -> Bool { sims.appendLoaded(record) }
    public mutating func appendLoaded(_ record: NumberRecord) -> Bool { numbers.appendLoaded(record) }
    public mutating func appendLoaded(_ record: SubscriberRecord) -> Bool { subscribers.appendLoaded(record) }

    // MARK: Listings, sorted by key (filtered first, so only the kept records are sorted)

    public func sims(where isIncluded: (SIMRecord) -> Bool) -> [SIMRecord] {
        sims.filter(isIncluded) { $0.iccid < $1.iccid }
    }
    public func numbers(where isIncluded: (NumberRecord) -> Bool) -> [NumberRecord] {
        numbers.filter(isIncluded) { $0.number < $1.number }
    }
    public func subscribers(where isIncluded: (SubscriberRecord) -> Bool) -> [SubscriberRecord] {
        subscribers.filter(isIncluded) { $0.subUID < $1.subUID }
    }

    // MARK: StateReader: the kinds held; anything else is absent

    public func distributor() -> DistributorRecord? { nil }
    public func user(_ username: Username) -> UserRecord? { nil }
    public func pbx(_ name: CatalogCode) -> PBXRecord? { nil }
    public func product(_ code: CatalogCode) -> ProductRecord? { nil }
    public func bundle(_ code: CatalogCode) -> BundleRecord? { nil }
    public func roamingPolicy(_ name: CatalogCode) -> RoamingPolicyRecord? { nil }
    public func networkProfile(_ name: CatalogCode) -> NetworkProfileRecord? { nil }
    public func catalogCodes(_ kind: CatalogKind) -> [CatalogCode] { [] }
    public func reseller(_ name: Name) -> ResellerRecord? { nil }
    public func group(_ name: Name) -> GroupRecord? { nil }
    public func groupNames(ofReseller reseller: Name) -> [Name] { [] }
    public func sim(_ iccid: ICCID) -> SIMRecord? { sims[key: iccid.rawValue] }
    public func simHolding(imsi: IMSI) -> ICCID? { nil }
    public func firstSIM(in pool: SIMPool) -> ICCID? { nil }
    public func number(_ number: PhoneNumber) -> NumberRecord? { numbers[key: number.rawValue] }
    public func subscriber(_ subUID: SubUID) -> SubscriberRecord? { subscribers[key: subUID.rawValue] }
    public func subscriber(named name: Name, inGroup group: Name) -> SubUID? { nil }

    // MARK: StateStore: records of the kinds held are kept, others dropped

    public mutating func putDistributor(_ record: DistributorRecord) {}
    public mutating func putUser(_ record: UserRecord) {}
    public mutating func putPBX(_ record: PBXRecord) {}
    public mutating func putProduct(_ record: ProductRecord) {}
    public mutating func putBundle(_ record: BundleRecord) {}
    public mutating func putRoamingPolicy(_ record: RoamingPolicyRecord) {}
    public mutating func putNetworkProfile(_ record: NetworkProfileRecord) {}
    public mutating func putReseller(_ record: ResellerRecord) {}
    public mutating func putGroup(_ record: GroupRecord) {}

    public mutating func putSIM(_ record: SIMRecord) {
        if kinds.contains(.sims) { sims.put(record) }
    }

    public mutating func putNumber(_ record: NumberRecord) {
        if kinds.contains(.numbers) { numbers.put(record) }
    }

    public mutating func putSubscriber(_ record: SubscriberRecord) {
        if kinds.contains(.subscribers) { subscribers.put(record) }
    }

    // A record not held (its kind not asked for) is absent: nothing to change.
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
