/// Reads what `ByteWriter` wrote. Every read checks its bounds and throws
/// `WireFormatError` on truncated or malformed input: a decoder never traps on
/// bytes from disk or from another program.
///
/// The reads are `@inlinable`: they run once per field of every record of a replay,
/// and a call across the module boundary for each cost more than the read itself.
public struct ByteReader: ~Copyable {
    @usableFromInline let base: UnsafeRawBufferPointer
    @usableFromInline var _offset: Int
    /// How many bytes have been read.
    @inlinable public var offset: Int { _offset }

    /// The buffer must outlive the reader; `ByteReader.read(_:_:)` scopes it.
    @inlinable
    public init(unsafeBuffer: UnsafeRawBufferPointer) {
        base = unsafeBuffer
        _offset = 0
    }

    /// Runs `body` with a reader over `bytes`, and fails if `body` left bytes unread.
    @inlinable
    public static func read<T>(
        _ bytes: [UInt8],
        _ body: (inout ByteReader) throws -> T
    ) throws -> T {
        try bytes.withUnsafeBytes { try read(unsafeBuffer: $0, body) }
    }

    @inlinable
    public static func read<T>(
        unsafeBuffer buffer: UnsafeRawBufferPointer,
        _ body: (inout ByteReader) throws -> T
    ) throws -> T {
        var reader = ByteReader(unsafeBuffer: buffer)
        let value = try body(&reader)
        try reader.expectEnd()
        return value
    }

    @inlinable public var remaining: Int { base.count - offset }
    @inlinable public var isAtEnd: Bool { offset == base.count }

    @inlinable
    public func expectEnd() throws {
        if offset != base.count {
            throw WireFormatError.trailingBytes(offset: offset, count: base.count - offset)
        }
    }

    @inlinable
    public mutating func readUInt8() throws -> UInt8 {
        guard offset < base.count else { throw WireFormatError.truncated(offset: offset) }
        let value = base[offset]
        _offset += 1
        return value
    }

    @inlinable
    public mutating func readBool() throws -> Bool {
        let at = offset
        switch try readUInt8() {
        case 0: return false
        case 1: return true
        case let other: throw WireFormatError.invalidValue(offset: at, "boolean byte \(other)")
        }
    }

    // The one-byte paths of `readVarint` and `readLength` are forced inline (their
    // errors built out of line): left to the optimizer they stayed calls, a tenth of
    // a decoding thread's time in `verify` and `replay`.
    @inlinable @inline(__always)
    public mutating func readVarint() throws -> UInt64 {
        // One byte (every count and most lengths): no loop.
        if offset < base.count {
            let first = base[offset]
            if first < 0x80 {
                _offset += 1
                return UInt64(first)
            }
        }
        return try readLongVarint()
    }

