public import Provisioning

/// The state a rebuild folds the log into: SIMs, numbers and subscribers by inline
/// keys, changed in place, without the indexes over them that only `decide` asks
/// for (the pools of available SIMs, SIMs by IMSI, subscribers by name), which
/// `evolve` never reads. Those queries are answered by a walk over the records:
/// right, but slow, and never on a rebuild's path.
///
/// `keyOrdered()` hands the records table by table in the read models' key order,
/// for a snapshot or for writing the tables (`ReadModelStore.putAll`).
public struct ReplayState: StateStore {
    public typealias StoreFailure = Never

    /// The small kinds (distributor, users, PBXs, catalog, resellers, groups): a few
    /// thousand records at most, kept as the in-memory state keeps them.
    private var small = InMemoryState()
    private var sims = RecordTable<SIMRecord>(key: \.iccid.rawValue, precedes: Self.digitKeyPrecedes)
    private var numbers = RecordTable<NumberRecord>(key: \.number.rawValue, precedes: Self.digitKeyPrecedes)
    // SubUIDs are ASCII (a-z, 0-9), where String's order is the bytes' order.
    private var subscribers = RecordTable<SubscriberRecord>(key: \.subUID.rawValue, precedes: <)

    /// The record the event being evolved changes, its key packed already (`willChange`).
    private var changing: RecordLookup?

    public init() {}

    /// Makes room for about as many SIMs, numbers and subscribers as a rebuild will
    /// make (the stored read models' counts): a hint, too few or too many changes
    /// nothing but the time. Grown by doubling, the tables of a million SIMs were
    /// copied twenty times into fresh memory, which the kernel zeroes first: a second
    /// of the fold's thread at the start of a replay of the 10M store.
    ///
    /// `snapshots`: the fold will hand out its state for snapshots, so room is made
    /// for the copy of the records the first change after one makes, too.
    public mutating func reserveCapacity(_ counts: RecordCounts, snapshots: Bool) {
        // The key tables first, written on this thread; then the records' room, whose
        // pages other threads fault in meanwhile (started before, they slowed these
        // writes: a stall of half a second at the start of a verify).
        sims.reserveKeys(counts.sims)
        numbers.reserveKeys(counts.numbers)
        subscribers.reserveKeys(counts.subscribers)
        sims.reserveRecords(counts.sims, copied: snapshots)
        numbers.reserveRecords(counts.numbers, copied: snapshots)
        subscribers.reserveRecords(counts.subscribers, copied: snapshots)
    }

    /// The next event to be evolved changes the record of `lookup` (made from that
    /// event, on the decoding thread): its `modify` takes the key packed there instead
    /// of reading the event's key string, which the fold's thread would otherwise
    /// fetch from the decoding thread's core (a miss, and a retain and a release of
    /// it, for each event). Nil after the event.
    public mutating func willChange(_ lookup: RecordLookup?) {
        changing = lookup
    }

    /// The key of a `modify` of `table`: the one handed over, if it is that table's
    /// (each event that has one changes exactly that record), else packed from `key`.
    private mutating func packedKey(_ table: RecordLookup.Table, _ key: String) -> PackedKey {
        guard let lookup = changing, lookup.table == table else { return PackedKey(key) }
        changing = nil
        let packed = PackedKey.inline(lookup.word0, lookup.word1, lookup.word2)
        assert(packed == PackedKey(key), "the record lookup of an event is the key its evolve changes")
        return packed
    }

    /// The records in the key order of their read-model tables.
    public mutating func keyOrdered() -> KeyOrderedState {
        func catalog<R>(_ kind: CatalogKind, _ record: (CatalogCode) -> R?) -> [R] {
            Self.byKeyBytes(small.catalogCodes(kind).compactMap { code in record(code).map { (code.rawValue, $0) } })
        }
        return KeyOrderedState(
            distributor: small.distributor(),
            users: Self.byKeyBytes(small.allUsers.map { ($0.username.rawValue, $0) }),
            pbxs: Self.byKeyBytes(small.allPBXs.map { ($0.name.rawValue, $0) }),
            products: catalog(.products, small.product),
            bundles: catalog(.bundles, small.bundle),
            roamingPolicies: catalog(.roamingPolicies, small.roamingPolicy),
            networkProfiles: catalog(.networkProfiles, small.networkProfile),
            resellers: Self.byKeyBytes(small.allResellers.map { ($0.name.rawValue, $0) }),
            groups: Self.byKeyBytes(small.allGroups.map { ($0.name.rawValue, $0) }),
            sims: sims.inKeyOrder(),
            numbers: numbers.inKeyOrder(),
            subscribers: subscribers.inKeyOrder())
    }

