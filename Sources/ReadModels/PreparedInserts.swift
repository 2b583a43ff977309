import LMDB
public import Provisioning
import WireFormat

/// The read-model writes of a run of events whose effects are inserts of new records
/// (a book-in's `sim.booked-in`), made by `evolve` on a thread other than the
/// writer's: the records encoded, their index entries and counter moves derived, all
/// kept in buffers for the writer to put (`ReadModelStore.apply`). `evolve` and the
/// index rules (`IndexMaintenance`) are the same code as for the tables; only where
/// the writes go differs. A book-in spent two thirds of its applying time building
/// records, keys and counter names on the writer's thread, with the other core idle.
///
/// An insert here is taken on trust that the record is new: the writer puts it with
/// MDB_NOOVERWRITE, and a record already there fails the change (`InsertOverExisting`),
/// where the tables' own `insertSIM` would read the old one and replace it. So only a
/// change whose events `decide` made in the same transaction (which checked that each
/// SIM is new) may be prepared.
///
/// An event whose effect needs the tables (a read, a replace, a removal) is not taken
/// (`prepare` answers false, keeping nothing of it): it and the events after it are
/// applied on the writer's thread, in order, after the prepared ones.
public struct PreparedInserts: StateStore, IndexMaintenance, Sendable {
    public typealias StoreFailure = ReadModelError

    /// `rm.sims`: sort key, encoded record.
    private(set) var sims: PutList
    /// `rm.index`: key, value.
    private(set) var indexEntries: PutList
    /// The counter moves of the events taken, in order, until `sumCounterMoves`; cut
    /// back with an event not taken.
    private var counterMoves: [(counter: CounterKey, delta: Int64)] = []
    /// The moves summed.
    private var summedCounterMoves: [CounterKey: Int64] = [:]
    private(set) var eventCounts = EventTypeCounts()
    /// The events taken.
    public private(set) var count = 0
    /// Set by a read or a write that needs the tables, during the event being prepared
    /// (a box: the reads are not `mutating`).
    private let needsTables = NeedsTablesFlag()

    /// `expectedEvents`: room made up front, so that a run's buffers are not copied as
    /// they grow (a booked-in SIM's key and record take about 65 bytes, its status
    /// index entry about 30, and one with an IMSI has a second entry).
    public init(expectedEvents: Int = 0) {
        sims = PutList(expected: expectedEvents, bytesEach: 96)
        indexEntries = PutList(expected: expectedEvents, bytesEach: 64)
    }

    /// Evolves `event` into the buffers and counts it; false, with nothing of it kept,
    /// when its effect needs the tables.
    public mutating func prepare(_ event: ProvisioningEvent) -> Bool {
        let marks = (sims.mark, indexEntries.mark, counterMoves.count)
        do {
            try evolve(event, into: &self)
        } catch {
            needsTables.isSet = true
        }
        guard !needsTables.isSet else {
            sims.truncate(to: marks.0)
            indexEntries.truncate(to: marks.1)
            counterMoves.removeSubrange(marks.2...)
            needsTables.isSet = false
            return false
        }
        eventCounts.add(type: event.wireName)
        count += 1
        return true
    }

    /// Sums the counter moves made so far (on the preparing thread, before the run is
    /// handed over): a run of moves of one counter at a time, so a book-in's moves of
    /// one counter reach the Dictionary once a run, not once a SIM.
    public mutating func sumCounterMoves() {
        var run: (counter: CounterKey, delta: Int64)?
        for move in counterMoves {
            if let current = run, current.counter == move.counter {
                run = (current.counter, current.delta + move.delta)
            } else {
                if let run { summedCounterMoves[run.counter, default: 0] += run.delta }
                run = move
            }
        }
        if let run { summedCounterMoves[run.counter, default: 0] += run.delta }
        counterMoves.removeAll()
    }

    /// The counters' changes of the events taken.
    var counterDeltas: [CounterKey: Int64] {
        var summed = self
        summed.sumCounterMoves()
        return summed.summedCounterMoves
    }

