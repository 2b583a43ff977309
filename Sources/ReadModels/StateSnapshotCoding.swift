public import Provisioning
import LMDB
import WireFormat

/// The bytes of a state snapshot: the domain's whole state at one log position, as
/// one deterministic byte stream (the Engine cuts it into chunks and checksums it).
///
/// The stream is the record tables of the read models, copied value by value in
/// key order (their values already are the records' encoding, `RecordCoding`), plus
/// the per-event-type counters, which no record holds. The indexes and the other
/// counters are not stored: they are derived from the records by the `put` methods
/// of whichever `StateStore` the snapshot is loaded into (`InMemoryState` for a read
/// of the past, `ReadModelStore` for a copy of the store), exactly as `evolve` keeps
/// them. Layout, version 1:
///
/// ```
/// for each section, in the order of `Section`:
///   varint  section number
///   varint  entry count
///   entries: a record section's entry is the stored record, front coded
///            against the entry before it (`FrontCodedWriter`);
///            the event counters' entry is a string (event type) and a varint
/// ```
/// Version 1 held each record whole (`bytes`).
public enum StateSnapshotCoding {
    /// The layout above. A change of it, or of `recordFormatVersion`, makes older
    /// snapshots unusable (they are skipped, and `replay` writes new ones).
    public static let layoutVersion: UInt64 = 2
    /// The encoding of the records inside (`RecordCoding`).
    public static var recordFormatVersion: UInt64 { RecordCoding.formatVersion }

    enum Section: UInt64, CaseIterable {
        case distributor = 1, users, pbx, products, bundles, roamingPolicies, networkProfiles, resellers, groups,
            sims, numbers, subscribers, eventCounters

        /// The kind of record a `PartialState` may hold alone, for the three inventories.
        var kind: RecordKinds? {
            switch self {
            case .sims: .sims
            case .numbers: .numbers
            case .subscribers: .subscribers
            default: nil
            }
        }
    }

    /// Writes the state held by `store`'s tables (its counters must be finished)
    /// as the snapshot stream, handing it to `emit` in pieces of `chunkSize` bytes
    /// (the last one shorter).
    public static func encode(
        _ store: ReadModelStore, chunkSize: Int, emit: (UnsafeRawBufferPointer) throws -> Void
    ) throws {
        try withoutActuallyEscaping(emit) { emit in try encode(store, into: ChunkedStream(chunkSize: chunkSize, emit: emit)) }
    }

    private static func encode(_ store: ReadModelStore, into stream: consuming ChunkedStream) throws {
        let tables = store.tables
        for section in Section.allCases {
            if section == .eventCounters {
                stream.writer.writeVarint(section.rawValue)
                let counters = try store.counters(withPrefix: eventCounterPrefix)
                try stream.writeCounters(counters.map { (String($0.dropFirst(eventCounterPrefix.count)), $1) })
                continue
            }
            let database = tables.database(for: section)
            stream.startSection(section, entries: try store.txn.count(database))
            try store.txn.forEach(database) { _, value in
                try stream.writeEntry(value)
                return true
            }
        }
        try stream.end()
    }

    /// Writes an in-memory state as the snapshot stream, the same bytes `encode`
    /// gives for read models holding that state; `eventCounts` are the events of
    /// each type so far (the types in any order).
    public static func encode(
        _ state: KeyOrderedState, eventCounts: [(type: String, count: Int64)], chunkSize: Int,
        emit: (UnsafeRawBufferPointer) throws -> Void
    ) throws {
        try withoutActuallyEscaping(emit) { emit in
            try encode(state, eventCounts: eventCounts, into: ChunkedStream(chunkSize: chunkSize, emit: emit))
        }
    }

    private static func encode(
        _ state: KeyOrderedState, eventCounts: [(type: String, count: Int64)], into stream: consuming ChunkedStream
    ) throws {
        func section<R: StoredRecord & Sendable>(_ section: Section, _ records: [R]) throws {
            try orderedSection(section, RecordsInKeyOrder(sorted: records))
        }
        func orderedSection<R: StoredRecord & Sendable>(_ section: Section, _ records: RecordsInKeyOrder<R>) throws {
            stream.startSection(section, entries: records.count)
            try records.forEach { try stream.writeRecord($0) }
        }
        try section(.distributor, state.distributor.map { [$0] } ?? [])
        try section(.users, state.users)
        try section(.pbx, state.pbxs)
        try section(.products, state.products)
        try section(.bundles, state.bundles)
        try section(.roamingPolicies, state.roamingPolicies)
        try section(.networkProfiles, state.networkProfiles)
        try section(.resellers, state.resellers)
        try section(.groups, state.groups)
        try orderedSection(.sims, state.sims)
        try orderedSection(.numbers, state.numbers)
        try orderedSection(.subscribers, state.subscribers)
        stream.writer.writeVarint(Section.eventCounters.rawValue)
        // The counters table's order: by the bytes of the type; a type never seen is absent.
        try stream.writeCounters(
            eventCounts.filter { $0.count > 0 }.sorted { $0.type.utf8.lexicographicallyPrecedes($1.type.utf8) })
        try stream.end()
    }

    /// The stream being written, handed on in pieces of `chunkSize` bytes. One
    /// buffer is reused for the whole stream (a new megabyte a chunk cost a page
    /// fault every 4 KiB).
    private struct ChunkedStream {
        let chunkSize: Int
        let emit: (UnsafeRawBufferPointer) throws -> Void
        var writer: ByteWriter
        private var entries = FrontCodedWriter()
        /// A record encoded, before it is front coded (reused).
        private var scratch = ByteWriter(capacity: 256)

        init(chunkSize: Int, emit: @escaping (UnsafeRawBufferPointer) throws -> Void) {
            self.chunkSize = chunkSize
            self.emit = emit
            writer = ByteWriter(capacity: chunkSize + 4096)
        }

