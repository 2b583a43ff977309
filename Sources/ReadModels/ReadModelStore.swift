public import LMDB
public import Provisioning
import WireFormat

/// A failure of the read-model tables (LMDB, or a record that does not decode).
public struct ReadModelError: Error, CustomStringConvertible, Sendable {
    public var description: String
    init(_ error: any Error, while what: String) {
        description = "read models: \(what): \(error)"
    }
}

/// The domain's state over the read-model tables of one LMDB transaction: what
/// `decide` reads and what `evolve` writes, with the indexes and counters kept in
/// step record by record.
///
/// Reads cannot throw (the domain's `StateReader`): a failed read is remembered and
/// `finish` throws it, so the change aborts before it commits.
public struct ReadModelStore: StateStore, IndexMaintenance {
    public typealias StoreFailure = ReadModelError

    let txn: TransactionReference
    let tables: ReadModelTables
    /// The writes go through one cursor a table (`PutCursors`): a change's keys are
    /// often near each other (a book-in's, ascending).
    let cursors: PutCursors
    private let failure = FailureBox()
    public var failureError: ReadModelError? { failure.error }
    /// Counter deltas of this change, written once by `finish`.
    private var counterDeltas: [CounterKey: Int64] = [:]
    /// The events of this change by type, added to `counterDeltas` by `finish`.
    private var eventCounts = EventTypeCounts()

    public init(_ txn: TransactionReference, tables: ReadModelTables) {
        self.txn = txn
        self.tables = tables
        cursors = PutCursors(txn)
    }

    // MARK: Finishing a change

    /// Writes the counters and the checkpoint, or throws the first failure met by a read.
    public mutating func finish(checkpoint: UInt64) throws {
        if let error = failure.error { throw error }
        for (type, count) in eventCounts.summed() { bump(.events(type: type), count) }
        eventCounts = EventTypeCounts()
        for (counter, delta) in counterDeltas where delta != 0 {
            let key = Array(counter.name.utf8)
            let current = try txn.get(tables.counts, key).map(Self.decodeCount) ?? 0
            let updated = max(0, current + delta)
            if updated == 0 {
                try txn.delete(tables.counts, key)
            } else {
                var writer = ByteWriter(capacity: 10)
                writer.writeVarint(UInt64(updated))
                try txn.put(tables.counts, key, writer.bytes)
            }
        }
        counterDeltas.removeAll()
        try txn.put(tables.meta, Array("checkpoint".utf8), withUnsafeBytes(of: checkpoint.bigEndian, Array.init))
    }

    /// The last log position the read models reflect.
    public func checkpoint() throws -> UInt64 {
        guard let bytes = try txn.get(tables.meta, Array("checkpoint".utf8)), bytes.count == 8 else { return 0 }
        return bytes.reduce(0) { $0 << 8 | UInt64($1) }
    }

    public func count(_ counter: String) throws -> Int64 {
        try txn.get(tables.counts, Array(counter.utf8)).map(Self.decodeCount) ?? 0
    }

    static func decodeCount(_ bytes: [UInt8]) throws -> Int64 {
        Int64(clamping: try ByteReader.read(bytes) { try $0.readVarint() })
    }

    /// Counts one more event of a type (the `stats` figures by event type).
    public mutating func countEvent(type: String) {
        eventCounts.add(type: type)
    }

    /// Adds the counts of a run of events counted elsewhere (`PreparedInserts`).
    mutating func add(_ counts: EventTypeCounts) {
        eventCounts.add(counts)
    }

    /// Counts `count` more events of a type at once (a snapshot's counters).
    public mutating func countEvents(type: String, _ count: Int64) {
        bump(.events(type: type), count)
    }

    /// Adds to a counter's delta of this change (`IndexMaintenance`).
    mutating func bump(_ counter: CounterKey, _ delta: Int64) {
        counterDeltas[counter, default: 0] += delta
    }

    // MARK: Reading

    func load<R: StoredRecord>(_ database: Database, _ key: [UInt8], as _: R.Type) -> R? {
        read(database) { [txn] in try txn.withValue(database, key) { try R(decoding: $0) } }
    }

    /// The record under the sort key of `digits` (`IndexKey.sortKey(digits:)`), the key
    /// built on the stack: `decide` looks up each of a book-in's million ICCIDs.
    func load<R: StoredRecord>(_ database: Database, sortKeyOf digits: String, as _: R.Type) -> R? {
        read(database) { [txn] in
            try IndexKey.withSortKey(digits: digits) { key in try txn.withValue(database, key: key) { try R(decoding: $0) } }
        }
    }