    // MARK: Writes it takes

    public mutating func insertSIM(_ record: SIMRecord) throws(ReadModelError) {
        sims.add(sortKeyOf: record.iccid.rawValue, record)
        try updateSIMIndexes(from: nil, to: record)
    }

    mutating func setIndex(_ key: [UInt8], _ value: [UInt8], present: Bool) throws(ReadModelError) {
        guard present else { throw Self.needsTablesError }
        indexEntries.add(key, value)
    }

    mutating func bump(_ counter: CounterKey, _ delta: Int64) {
        counterMoves.append((counter, delta))
    }

    // MARK: Reads and writes that need the tables

    private static let needsTablesError = ReadModelError(NeedsTables(), while: "preparing inserts")

    /// Marks the event being prepared as one for the writer's thread. The read answers
    /// nil: whatever the event does after it is dropped with it.
    private func needTables<T>() -> T? {
        needsTables.isSet = true
        return nil
    }

    public func distributor() -> DistributorRecord? { needTables() }
    public func user(_ username: Username) -> UserRecord? { needTables() }
    public func pbx(_ name: CatalogCode) -> PBXRecord? { needTables() }
    public func product(_ code: CatalogCode) -> ProductRecord? { needTables() }
    public func bundle(_ code: CatalogCode) -> BundleRecord? { needTables() }
    public func roamingPolicy(_ name: CatalogCode) -> RoamingPolicyRecord? { needTables() }
    public func networkProfile(_ name: CatalogCode) -> NetworkProfileRecord? { needTables() }
    public func catalogCodes(_ kind: CatalogKind) -> [CatalogCode] { needTables() ?? [] }
    public func reseller(_ name: Name) -> ResellerRecord? { needTables() }
    public func group(_ name: Name) -> GroupRecord? { needTables() }
    public func groupNames(ofReseller reseller: Name) -> [Name] { needTables() ?? [] }
    public func sim(_ iccid: ICCID) -> SIMRecord? { needTables() }
    public func simHolding(imsi: IMSI) -> ICCID? { needTables() }
    public func firstSIM(in pool: SIMPool) -> ICCID? { needTables() }
    public func number(_ number: PhoneNumber) -> NumberRecord? { needTables() }
    public func subscriber(_ subUID: SubUID) -> SubscriberRecord? { needTables() }
    public func subscriber(named name: Name, inGroup group: Name) -> SubUID? { needTables() }

    public mutating func putDistributor(_ record: DistributorRecord) throws(ReadModelError) { throw Self.needsTablesError }
    public mutating func putUser(_ record: UserRecord) throws(ReadModelError) { throw Self.needsTablesError }
    public mutating func putPBX(_ record: PBXRecord) throws(ReadModelError) { throw Self.needsTablesError }
    public mutating func putProduct(_ record: ProductRecord) throws(ReadModelError) { throw Self.needsTablesError }
    public mutating func putBundle(_ record: BundleRecord) throws(ReadModelError) { throw Self.needsTablesError }
    public mutating func putRoamingPolicy(_ record: RoamingPolicyRecord) throws(ReadModelError) { throw Self.needsTablesError }
    public mutating func putNetworkProfile(_ record: NetworkProfileRecord) throws(ReadModelError) {
        throw Self.needsTablesError
    }
    public mutating func putReseller(_ record: ResellerRecord) throws(ReadModelError) { throw Self.needsTablesError }
    public mutating func putGroup(_ record: GroupRecord) throws(ReadModelError) { throw Self.needsTablesError }
    public mutating func putSIM(_ record: SIMRecord) throws(ReadModelError) { throw Self.needsTablesError }
    public mutating func putNumber(_ record: NumberRecord) throws(ReadModelError) { throw Self.needsTablesError }
    public mutating func putSubscriber(_ record: SubscriberRecord) throws(ReadModelError) { throw Self.needsTablesError }
}

/// Whether the event being prepared needs the tables (`PreparedInserts`). Only the
/// thread that prepares a run touches it; the run is handed over when done.
private final class NeedsTablesFlag: @unchecked Sendable {
    var isSet = false
}

