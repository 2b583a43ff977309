import WireFormat

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The binary record format, version 1 (docs/storage.md):
///
///     u8      format version (1)
///     varint  position
///     zigzag  recorded-at, UTC ms
///     string  type (wire name)          varint length + UTF-8
///     varint  schema version
///     string  actor, role, command id
///     opt     correlation id, reason    u8 0/1 + string
///     varint  tag count, then strings
///     bytes   payload                   varint length + bytes
///     32      hash = SHA-256(previous hash ‖ every byte above)
///
/// The hash covers the encoded bytes themselves, so verification needs no decoding
/// and any flipped byte before the hash breaks the chain.
enum RecordCodec {
    static let formatVersion: UInt8 = 1
    static let hashSize = ChainHashing.size

    /// The fields every record of one append shares, encoded once for the append:
    /// recorded-at, then actor, role, command id, correlation id and reason. (In the
    /// record, the type and schema version of each event lie between the two.)
    struct SharedFields {
        let recordedAt: [UInt8]
        let metadata: [UInt8]
        /// The tags every event carries after its own (`NewEventSequence.trailingTags`),
        /// encoded as the record holds them.
        let trailingTags: [String]
        let trailingTagBytes: [UInt8]

        init(recordedAt: Int64, metadata: borrowing AppendMetadata, trailingTags: [String] = []) {
            var tags = ByteWriter(capacity: 32)
            for tag in trailingTags { tags.writeString(tag) }
            self.trailingTags = trailingTags
            trailingTagBytes = tags.bytes
            var writer = ByteWriter(capacity: 16)
            writer.writeSignedVarint(recordedAt)
            self.recordedAt = writer.bytes
            var fields = ByteWriter(capacity: 64)
            fields.writeString(metadata.actor)
            fields.writeString(metadata.role)
            fields.writeString(metadata.commandID)
            fields.writeOptionalString(metadata.correlationID)
            fields.writeOptionalString(metadata.reason)
            self.metadata = fields.bytes
        }
    }

    /// The most bytes `encode(…into:)` writes for `event`: every varint at its longest.
    static func maximumSize(of event: borrowing NewEvent, shared: borrowing SharedFields) -> Int {
        var capacity = 1 + 10 + shared.recordedAt.count + 10 + event.type.utf8.count + 10 + shared.metadata.count
        capacity += 10 + 10 + event.payload.count + hashSize
        for tag in event.tags { capacity += tag.utf8.count + 10 }
        return capacity + shared.trailingTagBytes.count
    }

    /// The same for an event written as `EventFields`.
    static func maximumSize(of fields: borrowing EventFields, shared: borrowing SharedFields) -> Int {
        1 + 10 + shared.recordedAt.count + 10 + fields.type.utf8.count + 10 + shared.metadata.count
            + 10 + fields.tags.bytes.count + shared.trailingTagBytes.count + 10 + fields.payload.count + hashSize
    }

    /// The same as `encode(position:event:…)`, for an event written as `EventFields`
    /// (its tags already in the record's form).
    static func encode(
        position: UInt64, fields: borrowing EventFields, shared: borrowing SharedFields,
        previousHash: UnsafeRawBufferPointer, into destination: UnsafeMutablePointer<UInt8>
    ) -> Int {
        fields.payload.bytes.withUnsafeBytes { payload in
            encode(
                position: position, type: fields.type, schemaVersion: fields.schemaVersion, tagCount: fields.tags.count,
                tags: { writer in fields.tags.bytes.bytes.withUnsafeBytes { writer.write($0) } }, payload: payload,
                shared: shared, previousHash: previousHash, into: destination)
        }
    }

    /// Encodes the fields and appends SHA-256(previous hash ‖ those bytes) at
    /// `destination`, which has room for `maximumSize(of:shared:)` bytes; returns how many
    /// it wrote. The record as stored: its last 32 bytes are its hash (the next record's
    /// previous hash). `previousHash` may lie in the same buffer, just before `destination`.
    static func encode(
        position: UInt64, event: borrowing NewEvent, shared: borrowing SharedFields,
        previousHash: UnsafeRawBufferPointer, into destination: UnsafeMutablePointer<UInt8>
    ) -> Int {
        event.payload.withUnsafeBytes { payload in
            encode(
                position: position, type: event.type, schemaVersion: event.schemaVersion, tagCount: event.tags.count,
                tags: { writer in
                    event.tags.withUnsafeBufferPointer { tags in
                        for index in tags.indices { writer.write(tags[index]) }
                    }
                }, payload: payload, shared: shared, previousHash: previousHash, into: destination)
        }
    }

    /// The record's layout, once: the event's own tags written by `tags` (`tagCount`
    /// of them), the append's trailing tags after them.
    @inline(__always)
    private static func encode(
        position: UInt64, type: String, schemaVersion: UInt32, tagCount: Int, tags: (inout RawWriter) -> Void,
        payload: UnsafeRawBufferPointer, shared: borrowing SharedFields, previousHash: UnsafeRawBufferPointer,
        into destination: UnsafeMutablePointer<UInt8>
    ) -> Int {
        var writer = RawWriter(destination)
        writer.write(formatVersion)
        writer.writeVarint(position)
        shared.recordedAt.withUnsafeBytes { writer.write($0) }
        writer.write(type)
        writer.writeVarint(UInt64(schemaVersion))
        shared.metadata.withUnsafeBytes { writer.write($0) }
        writer.writeVarint(UInt64(tagCount + shared.trailingTags.count))
        tags(&writer)
        shared.trailingTagBytes.withUnsafeBytes { writer.write($0) }
        writer.writeVarint(UInt64(payload.count))
        writer.write(payload)
        let bodyCount = writer.count(from: destination)
        ChainHashing.hash(
            previous: previousHash, body: UnsafeRawBufferPointer(start: destination, count: bodyCount),
            into: destination + bodyCount)
        return bodyCount + hashSize
    }

