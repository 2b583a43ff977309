public import LMDB
import Threads
import WireFormat

/// The append-only, hash-chained event log in one LMDB environment.
///
/// Databases: `events` (position → record), `tags` (tag → its positions, sorted duplicates),
/// `commands` (command id → positions written), `meta` (format, chain head). Callers
/// may open more databases in the same environment (the read models, the secrets) and
/// write them in the same transaction as the events: `write` hands the transaction out.
public final class EventLog: Sendable {
    public static let coreDatabases = ["events", "tags", "commands", "meta"]
    /// Version 2: `tags` holds each tag once with its positions as sorted duplicates
    /// (version 1 had one `tag ‖ 0 ‖ position` key per entry).
    static let storeFormat = "provisioning-ledger-log/2"

    public let environment: Environment
    let events: Database
    let tags: Database
    let commands: Database
    let meta: Database

    /// Opens or creates the log at `path` (a directory), with `additionalDatabases`
    /// opened beside the log's own.
    @available(*, noasync)
    public init(path: String, additionalDatabases: [String] = [], options: Environment.Options = .init()) throws {
        environment = try Environment(
            path: path, databases: Self.coreDatabases + additionalDatabases, fixedSizeDuplicates: ["tags"],
            options: options)
        events = environment.database("events")
        tags = environment.database("tags")
        commands = environment.database("commands")
        meta = environment.database("meta")
        try checkFormat()
    }

    private func checkFormat() throws {
        let stored = try environment.read { txn in try txn.get(meta, Array("format".utf8)) }
        if let stored {
            let format = String(decoding: stored, as: UTF8.self)
            guard format == Self.storeFormat else { throw EventLogError.unsupportedFormat(format) }
            return
        }
        try environment.write { txn in
            if try txn.get(meta, Array("format".utf8)) == nil {
                try txn.put(meta, Array("format".utf8), Array(Self.storeFormat.utf8))
            }
        }
    }

    // MARK: Writing

    /// Runs `body` in one write transaction (see `Environment.write`): append with
    /// `append(_:metadata:condition:in:)` and write anything else in the same transaction.
    @available(*, noasync)
    public func write<T>(_ body: (borrowing WriteTransaction) throws -> T) throws -> T {
        try environment.write(body)
    }

    /// Appends `events` in their own write transaction, which may share its commit with
    /// the appends of other threads of this process (group commit, see
    /// `Environment.groupedWrite`); it returns once the events are durable.
    @available(*, noasync)
    @discardableResult
    public func append(
        _ events: [NewEvent], metadata: AppendMetadata, condition: AppendCondition = .none
    ) throws -> AppendResult {
        try environment.groupedWrite { txn in
            try self.append(events, metadata: metadata, condition: condition, in: txn)
        }
    }

    /// Appends `events` inside the caller's write transaction: checks the command id
    /// (a repeated one writes nothing and returns the first result), checks the
    /// condition, assigns the next positions, writes the records (MDB_APPEND: a broken
    /// sequence fails instead of overwriting), the tag index, the chain head and the
    /// command id.
    ///
    /// `recordedAt` is raised to the head's time when the caller's clock is behind, so
    /// time never decreases along the log and "the position at a time" is a binary search.
    public func append(
        _ newEvents: [NewEvent], metadata: AppendMetadata, condition: AppendCondition = .none,
        in txn: borrowing WriteTransaction
    ) throws -> AppendResult {
        try append(NewEventSequence(newEvents), metadata: metadata, condition: condition, in: txn)
    }