private struct NeedsTables: Error, CustomStringConvertible {
    var description: String { "the event needs the tables" }
}

/// A prepared insert met a record already stored, which `decide` had found absent in
/// the same transaction: the read models are not those of the log.
struct InsertOverExisting: Error, CustomStringConvertible {
    var table: String
    var key: [UInt8]
    var description: String {
        "\(table) already holds the key \(String(decoding: key.dropFirst(), as: UTF8.self)), which the change found absent: "
            + "the read models are out of step with the log (`provctl verify` tells; `provctl replay` rebuilds them)"
    }
}

/// Keys and values to put into one table, in the order added, back to back in one buffer.
struct PutList: Sendable {
    private var bytes: [UInt8] = []
    /// Each entry's key and value lengths.
    private var lengths: [(key: UInt32, value: UInt32)] = []

    /// Where the list stands, to be cut back to (`truncate`).
    struct Mark {
        fileprivate var entries: Int
        fileprivate var bytes: Int
    }

    init(expected: Int, bytesEach: Int) {
        lengths.reserveCapacity(expected)
        bytes.reserveCapacity(expected * bytesEach)
    }

    var count: Int { lengths.count }
    var mark: Mark { Mark(entries: lengths.count, bytes: bytes.count) }

    mutating func add(_ key: [UInt8], _ value: [UInt8]) {
        bytes.append(contentsOf: key)
        bytes.append(contentsOf: value)
        lengths.append((UInt32(key.count), UInt32(value.count)))
    }

    /// Adds a record under the sort key of `digits` (`IndexKey.sortKey(digits:)`), both
    /// written straight into the buffer: no array for either, no closure holding a copy
    /// of the record.
    mutating func add(sortKeyOf digits: String, _ record: some StoredRecord) {
        let start = bytes.count
        IndexKey.appendSortKey(digits: digits, to: &bytes)
        let valueStart = bytes.count
        var writer = ByteWriter(appendingTo: &bytes)
        record.encode(into: &writer)
        writer.handBack(to: &bytes)
        lengths.append((UInt32(valueStart - start), UInt32(bytes.count - valueStart)))
    }

    mutating func truncate(to mark: Mark) {
        lengths.removeSubrange(mark.entries...)
        bytes.removeSubrange(mark.bytes...)
    }

    /// Lends each key and value in the order added, read in place.
    func forEach(_ body: (_ key: UnsafeRawBufferPointer, _ value: UnsafeRawBufferPointer) throws -> Void) rethrows {
        try bytes.withUnsafeBytes { all in
            var offset = 0
            for (key, value) in lengths {
                let keyEnd = offset + Int(key)
                let valueEnd = keyEnd + Int(value)
                try body(UnsafeRawBufferPointer(rebasing: all[offset..<keyEnd]), UnsafeRawBufferPointer(rebasing: all[keyEnd..<valueEnd]))
                offset = valueEnd
            }
        }
    }
}

extension ReadModelStore {
    /// Puts a prepared run's records and index entries and adds its counters and event
    /// counts: what applying its events here would have written. A record already
    /// stored fails the change (`InsertOverExisting`).
    public mutating func apply(_ prepared: PreparedInserts) throws(ReadModelError) {
        do {
            try prepared.sims.forEach { key, value in
                do {
                    try cursors.put(tables.sims, key: key, value: value, flags: .noOverwrite)
                } catch let error as LMDBError where error.code == LMDBError.keyExists.code {
                    throw InsertOverExisting(table: tables.sims.name, key: Array(key))
                }
            }
        } catch {
            throw ReadModelError(error, while: "writing \(tables.sims.name)")
        }
        do {
            try prepared.indexEntries.forEach { key, value in try cursors.put(tables.index, key: key, value: value) }
        } catch {
            throw ReadModelError(error, while: "writing rm.index")
        }
        for (counter, delta) in prepared.counterDeltas { bump(counter, delta) }
        add(prepared.eventCounts)
    }
}