    @usableFromInline
    mutating func readLongVarint() throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        let start = offset
        while true {
            guard offset < base.count else { throw WireFormatError.truncated(offset: offset) }
            let byte = base[offset]
            _offset += 1
            if shift == 63 && byte > 1 {
                throw WireFormatError.invalidValue(offset: start, "varint overflows 64 bits")
            }
            result |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
            if shift > 63 { throw WireFormatError.invalidValue(offset: start, "varint longer than 10 bytes") }
        }
    }

    @inlinable
    public mutating func readSignedVarint() throws -> Int64 {
        let raw = try readVarint()
        return Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }

    /// A varint that must fit an `Int` count, and at most `remaining` bytes when it is a length.
    @inlinable @inline(__always)
    public mutating func readLength() throws -> Int {
        let at = offset
        let raw = try readVarint()
        guard raw <= UInt64(remaining) else { throw Self.lengthBeyondEnd(raw, at: at, remaining: remaining) }
        return Int(raw)
    }

    @usableFromInline @inline(never)
    static func lengthBeyondEnd(_ length: UInt64, at offset: Int, remaining: Int) -> WireFormatError {
        .invalidValue(offset: offset, "length \(length) exceeds the \(remaining) bytes left")
    }

    @inlinable
    public mutating func readUInt64BigEndian() throws -> UInt64 {
        guard remaining >= 8 else { throw WireFormatError.truncated(offset: offset) }
        let value = base.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
        _offset += 8
        return UInt64(bigEndian: value)
    }

    /// A UTF-8 string. ASCII takes a fast path, checked eight bytes at a time:
    /// `String(validating:)` is not specialized on Linux and cost a third of the
    /// decode time when measured. (Checking instead that `String(decoding:)` made no
    /// repair, by comparing its UTF-8 with the input, measured slower.)
    @inlinable
    public mutating func readString() throws -> String {
        let count = try readLength()
        let slice = UnsafeRawBufferPointer(rebasing: base[offset..<offset + count])
        let start = offset
        _offset += count
        if Self.isASCII(slice) { return String(decoding: slice, as: UTF8.self) }
        guard let string = String(validating: slice, as: UTF8.self) else {
            throw WireFormatError.invalidValue(offset: start, "string is not valid UTF-8")
        }
        return string
    }

    /// A UTF-8 string; when its bytes are those of `previous`, `previous` itself is
    /// returned (no allocation, no validation) and otherwise replaced by the new one.
    /// For scans, where types, actors and most tags repeat from record to record.
    @inlinable
    public mutating func readString(reusing previous: inout String) throws -> String {
        let count = try readLength()
        let slice = UnsafeRawBufferPointer(rebasing: base[offset..<offset + count])
        // Small strings (up to 15 bytes) live inline and have no contiguous storage
        // to lend; withUTF8 on a copy lends them from the stack.
        var copy = previous
        let same = copy.utf8.count == count && copy.withUTF8 { UnsafeRawBufferPointer($0).hasSameBytes(as: slice) }
        if same {
            _offset += count
            return previous
        }
        let start = offset
        _offset += count
        if Self.isASCII(slice) {
            previous = String(decoding: slice, as: UTF8.self)
            return previous
        }
        guard let string = String(validating: slice, as: UTF8.self) else {
            throw WireFormatError.invalidValue(offset: start, "string is not valid UTF-8")
        }
        previous = string
        return string
    }

    /// Whether every byte is below 0x80, eight at a time.
    @inlinable @inline(__always)
    public static func isASCII(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard var pointer = bytes.baseAddress else { return true }
        let end = pointer + bytes.count
        var high: UInt64 = 0
        while end - pointer >= 8 {
            high |= pointer.loadUnaligned(as: UInt64.self)
            pointer += 8
        }
        while pointer < end {
            high |= UInt64(pointer.load(as: UInt8.self))
            pointer += 1
        }
        return high & 0x8080_8080_8080_8080 == 0
    }

    /// Moves past a string, checking that it is UTF-8, without making a String.
    @inlinable
    public mutating func skipString() throws {
        let count = try readLength()
        let slice = UnsafeRawBufferPointer(rebasing: base[offset..<offset + count])
        let start = offset
        _offset += count
        if Self.isASCII(slice) { return }
        guard String(validating: slice, as: UTF8.self) != nil else {
            throw WireFormatError.invalidValue(offset: start, "string is not valid UTF-8")
        }
    }

    /// The marker before an optional value: 0 (absent) or 1 (a value follows).
    @inlinable
    public mutating func readPresence() throws -> Bool {
        let at = offset
        switch try readUInt8() {
        case 0: return false
        case 1: return true
        case let other: throw WireFormatError.invalidValue(offset: at, "optional marker \(other)")
        }
    }

    /// Moves past an optional string (a 0 or 1 marker, then the string), checking it.
    @inlinable
    public mutating func skipOptionalString() throws {
        if try readPresence() { try skipString() }
    }

    @inlinable
    public mutating func readOptionalString() throws -> String? {
        try readPresence() ? try readString() : nil
    }

    @inlinable
    public mutating func readBytes() throws -> [UInt8] {
        let count = try readLength()
        return try readRaw(count: count)
    }

    @inlinable
    public mutating func readRaw(count: Int) throws -> [UInt8] {
        guard count >= 0, remaining >= count else { throw WireFormatError.truncated(offset: offset) }
        let value = [UInt8](UnsafeRawBufferPointer(rebasing: base[offset..<offset + count]))
        _offset += count
        return value
    }

    /// Lends the next `count` bytes to `body` without copying them.
    @inlinable
    public mutating func withRaw<R>(count: Int, _ body: (UnsafeRawBufferPointer) throws -> R) throws -> R {
        guard count >= 0, remaining >= count else { throw WireFormatError.truncated(offset: offset) }
        let slice = UnsafeRawBufferPointer(rebasing: base[offset..<offset + count])
        _offset += count
        return try body(slice)
    }

    /// Moves past `count` bytes.
    @inlinable
    public mutating func skip(_ count: Int) throws {
        guard count >= 0, remaining >= count else { throw WireFormatError.truncated(offset: offset) }
        _offset += count
    }

    /// Moves past a length-prefixed field (a string or a byte blob) without reading it.
    /// (Forced inline: left a call, it was 3 % of a thread parsing records' envelopes.)
    @inlinable @inline(__always)
    public mutating func skipLengthPrefixed() throws {
        _offset += try readLength()
    }

    @inlinable
    public mutating func readStrings() throws -> [String] {
        let count = try readLength()  // each string takes at least one byte
        var values: [String] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try readString()) }
        return values
    }
}