    /// The same, for events that may be made as they are encoded (`NewEventSequence`).
    /// A tag that is not valid fails the append wherever it comes, before the caller's
    /// transaction can commit: nothing of it is written.
    ///
    /// `whileEncoding`: other work of the caller's in the same transaction (a change's
    /// read models), done in short steps on this thread while it waits for the
    /// encoding thread's next records; it answers whether it did any (when it did none,
    /// the append waits for the next records before asking again). It is called only
    /// when the records are encoded on a second thread, maybe not at all: the caller
    /// finishes what is left after the append. What it throws fails the append.
    public func append(
        _ newEvents: NewEventSequence, metadata: AppendMetadata, condition: AppendCondition = .none,
        in txn: borrowing WriteTransaction, whileEncoding: (() throws -> Bool)? = nil
    ) throws -> AppendResult {
        let commandKey = Array(metadata.commandID.utf8)
        if !commandKey.isEmpty, let first = try previousResult(commandKey, in: txn) {
            return first
        }
        let head = try self.head(in: txn)
        try check(condition, head: head, in: txn)

        let recordedAt = max(metadata.recordedAt, head.recordedAt)
        let previousHash: [UInt8]
        if newEvents.count >= Self.concurrentEncodingThreshold {
            previousHash = try appendEncodingConcurrently(
                newEvents, metadata: metadata, after: head, recordedAt: recordedAt, in: txn, whileEncoding: whileEncoding)
        } else {
            var previous = head.hash
            let all = 0..<newEvents.count
            var tagIndex = TagIndexWriter(expectedEntries: newEvents.expectedTagEntries(all))
            let chunk = try newEvents.chunk(
                all, firstPosition: head.position + 1,
                shared: RecordCodec.SharedFields(recordedAt: recordedAt, metadata: metadata, trailingTags: newEvents.trailingTags),
                previous: &previous, tagIndex: &tagIndex)
            chunk.handOver(tagIndex)
            try txn.withWriteCursor(self.events) { cursor in try write(chunk, through: cursor, in: txn) }
            previousHash = previous
        }
        let position = head.position + UInt64(newEvents.count)
        let result = AppendResult(
            firstPosition: head.position + 1, count: UInt64(newEvents.count), recordedAt: recordedAt,
            alreadyApplied: false)
        if newEvents.count > 0 {
            try writeHead(LogHead(position: position, hash: previousHash, recordedAt: recordedAt), in: txn)
        }
        if !commandKey.isEmpty {
            var writer = ByteWriter(capacity: 24)
            writer.writeVarint(result.firstPosition)
            writer.writeVarint(result.count)
            writer.writeSignedVarint(result.recordedAt)
            try txn.put(commands, commandKey, writer.bytes, flags: .noOverwrite)
        }
        return result
    }

    /// From this many events an append encodes its records on a second thread while
    /// this one puts them (see `ConcurrentRecordEncoder`); below it, starting the
    /// thread costs more than it saves.
    static let concurrentEncodingThreshold = 512

    /// Writes the records and the tag index of a large append, the records made (when
    /// `newEvents` makes them), checked and encoded on a second thread; returns the
    /// last record's hash.
    private func appendEncodingConcurrently(
        _ newEvents: NewEventSequence, metadata: AppendMetadata, after head: LogHead, recordedAt: Int64,
        in txn: borrowing WriteTransaction, whileEncoding: (() throws -> Bool)?
    ) throws -> [UInt8] {
        let encoder = ConcurrentRecordEncoder.start(
            newEvents, metadata: metadata, firstPosition: head.position + 1, recordedAt: recordedAt,
            previousHash: head.hash)
        return try txn.withWriteCursor(events) { cursor in
            try encoder.drain({ chunk in try write(chunk, through: cursor, in: txn) }, whileWaiting: whileEncoding ?? { false })
        }
    }

    /// Puts a chunk's records through the one cursor of the append, then the tag index
    /// entries handed over with it.
    private func write(
        _ chunk: RecordChunk, through cursor: borrowing WriteCursor, in txn: borrowing WriteTransaction
    ) throws {
        try Self.put(chunk, through: cursor)
        try chunk.writeTagIndex(in: txn, tags)
    }

    /// Puts a chunk's records through the one cursor of the append: an MDB_APPEND
    /// through a cursor already at the end skips the descent from the root that each
    /// `mdb_put` makes, and a key out of sequence fails instead of overwriting.
    private static func put(_ chunk: RecordChunk, through cursor: borrowing WriteCursor) throws {
        try chunk.forEachRecord { position, record in
            var key = position.bigEndian
            try withUnsafeBytes(of: &key) { key in try cursor.put(key: key, value: record, flags: .append) }
        }
    }

