/// Reads what `ByteWriter` wrote. Every read checks its bounds and throws
/// `WireFormatError` on truncated or malformed input: a decoder never traps on
/// bytes from disk or from another program.
public struct ByteReader: ~Copyable {
    private let base: UnsafeRawBufferPointer
    public private(set) var offset: Int

    /// The buffer must outlive the reader; `ByteReader.read(_:_:)` scopes it.
    public init(unsafeBuffer: UnsafeRawBufferPointer) {
        base = unsafeBuffer
        offset = 0
    }

    /// Runs `body` with a reader over `bytes`, and fails if `body` left bytes unread.
    public static func read<T>(
        _ bytes: [UInt8],
        _ body: (inout ByteReader) throws -> T
    ) throws -> T {
        try bytes.withUnsafeBytes { try read(unsafeBuffer: $0, body) }
    }

    public static func read<T>(
        unsafeBuffer buffer: UnsafeRawBufferPointer,
        _ body: (inout ByteReader) throws -> T
    ) throws -> T {
        var reader = ByteReader(unsafeBuffer: buffer)
        let value = try body(&reader)
        try reader.expectEnd()
        return value
    }

    public var remaining: Int { base.count - offset }
    public var isAtEnd: Bool { offset == base.count }

    public func expectEnd() throws {
        if offset != base.count {
            throw WireFormatError.trailingBytes(offset: offset, count: base.count - offset)
        }
    }

    public mutating func readUInt8() throws -> UInt8 {
        guard offset < base.count else { throw WireFormatError.truncated(offset: offset) }
        let value = base[offset]
        offset += 1
        return value
    }

    public mutating func readBool() throws -> Bool {
        let at = offset
        switch try readUInt8() {
        case 0: return false
        case 1: return true
        case let other: throw WireFormatError.invalidValue(offset: at, "boolean byte \(other)")
        }
    }

    public mutating func readVarint() throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        let start = offset
        while true {
            guard offset < base.count else { throw WireFormatError.truncated(offset: offset) }
            let byte = base[offset]
            offset += 1
            if shift == 63 && byte > 1 {
                throw WireFormatError.invalidValue(offset: start, "varint overflows 64 bits")
            }
            result |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
            if shift > 63 { throw WireFormatError.invalidValue(offset: start, "varint longer than 10 bytes") }
        }
    }

    public mutating func readSignedVarint() throws -> Int64 {
        let raw = try readVarint()
        return Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }

    /// A varint that must fit an `Int` count, and at most `remaining` bytes when it is a length.
    public mutating func readLength() throws -> Int {
        let at = offset
        let raw = try readVarint()
        guard raw <= UInt64(remaining) else {
            throw WireFormatError.invalidValue(offset: at, "length \(raw) exceeds the \(remaining) bytes left")
        }
        return Int(raw)
    }

    public mutating func readUInt64BigEndian() throws -> UInt64 {
        guard remaining >= 8 else { throw WireFormatError.truncated(offset: offset) }
        var value: UInt64 = 0
        for i in 0..<8 { value = value << 8 | UInt64(base[offset + i]) }
        offset += 8
        return value
    }

    /// A UTF-8 string. ASCII takes a fast path: `String(validating:)` is not
    /// specialized on Linux and cost a third of the decode time when measured.
    public mutating func readString() throws -> String {
        let count = try readLength()
        let slice = UnsafeRawBufferPointer(rebasing: base[offset..<offset + count])
        let start = offset
        offset += count
        var allASCII = true
        for byte in slice where byte >= 0x80 {
            allASCII = false
            break
        }
        if allASCII { return String(decoding: slice, as: UTF8.self) }
        guard let string = String(validating: slice, as: UTF8.self) else {
            throw WireFormatError.invalidValue(offset: start, "string is not valid UTF-8")
        }
        return string
    }

    public mutating func readOptionalString() throws -> String? {
        let at = offset
        switch try readUInt8() {
        case 0: return nil
        case 1: return try readString()
        case let other: throw WireFormatError.invalidValue(offset: at, "optional marker \(other)")
        }
    }

    public mutating func readBytes() throws -> [UInt8] {
        let count = try readLength()
        return try readRaw(count: count)
    }

    public mutating func readRaw(count: Int) throws -> [UInt8] {
        guard count >= 0, remaining >= count else { throw WireFormatError.truncated(offset: offset) }
        let value = [UInt8](UnsafeRawBufferPointer(rebasing: base[offset..<offset + count]))
        offset += count
        return value
    }

    public mutating func readStrings() throws -> [String] {
        let count = try readLength()  // each string takes at least one byte
        var values: [String] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try readString()) }
        return values
    }
}