    /// Runs a read of `database`, remembering its failure for `finish` (reads do not
    /// throw). The closures capture the transaction, not this store: a copy of the
    /// store retains and releases every table's name, which a million lookups paid.
    private func read<T>(_ database: Database, _ body: () throws -> T?) -> T? {
        guard failure.error == nil else { return nil }
        do {
            return try body()
        } catch {
            failure.error = ReadModelError(error, while: "reading \(database.name)")
            return nil
        }
    }

    /// Keys of `rm.index` under `prefix`, with the prefix removed, in order.
    func indexSuffixes(_ prefix: [UInt8], limit: Int = .max) -> [[UInt8]] {
        guard failure.error == nil else { return [] }
        var found: [[UInt8]] = []
        do {
            try txn.forEach(tables.index, from: prefix) { key, _ in
                guard key.starts(with: prefix), found.count < limit else { return false }
                found.append(Array(key[prefix.count...]))
                return true
            }
        } catch {
            failure.error = ReadModelError(error, while: "reading rm.index")
        }
        return found
    }

    func indexValue(_ key: [UInt8]) -> [UInt8]? {
        guard failure.error == nil else { return nil }
        do {
            return try txn.get(tables.index, key)
        } catch {
            failure.error = ReadModelError(error, while: "reading rm.index")
            return nil
        }
    }

    static func key(_ value: some ValidatedValue) -> [UInt8] { Array(value.rawValue.utf8) }

    public func distributor() -> DistributorRecord? {
        load(tables.distributor, Array("distributor".utf8), as: DistributorRecord.self)
    }

    public func user(_ username: Username) -> UserRecord? { load(tables.users, Self.key(username), as: UserRecord.self) }
    public func pbx(_ name: CatalogCode) -> PBXRecord? { load(tables.pbx, Self.key(name), as: PBXRecord.self) }
    public func product(_ code: CatalogCode) -> ProductRecord? {
        load(tables.products, Self.key(code), as: ProductRecord.self)
    }
    public func bundle(_ code: CatalogCode) -> BundleRecord? { load(tables.bundles, Self.key(code), as: BundleRecord.self) }
    public func roamingPolicy(_ name: CatalogCode) -> RoamingPolicyRecord? {
        load(tables.roamingPolicies, Self.key(name), as: RoamingPolicyRecord.self)
    }
    public func networkProfile(_ name: CatalogCode) -> NetworkProfileRecord? {
        load(tables.networkProfiles, Self.key(name), as: NetworkProfileRecord.self)
    }

    public func catalogCodes(_ kind: CatalogKind) -> [CatalogCode] {
        let database: Database =
            switch kind {
            case .products: tables.products
            case .bundles: tables.bundles
            case .roamingPolicies: tables.roamingPolicies
            case .networkProfiles: tables.networkProfiles
            }
        guard failure.error == nil else { return [] }
        var codes: [CatalogCode] = []
        do {
            try txn.forEach(database) { key, _ in
                codes.append(CatalogCode(unchecked: String(decoding: key, as: UTF8.self)))
                return true
            }
        } catch {
            failure.error = ReadModelError(error, while: "reading \(database.name)")
        }
        return codes.sorted()
    }

    public func reseller(_ name: Name) -> ResellerRecord? {
        load(tables.resellers, Self.key(name), as: ResellerRecord.self)
    }
    public func group(_ name: Name) -> GroupRecord? { load(tables.groups, Self.key(name), as: GroupRecord.self) }

    public func groupNames(ofReseller reseller: Name) -> [Name] {
        indexSuffixes(IndexKey.groupOfReseller(reseller)).map { Name(unchecked: String(decoding: $0, as: UTF8.self)) }
    }

    public func sim(_ iccid: ICCID) -> SIMRecord? {
        load(tables.sims, sortKeyOf: iccid.rawValue, as: SIMRecord.self)
    }

    public func simHolding(imsi: IMSI) -> ICCID? {
        indexValue(IndexKey.imsi(imsi)).map { ICCID(unchecked: String(decoding: $0, as: UTF8.self)) }
    }

    public func firstSIM(in pool: SIMPool) -> ICCID? {
        indexSuffixes(IndexKey.pool(pool), limit: 1).first.map { ICCID(unchecked: IndexKey.digits(fromSortKey: $0)) }
    }