    private func previousResult(_ commandKey: [UInt8], in txn: borrowing WriteTransaction) throws -> AppendResult? {
        guard let stored = try txn.get(commands, commandKey) else { return nil }
        return try ByteReader.read(stored) { reader in
            AppendResult(
                firstPosition: try reader.readVarint(), count: try reader.readVarint(),
                recordedAt: try reader.readSignedVarint(), alreadyApplied: true)
        }
    }

    /// The result recorded for a command id, if that command was applied.
    public func result(ofCommand commandID: String, in txn: borrowing some ReadableTransaction & ~Copyable) throws
        -> AppendResult?
    {
        guard let stored = try txn.get(commands, Array(commandID.utf8)) else { return nil }
        return try ByteReader.read(stored) { reader in
            AppendResult(
                firstPosition: try reader.readVarint(), count: try reader.readVarint(),
                recordedAt: try reader.readSignedVarint(), alreadyApplied: true)
        }
    }

    private func check(_ condition: AppendCondition, head: LogHead, in txn: borrowing WriteTransaction) throws {
        if let expected = condition.expectedHead, expected != head.position {
            throw EventLogError.conflict("expected the log head at position \(expected), found \(head.position)")
        }
        if let (conditionTags, after) = condition.tagsUnchangedSince {
            for tag in conditionTags {
                if let position = try firstPosition(tag: tag, after: after, in: txn) {
                    throw EventLogError.conflict("\(tag) changed at position \(position), after position \(after)")
                }
            }
        }
    }

    private func writeHead(_ head: LogHead, in txn: borrowing WriteTransaction) throws {
        var writer = ByteWriter(capacity: 56)
        writer.writeUInt64BigEndian(head.position)
        writer.writeRaw(head.hash)
        writer.writeSignedVarint(head.recordedAt)
        try txn.put(meta, Array("head".utf8), writer.bytes)
    }

    // MARK: Reading

    /// The head as of the transaction's snapshot.
    public func head(in txn: borrowing some ReadableTransaction & ~Copyable) throws -> LogHead {
        guard let stored = try txn.get(meta, Array("head".utf8)) else { return .empty }
        return try ByteReader.read(stored) { reader in
            LogHead(
                position: try reader.readUInt64BigEndian(), hash: try reader.readRaw(count: 32),
                recordedAt: try reader.readSignedVarint())
        }
    }

    @available(*, noasync)
    public func head() throws -> LogHead {
        try environment.read { txn in try head(in: txn) }
    }

    /// The record at `position`, or nil.
    public func record(at position: UInt64, in txn: borrowing some ReadableTransaction & ~Copyable) throws
        -> EventRecord?
    {
        try txn.withValue(events, Keys.position(position)) { try decode($0, expected: position) }
    }

    @available(*, noasync)
    public func record(at position: UInt64) throws -> EventRecord? {
        try environment.read { txn in try record(at: position, in: txn) }
    }

    func decode(_ stored: UnsafeRawBufferPointer, expected position: UInt64) throws -> EventRecord {
        var cache = RecordCodec.DecodeCache()
        return try decode(stored, expected: position, cache: &cache)
    }

    func decode(
        _ stored: UnsafeRawBufferPointer, expected position: UInt64, cache: inout RecordCodec.DecodeCache
    ) throws -> EventRecord {
        do {
            let record = try RecordCodec.decode(stored, cache: &cache)
            guard record.position == position else {
                throw EventLogError.corruptRecord(
                    position: position, "it says position \(record.position)")
            }
            return record
        } catch let error as WireFormatError {
            throw EventLogError.corruptRecord(position: position, error.description)
        }
    }

    /// Visits records in order from `position` (inclusive) within the caller's snapshot;
    /// `body` returns false to stop.
    public func forEach(
        from position: UInt64 = 1, in txn: borrowing some ReadableTransaction & ~Copyable,
        _ body: (EventRecord) throws -> Bool
    ) throws {
        var cache = RecordCodec.DecodeCache()
        try txn.forEach(events, from: Keys.position(position)) { key, value in
            guard let at = Keys.position(from: key) else {
                throw EventLogError.corruptRecord(position: 0, "a key of \(key.count) bytes in events")
            }
            return try body(decode(value, expected: at, cache: &cache))
        }
    }

