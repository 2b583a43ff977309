public import LMDB
import WireFormat

extension EventLog {
    /// Appends a record exported from another store, byte for byte, after checking
    /// that it continues this log: the next position, a hash that chains from the
    /// head, a time not before the head's. Writes the tag index, the head and the
    /// command id as `append` does. Returns the decoded record.
    public func appendExported(_ stored: [UInt8], in txn: borrowing WriteTransaction) throws -> EventRecord {
        let head = try head(in: txn)
        let position = head.position + 1
        let record = try stored.withUnsafeBytes { buffer -> EventRecord in
            guard let (body, hash) = RecordCodec.split(buffer) else {
                throw EventLogError.corruptRecord(position: position, "too short to hold a hash")
            }
            let expected = head.hash.withUnsafeBytes { ChainHashing.hash(previous: $0, body: body) }
            guard hash.hasSameBytes(as: expected) else {
                throw EventLogError.corruptRecord(
                    position: position, "its hash does not chain from the record before (edited, reordered or missing records)")
            }
            return try decode(buffer, expected: position)
        }
        guard record.recordedAt >= head.recordedAt else {
            throw EventLogError.corruptRecord(position: position, "recorded before the record before it")
        }
        for tag in record.tags { try Keys.validate(tag: tag) }
        try txn.put(events, Keys.position(position), stored, flags: .append)
        for (index, tag) in record.tags.enumerated() where !record.tags[..<index].contains(tag) {
            try txn.put(tags, Array(tag.utf8), Keys.position(position), flags: .appendDuplicate)
        }
        try writeHeadForImport(LogHead(position: position, hash: record.hash, recordedAt: record.recordedAt), in: txn)
        if !record.commandID.isEmpty {
            try recordImportedCommand(record, in: txn)
        }
        return record
    }

    /// The records of one command are consecutive: extend its entry, or start one.
    private func recordImportedCommand(_ record: EventRecord, in txn: borrowing WriteTransaction) throws {
        let key = Array(record.commandID.utf8)
        var first = record.position
        var count: UInt64 = 1
        var recordedAt = record.recordedAt
        if let existing = try txn.get(commands, key) {
            let (previousFirst, previousCount, previousTime) = try ByteReader.read(existing) { reader in
                (try reader.readVarint(), try reader.readVarint(), try reader.readSignedVarint())
            }
            guard previousFirst + previousCount == record.position else {
                throw EventLogError.corruptRecord(
                    position: record.position,
                    "command id \(record.commandID) was already used at positions \(previousFirst)-\(previousFirst + previousCount - 1)")
            }
            first = previousFirst
            count = previousCount + 1
            recordedAt = previousTime
        }
        var writer = ByteWriter(capacity: 24)
        writer.writeVarint(first)
        writer.writeVarint(count)
        writer.writeSignedVarint(recordedAt)
        try txn.put(commands, key, writer.bytes)
    }

    private func writeHeadForImport(_ head: LogHead, in txn: borrowing WriteTransaction) throws {
        var writer = ByteWriter(capacity: 56)
        writer.writeUInt64BigEndian(head.position)
        writer.writeRaw(head.hash)
        writer.writeSignedVarint(head.recordedAt)
        try txn.put(meta, Array("head".utf8), writer.bytes)
    }

    /// The stored bytes of the record at `position` (for export), or nil.
    public func storedRecord(at position: UInt64, in txn: borrowing some ReadableTransaction & ~Copyable) throws
        -> [UInt8]?
    {
        try txn.get(events, Keys.position(position))
    }

    /// Visits records in order with their stored bytes (for export and copies).
    public func forEachStored(
        from position: UInt64 = 1, in txn: borrowing some ReadableTransaction & ~Copyable,
        _ body: (EventRecord, UnsafeRawBufferPointer) throws -> Bool
    ) throws {
        try txn.forEach(events, from: Keys.position(position)) { key, value in
            guard let at = Keys.position(from: key) else {
                throw EventLogError.corruptRecord(position: 0, "a key of \(key.count) bytes in events")
            }
            return try body(decode(value, expected: at), value)
        }
    }
}
