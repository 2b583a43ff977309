public import LMDB
import WireFormat

/// A stored record read in place, for scans that need only some fields (a replay
/// into read models reads the type, the tags and the payload): the envelope is parsed
/// into field offsets without allocating, and each field is decoded when asked for.
///
/// It points into LMDB's memory: valid only inside the closure that lends it
/// (`EventLog.forEachView`), like every value buffer of the `LMDB` module.
/// Strings are checked as UTF-8 when decoded; `verify()` checks the hashes.
public struct EventRecordView {
    public let position: UInt64
    public let recordedAt: Int64
    public let schemaVersion: UInt32
    let stored: UnsafeRawBufferPointer
    // Offsets of the length-prefixed fields, at their length varint.
    let typeAt: Int32, actorAt: Int32, tagsAt: Int32, payloadAt: Int32

    init(_ stored: UnsafeRawBufferPointer, expected: UInt64) throws {
        guard let (body, _) = RecordCodec.split(stored) else {
            throw EventLogError.corruptRecord(position: expected, "record too short to hold a hash")
        }
        self.stored = stored
        do {
            var reader = ByteReader(unsafeBuffer: body)
            guard try reader.readUInt8() == RecordCodec.formatVersion else {
                throw WireFormatError.unknownVersion(UInt64(body[0]))
            }
            position = try reader.readVarint()
            recordedAt = try reader.readSignedVarint()
            typeAt = Int32(reader.offset)
            try reader.skipLengthPrefixed()
            let schema = try reader.readVarint()
            guard schema <= UInt64(UInt32.max) else {
                throw WireFormatError.invalidValue(offset: reader.offset, "schema version \(schema)")
            }
            schemaVersion = UInt32(schema)
            actorAt = Int32(reader.offset)
            try reader.skipLengthPrefixed()  // actor
            try reader.skipLengthPrefixed()  // role
            try reader.skipLengthPrefixed()  // command id
            for _ in 0..<2 where try reader.readUInt8() != 0 { try reader.skipLengthPrefixed() }
            tagsAt = Int32(reader.offset)
            let tagCount = try reader.readLength()
            for _ in 0..<tagCount { try reader.skipLengthPrefixed() }
            payloadAt = Int32(reader.offset)
            try reader.skipLengthPrefixed()
            try reader.expectEnd()
        } catch let error as WireFormatError {
            throw EventLogError.corruptRecord(position: expected, error.description)
        }
        guard position == expected else {
            throw EventLogError.corruptRecord(position: expected, "it says position \(position)")
        }
    }

    private func reading<T>(at offset: Int32, _ body: (inout ByteReader) throws -> T) throws -> T {
        var reader = ByteReader(unsafeBuffer: UnsafeRawBufferPointer(rebasing: stored[..<(stored.count - RecordCodec.hashSize)]))
        try reader.skip(Int(offset))
        do {
            return try body(&reader)
        } catch let error as WireFormatError {
            throw EventLogError.corruptRecord(position: position, error.description)
        }
    }

    /// The event type's wire name.
    public func type() throws -> String { try reading(at: typeAt) { try $0.readString() } }

    /// Lends the type's UTF-8 bytes (unchecked) without making a String.
    public func withTypeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) throws -> R {
        try reading(at: typeAt) { reader in try reader.withRaw(count: try reader.readLength(), body) }
    }

    /// actor, role, command id, correlation id, reason.
    public func metadata() throws -> (actor: String, role: String, commandID: String, correlationID: String?, reason: String?) {
        try reading(at: actorAt) { reader in
            (try reader.readString(), try reader.readString(), try reader.readString(),
             try reader.readOptionalString(), try reader.readOptionalString())
        }
    }

    /// Lends the command id's UTF-8 bytes (unchecked) without making a String.
    public func withCommandIDBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) throws -> R {
        try reading(at: actorAt) { reader in
            try reader.skipLengthPrefixed()  // actor
            try reader.skipLengthPrefixed()  // role
            return try reader.withRaw(count: try reader.readLength(), body)
        }
    }

    public func tags() throws -> [String] { try reading(at: tagsAt) { try $0.readStrings() } }

    /// Lends each tag's UTF-8 bytes (unchecked) in order, without making Strings.
    public func forEachTag(_ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        try reading(at: tagsAt) { reader in
            for _ in 0..<(try reader.readLength()) {
                try reader.withRaw(count: try reader.readLength(), body)
            }
        }
    }

    /// Checks every text field (type, actor, role, command id, correlation id,
    /// reason, tags) as UTF-8 and the optional markers, as a full decode would,
    /// without making Strings: with the envelope parse of `init`, the record decodes.
    public func checkFields() throws {
        // From the type to the payload nothing but strings, their lengths, the schema
        // version and the optional markers: when every byte there is ASCII (lengths and
        // the version below 128, as nearly always), so is every string, and only the
        // markers are left to check; one pass instead of a check a string.
        let ascii = ByteReader.isASCII(UnsafeRawBufferPointer(rebasing: stored[Int(typeAt)..<Int(payloadAt)]))
        if !ascii { try reading(at: typeAt) { try $0.skipString() } }
        try reading(at: actorAt) { reader in
            func string() throws { if ascii { try reader.skipLengthPrefixed() } else { try reader.skipString() } }
            for _ in 0..<3 { try string() }  // actor, role, command id
            for _ in 0..<2 where try reader.readPresence() { try string() }  // correlation id, reason
            if !ascii { for _ in 0..<(try reader.readLength()) { try reader.skipString() } }  // tags
        }
    }

    /// Lends the payload without copying it.
    public func withPayload<R>(_ body: (UnsafeRawBufferPointer) throws -> R) throws -> R {
        try reading(at: payloadAt) { reader in try reader.withRaw(count: try reader.readLength(), body) }
    }

    /// The stored hash (the last 32 bytes), lent.
    public var hash: UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: stored[(stored.count - RecordCodec.hashSize)...]) }

    /// The whole record, decoded and copied.
    public func record() throws -> EventRecord {
        do {
            return try RecordCodec.decode(stored)
        } catch let error as WireFormatError {
            throw EventLogError.corruptRecord(position: position, error.description)
        }
    }
}

extension EventLog {
    /// Visits records in order from `position` as views into the snapshot, decoding
    /// only what `body` asks for; `body` returns false to stop. The fast way to replay.
    public func forEachView(
        from position: UInt64 = 1, in txn: borrowing some ReadableTransaction & ~Copyable,
        _ body: (EventRecordView) throws -> Bool
    ) throws {
        try txn.forEach(events, from: Keys.position(position)) { key, value in
            guard let at = Keys.position(from: key) else {
                throw EventLogError.corruptRecord(position: 0, "a key of \(key.count) bytes in events")
            }
            return try body(EventRecordView(value, expected: at))
        }
    }
}