    /// Visits records backwards from `position` (inclusive; nil: the head).
    public func forEachBackward(
        from position: UInt64? = nil, in txn: borrowing some ReadableTransaction & ~Copyable,
        _ body: (EventRecord) throws -> Bool
    ) throws {
        var cache = RecordCodec.DecodeCache()
        try txn.forEach(events, from: position.map(Keys.position), reverse: true) { key, value in
            guard let at = Keys.position(from: key) else {
                throw EventLogError.corruptRecord(position: 0, "a key of \(key.count) bytes in events")
            }
            return try body(decode(value, expected: at, cache: &cache))
        }
    }

    /// Up to `limit` records from `position`, read in one snapshot.
    @available(*, noasync)
    public func records(from position: UInt64 = 1, limit: Int = .max) throws -> [EventRecord] {
        try environment.read { txn in
            var found: [EventRecord] = []
            guard limit > 0 else { return found }
            try forEach(from: position, in: txn) { record in
                found.append(record)
                return found.count < limit
            }
            return found
        }
    }

    /// The positions of events carrying `tag`, in order, up to `upTo` (inclusive).
    public func positions(
        tag: String, upTo: UInt64 = .max, in txn: borrowing some ReadableTransaction & ~Copyable
    ) throws -> [UInt64] {
        var found: [UInt64] = []
        try txn.forEachValue(tags, key: Array(tag.utf8)) { value in
            guard let position = Keys.position(from: value), position <= upTo else { return false }
            found.append(position)
            return true
        }
        return found
    }

    /// The records carrying `tag`, in order, up to position `upTo` (inclusive), in one snapshot.
    public func records(
        tag: String, upTo: UInt64 = .max, in txn: borrowing some ReadableTransaction & ~Copyable
    ) throws -> [EventRecord] {
        var cache = RecordCodec.DecodeCache()
        return try positions(tag: tag, upTo: upTo, in: txn).map { position in
            let record = try txn.withValue(events, Keys.position(position)) {
                try decode($0, expected: position, cache: &cache)
            }
            guard let record else {
                throw EventLogError.corruptRecord(position: position, "the tag index names it but it is missing")
            }
            return record
        }
    }

    @available(*, noasync)
    public func records(tag: String, upTo: UInt64 = .max) throws -> [EventRecord] {
        try environment.read { txn in try records(tag: tag, upTo: upTo, in: txn) }
    }

    /// The first position after `after` that carries `tag`, if any.
    func firstPosition(tag: String, after: UInt64, in txn: borrowing some ReadableTransaction & ~Copyable) throws
        -> UInt64?
    {
        guard after < .max else { return nil }
        var found: UInt64?
        try txn.forEachValue(tags, key: Array(tag.utf8), from: Keys.position(after + 1)) { value in
            found = Keys.position(from: value)
            return false
        }
        return found
    }

    /// The last position recorded at or before `time` (UTC ms); 0 when the log starts later.
    /// A binary search over positions, which works because recorded-at never decreases.
    public func position(atOrBefore time: Int64, in txn: borrowing some ReadableTransaction & ~Copyable) throws
        -> UInt64
    {
        var low: UInt64 = 1
        var high = try head(in: txn).position
        var best: UInt64 = 0
        while low <= high {
            let middle = low + (high - low) / 2
            let at = try txn.withValue(events, Keys.position(middle)) { try RecordCodec.recordedAt($0) }
            guard let at else { throw EventLogError.corruptRecord(position: middle, "missing") }
            if at <= time {
                best = middle
                low = middle + 1
            } else {
                if middle == 0 { break }
                high = middle - 1
            }
        }
        return best
    }

    @available(*, noasync)
    public func position(atOrBefore time: Int64) throws -> UInt64 {
        try environment.read { txn in try position(atOrBefore: time, in: txn) }
    }
}
