/// Appends values to a growing byte buffer in the project's binary wire format:
/// unsigned integers as LEB128 varints, fixed-width integers big-endian, strings and
/// byte blobs as a varint length followed by the bytes.
///
/// The format is the storage format of the event log: changing how a value is
/// written here changes what is on disk, so every change needs a new schema version.
///
/// The writes are `@inlinable`: they run once per field of every appended record.
public struct ByteWriter: Sendable {
    @usableFromInline var _bytes: [UInt8]
    /// The bytes written so far.
    @inlinable public var bytes: [UInt8] { _bytes }

    @inlinable
    public init(capacity: Int = 256) {
        _bytes = []
        _bytes.reserveCapacity(capacity)
    }

    @inlinable
    public mutating func writeVarint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            _bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        _bytes.append(UInt8(v))
    }

    @inlinable
    public mutating func writeVarint(_ value: Int) {
        precondition(value >= 0, "varints are unsigned")
        writeVarint(UInt64(value))
    }

    /// A signed integer, zig-zag encoded so that small negative numbers stay short.
    @inlinable
    public mutating func writeSignedVarint(_ value: Int64) {
        writeVarint(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }

    @inlinable
    public mutating func writeUInt8(_ value: UInt8) {
        _bytes.append(value)
    }

    @inlinable
    public mutating func writeBool(_ value: Bool) {
        _bytes.append(value ? 1 : 0)
    }

    @inlinable
    public mutating func writeUInt64BigEndian(_ value: UInt64) {
        withUnsafeBytes(of: value.bigEndian) { _bytes.append(contentsOf: $0) }
    }

    @inlinable
    public mutating func writeString(_ value: String) {
        // Read in place: a native or small string lends its UTF-8 without a copy of
        // the String (whose retain and release were a tenth of a snapshot's encoding).
        let written: Void? = value.utf8.withContiguousStorageIfAvailable { utf8 in
            writeVarint(utf8.count)
            _bytes.append(contentsOf: utf8)
        }
        if written == nil {
            var copy = value  // a bridged string: made native first
            copy.withUTF8 { utf8 in
                writeVarint(utf8.count)
                _bytes.append(contentsOf: utf8)
            }
        }
    }

    /// An optional string: a presence byte, then the string.
    @inlinable
    public mutating func writeOptionalString(_ value: String?) {
        if let value {
            _bytes.append(1)
            writeString(value)
        } else {
            _bytes.append(0)
        }
    }

    @inlinable
    public mutating func writeBytes<C: Collection>(_ value: C) where C.Element == UInt8 {
        writeVarint(value.count)
        _bytes.append(contentsOf: value)
    }

    /// Raw bytes with no length prefix (for fixed-size fields such as a hash).
    @inlinable
    public mutating func writeRaw<C: Collection>(_ value: C) where C.Element == UInt8 {
        _bytes.append(contentsOf: value)
    }

    /// How many bytes have been written.
    @inlinable public var count: Int { _bytes.count }

    /// What `body` writes, as `bytes` (a varint length, then the bytes) without a copy:
    /// a one-byte length is reserved first and widened afterwards if the value turned
    /// out to be 128 bytes or more.
    @inlinable
    public mutating func writeLengthPrefixed(_ body: (inout ByteWriter) throws -> Void) rethrows {
        let start = _bytes.count
        _bytes.append(0)
        try body(&self)
        let length = _bytes.count - start - 1
        if length < 0x80 {
            _bytes[start] = UInt8(length)
        } else {
            var prefix = ByteWriter(capacity: 10)
            prefix.writeVarint(length)
            _bytes.replaceSubrange(start..<start + 1, with: prefix._bytes)
        }
    }

    @inlinable
    public mutating func writeStrings(_ values: [String]) {
        writeVarint(values.count)
        for value in values { writeString(value) }
    }

    /// Makes room for `count` more bytes without writing them.
    @inlinable
    public mutating func reserveCapacity(additional count: Int) {
        _bytes.reserveCapacity(_bytes.count + count)
    }

    /// Forgets the first `count` bytes, keeping the buffer and its capacity.
    @inlinable
    public mutating func removeFirst(_ count: Int) {
        _bytes.removeFirst(count)
    }

    /// Forgets every byte, keeping the capacity: a scratch writer reused.
    @inlinable
    public mutating func removeAll() {
        _bytes.removeAll(keepingCapacity: true)
    }

    /// A writer that appends to `bytes`, taken over without a copy (`bytes` is left
    /// empty until `handBack`): records encoded one after another into one buffer.
    @inlinable
    public init(appendingTo bytes: inout [UInt8]) {
        _bytes = []
        swap(&_bytes, &bytes)
    }

    /// Gives the buffer, with what was written, back to where it came from
    /// (`init(appendingTo:)`), without a copy; the writer is left empty.
    @inlinable
    public mutating func handBack(to bytes: inout [UInt8]) {
        swap(&_bytes, &bytes)
        _bytes = []
    }

    /// Hands the buffer over and leaves the writer empty (no copy).
    @inlinable
    public mutating func takeBytes() -> [UInt8] {
        defer { _bytes = [] }
        return _bytes
    }
}