    /// By the UTF-8 bytes of the key (the small tables: names may be any text).
    private static func byKeyBytes<R>(_ records: [(key: String, record: R)]) -> [R] {
        records.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }.map(\.record)
    }

    /// The order of `IndexKey.sortKey(digits:)`: the length first, then the (ASCII) digits.
    static func digitKeyPrecedes(_ a: String, _ b: String) -> Bool {
        let (m, n) = (a.utf8.count, b.utf8.count)
        return m != n ? m < n : a < b
    }

    /// Asks memory ahead for the record of `lookup`, a few events ahead (see
    /// `RecordTable.prefetch`): first with `record` false (the hash table's entry),
    /// then, nearer, true (the record). Hints only: nothing changes.
    public func prefetch(_ lookup: RecordLookup, record: Bool) {
        let key = PackedKey.inline(lookup.word0, lookup.word1, lookup.word2)
        switch lookup.table {
        case .sims: sims.prefetch(key, record: record)
        case .numbers: numbers.prefetch(key, record: record)
        case .subscribers: subscribers.prefetch(key, record: record)
        }
    }

    // MARK: StateReader

    public func distributor() -> DistributorRecord? { small.distributor() }
    public func user(_ username: Username) -> UserRecord? { small.user(username) }
    public func pbx(_ name: CatalogCode) -> PBXRecord? { small.pbx(name) }
    public func product(_ code: CatalogCode) -> ProductRecord? { small.product(code) }
    public func bundle(_ code: CatalogCode) -> BundleRecord? { small.bundle(code) }
    public func roamingPolicy(_ name: CatalogCode) -> RoamingPolicyRecord? { small.roamingPolicy(name) }
    public func networkProfile(_ name: CatalogCode) -> NetworkProfileRecord? { small.networkProfile(name) }
    public func catalogCodes(_ kind: CatalogKind) -> [CatalogCode] { small.catalogCodes(kind) }
    public func reseller(_ name: Name) -> ResellerRecord? { small.reseller(name) }
    public func group(_ name: Name) -> GroupRecord? { small.group(name) }
    public func groupNames(ofReseller reseller: Name) -> [Name] { small.groupNames(ofReseller: reseller) }

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

    public mutating func putDistributor(_ record: DistributorRecord) { small.putDistributor(record) }
    public mutating func putUser(_ record: UserRecord) { small.putUser(record) }
    public mutating func putPBX(_ record: PBXRecord) { small.putPBX(record) }
    public mutating func putProduct(_ record: ProductRecord) { small.putProduct(record) }
    public mutating func putBundle(_ record: BundleRecord) { small.putBundle(record) }
    public mutating func putRoamingPolicy(_ record: RoamingPolicyRecord) { small.putRoamingPolicy(record) }
    public mutating func putNetworkProfile(_ record: NetworkProfileRecord) { small.putNetworkProfile(record) }
    public mutating func putReseller(_ record: ResellerRecord) { small.putReseller(record) }
    public mutating func putGroup(_ record: GroupRecord) { small.putGroup(record) }
    public mutating func putSIM(_ record: SIMRecord) { sims.put(record) }
    public mutating func putNumber(_ record: NumberRecord) { numbers.put(record) }
    public mutating func putSubscriber(_ record: SubscriberRecord) { subscribers.put(record) }

    public mutating func modifySIM(_ iccid: ICCID, _ change: (inout SIMRecord) -> Void) {
        sims.modify(packedKey(.sims, iccid.rawValue), change)
    }
    public mutating func modifyNumber(_ number: PhoneNumber, _ change: (inout NumberRecord) -> Void) {
        numbers.modify(packedKey(.numbers, number.rawValue), change)
    }
    public mutating func modifySubscriber(_ subUID: SubUID, _ change: (inout SubscriberRecord) -> Void) {
        subscribers.modify(packedKey(.subscribers, subUID.rawValue), change)
    }
}
