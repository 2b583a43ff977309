import WireFormat

/// The entries of a snapshot's record section, each written as what it does not share
/// with the entry before it (layout 2 of `StateSnapshotCoding`):
///
/// ```
/// varint  prefix: bytes equal to the first bytes of the entry before (0 for a section's first)
/// varint  suffix: bytes equal to the last bytes of the entry before, after the prefix
/// bytes   the bytes between (varint length, then the bytes)
/// ```
///
/// The entry is `before[..<prefix] ‖ between ‖ before[(before.count - suffix)...]`.
/// Records in key order are alike: booked-in SIMs of one shipment differ in a few
/// digits of the ICCID and share every other field, so a SIM of 52 bytes takes 5 or 6.
/// A snapshot of a million SIMs was 53 MB of pages the change that took it wrote (and
/// the commit copied), a tenth of the bytes of a book-in of a million. The prefix is
/// the longest shared, then the suffix the longest in what is left: the same entries
/// give the same bytes, whichever state they are encoded from.
struct FrontCodedWriter {
    private var previous: [UInt8] = []

    /// A new section: its first entry shares nothing.
    mutating func startSection() {
        previous.removeAll(keepingCapacity: true)
    }

    /// Writes `entry` to `writer` as its difference from the entry before.
    mutating func write(_ entry: UnsafeRawBufferPointer, to writer: inout ByteWriter) {
        let (prefix, suffix) = previous.withUnsafeBytes { FrontCoding.shared(between: $0, and: entry) }
        let between = UnsafeRawBufferPointer(rebasing: entry[prefix..<(entry.count - suffix)])
        if between.count <= 64 {
            // The usual entry (a few bytes between): assembled on the stack and appended
            // once, not in four appends of the growing stream.
            withUnsafeTemporaryAllocation(byteCount: 96, alignment: 1) { buffer in
                var end = FrontCoding.putVarint(prefix, at: 0, in: buffer)
                end = FrontCoding.putVarint(suffix, at: end, in: buffer)
                end = FrontCoding.putVarint(between.count, at: end, in: buffer)
                if let base = between.baseAddress { (buffer.baseAddress! + end).copyMemory(from: base, byteCount: between.count) }
                writer.writeRaw(UnsafeRawBufferPointer(rebasing: buffer[..<(end + between.count)]))
            }
        } else {
            writer.writeVarint(prefix)
            writer.writeVarint(suffix)
            writer.writeBytes(between)
        }
        if previous.count == entry.count {
            // Records of one kind are mostly of one length: copied over the one before.
            previous.withUnsafeMutableBytes { $0.copyMemory(from: entry) }
        } else {
            previous.removeAll(keepingCapacity: true)
            previous.append(contentsOf: entry)
        }
    }
}

/// Reads what `FrontCodedWriter` wrote, one section at a time.
struct FrontCodedReader {
    private var previous: [UInt8] = []
    private var current: [UInt8] = []

    /// A new section: its first entry shares nothing.
    mutating func startSection() {
        previous.removeAll(keepingCapacity: true)
    }

    /// Reads the next entry and lends its bytes to `body`. Throws on a prefix and
    /// suffix longer than the entry before, or a truncated entry.
    mutating func read<R>(_ reader: inout ByteReader, _ body: (UnsafeRawBufferPointer) throws -> R) throws -> R {
        let at = reader.offset
        let prefix = try reader.readVarint()
        let suffix = try reader.readVarint()
        guard prefix <= UInt64(previous.count), suffix <= UInt64(previous.count) - prefix else {
            throw WireFormatError.invalidValue(
                offset: at, "snapshot entry shares \(prefix) + \(suffix) bytes of an entry of \(previous.count)")
        }
        let length = try reader.readLength()
        current.removeAll(keepingCapacity: true)
        current.append(contentsOf: previous[..<Int(prefix)])
        try reader.withRaw(count: length) { current.append(contentsOf: $0) }
        current.append(contentsOf: previous[(previous.count - Int(suffix))...])
        swap(&previous, &current)
        return try previous.withUnsafeBytes(body)
    }

    /// Moves past an entry without rebuilding it (a section not asked for).
    static func skip(_ reader: inout ByteReader) throws {
        _ = try reader.readVarint()
        _ = try reader.readVarint()
        try reader.skipLengthPrefixed()
    }
}

enum FrontCoding {
    /// Writes `value` as a varint at `offset` of `buffer` (room for 10 bytes); returns
    /// the offset after it.
    static func putVarint(_ value: Int, at offset: Int, in buffer: UnsafeMutableRawBufferPointer) -> Int {
        var v = UInt64(value)
        var at = offset
        while v >= 0x80 {
            buffer[at] = UInt8(truncatingIfNeeded: v) | 0x80
            v >>= 7
            at += 1
        }
        buffer[at] = UInt8(v)
        return at + 1
    }

    /// The longest shared prefix of `a` and `b`, then the longest shared suffix of
    /// what follows it in each: compared 8 bytes at a time.
    static func shared(between a: UnsafeRawBufferPointer, and b: UnsafeRawBufferPointer) -> (prefix: Int, suffix: Int) {
        let limit = min(a.count, b.count)
        guard limit > 0, let pa = a.baseAddress, let pb = b.baseAddress else { return (0, 0) }
        var prefix = 0
        while prefix + 8 <= limit {
            let difference = pa.loadUnaligned(fromByteOffset: prefix, as: UInt64.self)
                ^ pb.loadUnaligned(fromByteOffset: prefix, as: UInt64.self)
            if difference != 0 {
                prefix += UInt64(littleEndian: difference).trailingZeroBitCount / 8
                return (prefix, suffix(a, b, limit: limit - prefix))
            }
            prefix += 8
        }
        while prefix < limit, a[prefix] == b[prefix] { prefix += 1 }
        return (prefix, suffix(a, b, limit: limit - prefix))
    }

    /// The longest shared suffix of `a` and `b`, at most `limit` bytes.
    private static func suffix(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer, limit: Int) -> Int {
        let (pa, pb) = (a.baseAddress!, b.baseAddress!)
        var suffix = 0
        while suffix + 8 <= limit {
            let difference = pa.loadUnaligned(fromByteOffset: a.count - suffix - 8, as: UInt64.self)
                ^ pb.loadUnaligned(fromByteOffset: b.count - suffix - 8, as: UInt64.self)
            if difference != 0 {
                return suffix + UInt64(littleEndian: difference).leadingZeroBitCount / 8
            }
            suffix += 8
        }
        while suffix < limit, a[a.count - suffix - 1] == b[b.count - suffix - 1] { suffix += 1 }
        return suffix
    }
}

extension FrontCodedReader {
    /// The next entry, decoded as a stored record.
    mutating func read<R: StoredRecord>(_ reader: inout ByteReader) throws -> R {
        try read(&reader) { try R(decoding: $0) }
    }
}
