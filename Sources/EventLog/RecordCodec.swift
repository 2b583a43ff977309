import Crypto
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
    static let hashSize = 32

    /// Encodes the fields and appends the chained hash. Returns the bytes to store and the hash.
    static func encode(
        position: UInt64, recordedAt: Int64, event: borrowing NewEvent, metadata: borrowing AppendMetadata,
        previousHash: [UInt8]
    ) -> (bytes: [UInt8], hash: [UInt8]) {
        let bytes = previousHash.withUnsafeBytes { previous in
            encode(position: position, recordedAt: recordedAt, event: event, metadata: metadata, previousHash: previous)
        }
        return (bytes, Array(bytes[(bytes.count - hashSize)...]))
    }

    /// Encodes the fields and appends SHA-256(previous hash ‖ those bytes): the record
    /// as stored, whose last 32 bytes are its hash (the next record's previous hash).
    /// One allocation: the buffer is sized for the whole record up front.
    static func encode(
        position: UInt64, recordedAt: Int64, event: borrowing NewEvent, metadata: borrowing AppendMetadata,
        previousHash: UnsafeRawBufferPointer
    ) -> [UInt8] {
        var capacity = 64 + hashSize + event.payload.count + event.type.utf8.count + metadata.actor.utf8.count
            + metadata.role.utf8.count + metadata.commandID.utf8.count + (metadata.correlationID?.utf8.count ?? 0)
            + (metadata.reason?.utf8.count ?? 0)
        for tag in event.tags { capacity += tag.utf8.count + 2 }
        var writer = ByteWriter(capacity: capacity)
        writer.writeUInt8(formatVersion)
        writer.writeVarint(position)
        writer.writeSignedVarint(recordedAt)
        writer.writeString(event.type)
        writer.writeVarint(UInt64(event.schemaVersion))
        writer.writeString(metadata.actor)
        writer.writeString(metadata.role)
        writer.writeString(metadata.commandID)
        writer.writeOptionalString(metadata.correlationID)
        writer.writeOptionalString(metadata.reason)
        writer.writeStrings(event.tags)
        writer.writeBytes(event.payload)
        var bytes = writer.takeBytes()
        let digest = bytes.withUnsafeBytes { body in
            var hasher = SHA256()
            hasher.update(bufferPointer: previousHash)
            hasher.update(bufferPointer: body)
            return hasher.finalize()
        }
        digest.withUnsafeBytes { bytes.append(contentsOf: $0) }
        return bytes
    }

    static func chainHash(previous: [UInt8], body: UnsafeRawBufferPointer) -> [UInt8] {
        previous.withUnsafeBytes { chainHash(previous: $0, body: body) }
    }

    static func chainHash(previous: UnsafeRawBufferPointer, body: UnsafeRawBufferPointer) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(bufferPointer: previous)
        hasher.update(bufferPointer: body)
        return hasher.finalize().withUnsafeBytes { Array($0) }
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
        let at = reader.offset
        switch try reader.readUInt8() {
        case 0: return nil
        case 1: return try reader.readString(reusing: &previous)
        case let other: throw WireFormatError.invalidValue(offset: at, "optional marker \(other)")
        }
    }

    /// Only the recorded-at field (for the binary search on time), read from the front.
    static func recordedAt(_ stored: UnsafeRawBufferPointer) throws -> Int64 {
        var reader = ByteReader(unsafeBuffer: stored)
        _ = try reader.readUInt8()
        _ = try reader.readVarint()
        return try reader.readSignedVarint()
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

    /// `tag bytes ‖ 0x00 ‖ position` (tags never contain NUL): all positions of one
    /// tag are adjacent and in log order.
    static func tag(_ tag: String, _ position: UInt64) -> [UInt8] {
        var key = tagPrefix(tag)
        withUnsafeBytes(of: position.bigEndian) { key.append(contentsOf: $0) }
        return key
    }

    static func tagPrefix(_ tag: String) -> [UInt8] {
        var key = Array(tag.utf8)
        key.append(0)
        return key
    }

    static func validate(tag: String) throws {
        var copy = tag
        let valid = copy.withUTF8 { utf8 in !utf8.isEmpty && utf8.count <= 400 && memchr(utf8.baseAddress!, 0, utf8.count) == nil }
        guard valid else { throw EventLogError.invalidTag(tag) }
    }
}
