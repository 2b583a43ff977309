import WireFormat

/// What a stored snapshot is: the position it reflects, how its stream was encoded,
/// and how to check it (chunk count, byte count, SHA-256 of the whole stream).
/// Stored in `snapshots` under the position (8 bytes, big-endian); format below.
///
/// ```
/// u8      manifest format (1)
/// varint  position (again: a manifest under another key is refused)
/// zigzag  recorded-at of that position, UTC ms
/// varint  stream layout version (StateSnapshotCoding.layoutVersion)
/// varint  record format version (RecordCoding.formatVersion)
/// varint  chunk count, varint byte count
/// 32      SHA-256 of the stream (the chunks' bytes in order)
/// ```
public struct SnapshotManifest: Hashable, Sendable {
    static let format: UInt8 = 1

    public var position: UInt64
    public var recordedAt: Int64
    public var layoutVersion: UInt64
    public var recordFormatVersion: UInt64
    public var chunkCount: UInt64
    public var byteCount: UInt64
    public var sha256: [UInt8]

    var encoded: [UInt8] {
        var writer = ByteWriter(capacity: 64)
        writer.writeUInt8(Self.format)
        writer.writeVarint(position)
        writer.writeSignedVarint(recordedAt)
        writer.writeVarint(layoutVersion)
        writer.writeVarint(recordFormatVersion)
        writer.writeVarint(chunkCount)
        writer.writeVarint(byteCount)
        writer.writeRaw(sha256)
        return writer.bytes
    }

    init(
        position: UInt64, recordedAt: Int64, layoutVersion: UInt64, recordFormatVersion: UInt64, chunkCount: UInt64,
        byteCount: UInt64, sha256: [UInt8]
    ) {
        self.position = position
        self.recordedAt = recordedAt
        self.layoutVersion = layoutVersion
        self.recordFormatVersion = recordFormatVersion
        self.chunkCount = chunkCount
        self.byteCount = byteCount
        self.sha256 = sha256
    }

    init(decoding bytes: [UInt8]) throws {
        self = try ByteReader.read(bytes) { reader in
            let at = reader.offset
            let format = try reader.readUInt8()
            guard format == Self.format else { throw WireFormatError.invalidValue(offset: at, "manifest format \(format)") }
            return SnapshotManifest(
                position: try reader.readVarint(), recordedAt: try reader.readSignedVarint(),
                layoutVersion: try reader.readVarint(), recordFormatVersion: try reader.readVarint(),
                chunkCount: try reader.readVarint(), byteCount: try reader.readVarint(),
                sha256: try reader.readRaw(count: 32))
        }
    }
}

/// Why a stored snapshot was not used: it is derived data, so the read falls back
/// to an older snapshot or to the log itself, and `verify` reports it.
public struct SnapshotProblem: Error, Hashable, Sendable, CustomStringConvertible {
    public var position: UInt64
    public var what: String

    public var description: String { "snapshot at position \(position): \(what)" }
}