    public func number(_ number: PhoneNumber) -> NumberRecord? {
        load(tables.numbers, sortKeyOf: number.rawValue, as: NumberRecord.self)
    }

    public func subscriber(_ subUID: SubUID) -> SubscriberRecord? {
        load(tables.subscribers, Self.key(subUID), as: SubscriberRecord.self)
    }

    public func subscriber(named name: Name, inGroup group: Name) -> SubUID? {
        indexValue(IndexKey.subscriberName(group, name)).map { SubUID(unchecked: String(decoding: $0, as: UTF8.self)) }
    }

    // MARK: Writing

    func store(_ database: Database, _ key: [UInt8], _ record: some StoredRecord) throws(ReadModelError) {
        do {
            try cursors.put(database, key, record.encoded)
        } catch {
            throw ReadModelError(error, while: "writing \(database.name)")
        }
    }

    /// Puts (`present`) or deletes one `rm.index` entry (`IndexMaintenance`).
    func setIndex(_ key: [UInt8], _ value: [UInt8], present: Bool) throws(ReadModelError) {
        do {
            if present { try cursors.put(tables.index, key, value) } else { try cursors.delete(tables.index, key) }
        } catch {
            throw ReadModelError(error, while: "writing rm.index")
        }
    }

    public mutating func putDistributor(_ record: DistributorRecord) throws(ReadModelError) {
        try store(tables.distributor, Array("distributor".utf8), record)
    }

    public mutating func putUser(_ record: UserRecord) throws(ReadModelError) {
        try store(tables.users, Self.key(record.username), record)
    }

    public mutating func putPBX(_ record: PBXRecord) throws(ReadModelError) {
        try store(tables.pbx, Self.key(record.name), record)
    }

    public mutating func putProduct(_ record: ProductRecord) throws(ReadModelError) {
        try store(tables.products, Self.key(record.code), record)
    }

    public mutating func putBundle(_ record: BundleRecord) throws(ReadModelError) {
        try store(tables.bundles, Self.key(record.code), record)
    }

    public mutating func putRoamingPolicy(_ record: RoamingPolicyRecord) throws(ReadModelError) {
        try store(tables.roamingPolicies, Self.key(record.name), record)
    }

    public mutating func putNetworkProfile(_ record: NetworkProfileRecord) throws(ReadModelError) {
        try store(tables.networkProfiles, Self.key(record.name), record)
    }

    public mutating func putReseller(_ record: ResellerRecord) throws(ReadModelError) {
        try store(tables.resellers, Self.key(record.name), record)
    }

    public mutating func putGroup(_ record: GroupRecord) throws(ReadModelError) {
        try updateGroupIndexes(from: group(record.name), to: record)
        try store(tables.groups, Self.key(record.name), record)
    }

    public mutating func putSIM(_ record: SIMRecord) throws(ReadModelError) {
        let old = sim(record.iccid)
        try updateSIMIndexes(from: old, to: record)
        try store(tables.sims, IndexKey.sortKey(digits: record.iccid.rawValue), record)
    }

    /// A booked-in SIM: inserted with MDB_NOOVERWRITE, so the record is written
    /// without reading first. Only if it was there after all (a log not written by
    /// `decide`) does it take the path of `putSIM`, which reads the old record.
    public mutating func insertSIM(_ record: SIMRecord) throws(ReadModelError) {
        let key = IndexKey.sortKey(digits: record.iccid.rawValue)
        do {
            try cursors.put(tables.sims, key, record.encoded, flags: .noOverwrite)
        } catch let error as LMDBError where error.code == LMDBError.keyExists.code {
            return try putSIM(record)
        } catch {
            throw ReadModelError(error, while: "writing \(tables.sims.name)")
        }
        try updateSIMIndexes(from: nil, to: record)
    }

    public mutating func putNumber(_ record: NumberRecord) throws(ReadModelError) {
        try updateNumberIndexes(from: number(record.number), to: record)
        try store(tables.numbers, IndexKey.sortKey(digits: record.number.rawValue), record)
    }

    public mutating func putSubscriber(_ record: SubscriberRecord) throws(ReadModelError) {
        try updateSubscriberIndexes(from: subscriber(record.subUID), to: record)
        try store(tables.subscribers, Self.key(record.subUID), record)
    }
}

/// Shared by copies of a store: `decide` receives a copy, and a failure it meets
/// must still abort the change.
final class FailureBox: @unchecked Sendable {
    var error: ReadModelError?
}