    /// The stored hash and the bytes it covers, without decoding anything else.
    static func split(_ stored: UnsafeRawBufferPointer) -> (body: UnsafeRawBufferPointer, hash: UnsafeRawBufferPointer)? {
        guard stored.count > hashSize else { return nil }
        let bodyCount = stored.count - hashSize
        return (UnsafeRawBufferPointer(rebasing: stored[0..<bodyCount]),
                UnsafeRawBufferPointer(rebasing: stored[bodyCount...]))
    }

    static func decode(_ stored: UnsafeRawBufferPointer) throws -> EventRecord {
        var cache = DecodeCache()
        return try decode(stored, cache: &cache)
    }

    /// The strings of the record decoded last: a scan hands the same cache to every
    /// record, and a field equal to the previous record's (the type, the actor, the
    /// command id, the reseller and group tags) costs a comparison, not a new String.
    struct DecodeCache {
        var type = "", actor = "", role = "", commandID = "", correlationID = "", reason = ""
        var tags: [String] = []
    }

    static func decode(_ stored: UnsafeRawBufferPointer, cache: inout DecodeCache) throws -> EventRecord {
        guard let (body, hash) = split(stored) else {
            throw WireFormatError.truncated(offset: stored.count)
        }
        return try ByteReader.read(unsafeBuffer: body) { reader in
            let version = try reader.readUInt8()
            guard version == formatVersion else { throw WireFormatError.unknownVersion(UInt64(version)) }
            let position = try reader.readVarint()
            let recordedAt = try reader.readSignedVarint()
            let type = try reader.readString(reusing: &cache.type)
            let schemaVersion = try reader.readVarint()
            guard schemaVersion <= UInt64(UInt32.max) else {
                throw WireFormatError.invalidValue(offset: reader.offset, "schema version \(schemaVersion)")
            }
            let actor = try reader.readString(reusing: &cache.actor)
            let role = try reader.readString(reusing: &cache.role)
            let commandID = try reader.readString(reusing: &cache.commandID)
            let correlationID = try readOptionalString(&reader, reusing: &cache.correlationID)
            let reason = try readOptionalString(&reader, reusing: &cache.reason)
            let tagCount = try reader.readLength()  // each tag takes at least one byte
            var tags: [String] = []
            tags.reserveCapacity(tagCount)
            for index in 0..<tagCount {
                if index == cache.tags.count { cache.tags.append("") }
                tags.append(try reader.readString(reusing: &cache.tags[index]))
            }
            let payload = try reader.readBytes()
            return EventRecord(
                position: position, recordedAt: recordedAt, type: type, schemaVersion: UInt32(schemaVersion),
                actor: actor, role: role, commandID: commandID, correlationID: correlationID, reason: reason,
                tags: tags, payload: payload, hash: [UInt8](hash))
        }
    }

    private static func readOptionalString(_ reader: inout ByteReader, reusing previous: inout String) throws -> String? {
        try reader.readPresence() ? try reader.readString(reusing: &previous) : nil
    }

    /// Only the recorded-at field (for the binary search on time), read from the front.
    static func recordedAt(_ stored: UnsafeRawBufferPointer) throws -> Int64 {
        var reader = ByteReader(unsafeBuffer: stored)
        _ = try reader.readUInt8()
        _ = try reader.readVarint()
        return try reader.readSignedVarint()
    }
}

/// Writes the record format straight into a buffer sized beforehand (`encode` makes
/// one allocation per record): the same bytes as `ByteWriter`, without an array
/// append (and its capacity check) per byte.
struct RawWriter {
    private var pointer: UnsafeMutablePointer<UInt8>

    init(_ start: UnsafeMutablePointer<UInt8>) { pointer = start }

    func count(from start: UnsafeMutablePointer<UInt8>) -> Int { pointer - start }

    @inline(__always)
    mutating func write(_ byte: UInt8) {
        pointer.pointee = byte
        pointer += 1
    }

    @inline(__always)
    mutating func writeVarint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            write(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        write(UInt8(v))
    }

    @inline(__always)
    mutating func write(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        UnsafeMutableRawPointer(pointer).copyMemory(from: base, byteCount: bytes.count)
        pointer += bytes.count
    }

    /// A string: varint length, then its UTF-8.
    @inline(__always)
    mutating func write(_ string: String) {
        string.withUTF8Buffer { utf8 in
            writeVarint(UInt64(utf8.count))
            write(UnsafeRawBufferPointer(utf8))
        }
    }
}

/// Big-endian keys, so LMDB's byte order is numeric order.
enum Keys {
    static func position(_ position: UInt64) -> [UInt8] {
        withUnsafeBytes(of: position.bigEndian) { [UInt8]($0) }
    }

    static func position(from key: UnsafeRawBufferPointer) -> UInt64? {
        guard key.count == 8 else { return nil }
        return UInt64(bigEndian: key.loadUnaligned(as: UInt64.self))
    }

    static func validate(tag: String) throws {
        guard tag.withUTF8Buffer(isValid(tag:)) else { throw EventLogError.invalidTag(tag) }
    }

    /// A tag is 1 to 400 bytes of UTF-8 without a NUL (LMDB's key limit is 511).
    static func isValid(tag utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        !utf8.isEmpty && utf8.count <= 400 && memchr(utf8.baseAddress!, 0, utf8.count) == nil
    }
}