        /// A record section's number and entry count.
        mutating func startSection(_ section: Section, entries count: Int) {
            writer.writeVarint(section.rawValue)
            writer.writeVarint(count)
            entries.startSection()
        }

        /// A stored record, as the table holds it.
        mutating func writeEntry(_ value: UnsafeRawBufferPointer) throws {
            entries.write(value, to: &writer)
            if writer.count >= chunkSize { try flushFull() }
        }

        /// A record, encoded as the table would hold it.
        mutating func writeRecord(_ record: some StoredRecord) throws {
            scratch.removeAll()
            record.encode(into: &scratch)
            try scratch.bytes.withUnsafeBytes { try writeEntry($0) }
        }

        mutating func writeCounters(_ counters: [(String, Int64)]) throws {
            writer.writeVarint(counters.count)
            for (type, count) in counters {
                writer.writeString(type)
                writer.writeVarint(UInt64(count))
            }
        }

        mutating func end() throws {
            try flushFull()
            if !writer.bytes.isEmpty { try writer.bytes.withUnsafeBytes { try emit($0) } }
        }

        private mutating func flushFull() throws {
            while writer.count >= chunkSize {
                try writer.bytes.withUnsafeBytes { try emit(UnsafeRawBufferPointer(rebasing: $0[..<chunkSize])) }
                writer.removeFirst(chunkSize)
            }
        }
    }

    /// Puts every record of a snapshot stream into `state` (through its `put`
    /// methods, which build its indexes) and hands each event counter to `count`.
    /// Throws on any malformed or truncated byte; never traps.
    public static func load<State: StateStore>(
        _ bytes: UnsafeRawBufferPointer, into state: inout State, count: (String, Int64) throws -> Void = { _, _ in }
    ) throws {
        var records = FrontCodedReader()
        try forEachSection(bytes) { expected, entries, reader in
            records.startSection()
            for _ in 0..<entries {
                switch expected {
                case .eventCounters:
                    let type = try reader.readString()
                    try count(type, Int64(clamping: try reader.readVarint()))
                case .distributor: try state.putDistributor(try records.read(&reader))
                case .users: try state.putUser(try records.read(&reader))
                case .pbx: try state.putPBX(try records.read(&reader))
                case .products: try state.putProduct(try records.read(&reader))
                case .bundles: try state.putBundle(try records.read(&reader))
                case .roamingPolicies: try state.putRoamingPolicy(try records.read(&reader))
                case .networkProfiles: try state.putNetworkProfile(try records.read(&reader))
                case .resellers: try state.putReseller(try records.read(&reader))
                case .groups: try state.putGroup(try records.read(&reader))
                case .sims: try state.insertSIM(try records.read(&reader))
                case .numbers: try state.putNumber(try records.read(&reader))
                case .subscribers: try state.putSubscriber(try records.read(&reader))
                }
            }
        }
    }

    /// Puts the records of `kinds` only into `state`: the other sections are
    /// stepped over entry by entry (each is length-prefixed) without decoding, so a
    /// listing of SIMs decodes the SIM section alone. Throws like `load`.
    public static func load(_ bytes: UnsafeRawBufferPointer, into state: inout PartialState) throws {
        var records = FrontCodedReader()
        try forEachSection(bytes) { expected, entries, reader in
            guard let kind = expected.kind, state.kinds.contains(kind) else {
                for _ in 0..<entries {
                    if expected == .eventCounters {
                        try reader.skipLengthPrefixed()
                        _ = try reader.readVarint()
                    } else {
                        try FrontCodedReader.skip(&reader)
                    }
                }
                return
            }
            records.startSection()
            // Each entry takes at least one byte: a corrupt count cannot reserve more.
            state.reserveCapacity(Int(clamping: min(entries, UInt64(reader.remaining))), for: kind)
            for _ in 0..<entries {
                let at = reader.offset
                let inOrder =
                    switch kind {
                    case .sims: state.appendLoaded(try records.read(&reader) as SIMRecord)
                    case .numbers: state.appendLoaded(try records.read(&reader) as NumberRecord)
                    default: state.appendLoaded(try records.read(&reader) as SubscriberRecord)
                    }
                guard inOrder else {
                    throw WireFormatError.invalidValue(offset: at, "snapshot section \(expected.rawValue) is not in key order")
                }
            }
        }
    }

    /// Walks the stream's sections in their order: checks each one's number, hands
    /// its entry count and the reader at its first entry to `body`, which reads (or
    /// steps over) every entry; then checks that nothing is left.
    private static func forEachSection(
        _ bytes: UnsafeRawBufferPointer, _ body: (Section, UInt64, inout ByteReader) throws -> Void
    ) throws {
        var reader = ByteReader(unsafeBuffer: bytes)
        for expected in Section.allCases {
            let at = reader.offset
            let number = try reader.readVarint()
            guard number == expected.rawValue else {
                throw WireFormatError.invalidValue(offset: at, "snapshot section \(number), expected \(expected.rawValue)")
            }
            try body(expected, try reader.readVarint(), &reader)
        }
        try reader.expectEnd()
    }


    static let eventCounterPrefix = "events:"
}

extension ReadModelTables {
    fileprivate func database(for section: StateSnapshotCoding.Section) -> Database {
        switch section {
        case .distributor: distributor
        case .users: users
        case .pbx: pbx
        case .products: products
        case .bundles: bundles
        case .roamingPolicies: roamingPolicies
        case .networkProfiles: networkProfiles
        case .resellers: resellers
        case .groups: groups
        case .sims: sims
        case .numbers: numbers
        case .subscribers: subscribers
        case .eventCounters: counts
        }
    }
}
