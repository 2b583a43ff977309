import LMDB
import WireFormat

/// Records of consecutive positions, encoded back to back in one buffer: what an
/// append writes, built before the puts. A small append encodes its records as one
/// chunk; a large one, chunk after chunk on a second thread (`ConcurrentRecordEncoder`),
/// and the writer puts each chunk as it comes, with the tag index entries handed over
/// with it, so that little is left to write once the last one is encoded.
final class RecordChunk: @unchecked Sendable {
    let firstPosition: UInt64
    private let bytes: UnsafeMutablePointer<UInt8>
    /// Where each record ends in `bytes`.
    private let ends: [Int]
    /// Tag index entries to write with this chunk: its own and those of the chunks
    /// before it since the last hand-over (none: they go with a later chunk).
    private var tagIndex: TagIndexWriter?

    /// Encodes `events`, the first at `firstPosition` chained to `previous` (the hash
    /// before them, set to the last record's hash on return), and adds their tags to
    /// `tagIndex`. Throws `invalidTag` for the first tag that is not valid
    /// (`Keys.isValid(tag:)`).
    init(
        encoding events: Slice<UnsafeBufferPointer<NewEvent>>, firstPosition: UInt64,
        shared: borrowing RecordCodec.SharedFields, previous: inout [UInt8], tagIndex: inout TagIndexWriter
    ) throws {
        self.firstPosition = firstPosition
        var capacity = 0
        // Read in place through the buffer: a copy of an event would retain and release
        // each of its strings and arrays.
        for index in events.indices { capacity += RecordCodec.maximumSize(of: events[index], shared: shared) }
        var records = RecordBuffer(capacity: capacity, records: events.count, after: previous)
        var position = firstPosition
        // The trailing tags' slots in `tagIndex`, found with the first event.
        var trailingSlots: [Int32] = []
        do {
            for index in events.indices {
                // Checked here, where each tag's bytes are read anyway: a pass of its own
                // over the events cost a retain and a release of every tag a second time.
                for tag in events[index].tags {
                    try tag.withUTF8Buffer { utf8 in
                        guard Keys.isValid(tag: utf8) else { throw EventLogError.invalidTag(tag) }
                        tagIndex.add(utf8: utf8, position)
                    }
                }
                try Self.addTrailingTags(shared, slots: &trailingSlots, position, to: &tagIndex)
                records.append(maximum: RecordCodec.maximumSize(of: events[index], shared: shared)) { destination, previousHash in
                    RecordCodec.encode(
                        position: position, event: events[index], shared: shared, previousHash: previousHash,
                        into: destination)
                }
                position += 1
            }
        } catch {
            records.bytes.deallocate()
            throw error
        }
        (bytes, ends) = (records.bytes, records.ends)
        previous = records.lastHash ?? previous
    }

    /// Encodes the events `write` writes for the indexes of `range` (`EventFields`, one
    /// reused for all), as `init(encoding:…)` encodes the same events made as
    /// `NewEvent`s: the same bytes, the same tag entries, the same errors.
    init(
        writing range: Range<Int>, with write: (Int, inout EventFields) -> Void, firstPosition: UInt64,
        shared: borrowing RecordCodec.SharedFields, previous: inout [UInt8], tagIndex: inout TagIndexWriter
    ) throws {
        self.firstPosition = firstPosition
        // Grown (rarely) when an event is larger than the guess.
        var records = RecordBuffer(capacity: max(range.count * 256, 4_096), records: range.count, after: previous)
        var position = firstPosition
        var fields = EventFields()
        var trailingSlots: [Int32] = []
        do {
            for index in range {
                fields.reset()
                write(index, &fields)
                try fields.tags.bytes.bytes.withUnsafeBytes { tags in
                    var reader = ByteReader(unsafeBuffer: tags)
                    for _ in 0..<fields.tags.count {
                        let length = try reader.readLength()
                        try reader.withRaw(count: length) { raw in
                            let utf8 = raw.assumingMemoryBound(to: UInt8.self)
                            guard Keys.isValid(tag: utf8) else {
                                throw EventLogError.invalidTag(String(decoding: utf8, as: UTF8.self))
                            }
                            tagIndex.add(utf8: utf8, position)
                        }
                    }
                }
                try Self.addTrailingTags(shared, slots: &trailingSlots, position, to: &tagIndex)
                records.append(maximum: RecordCodec.maximumSize(of: fields, shared: shared)) { destination, previousHash in
                    RecordCodec.encode(
                        position: position, fields: fields, shared: shared, previousHash: previousHash, into: destination)
                }
                position += 1
            }
        } catch {
            records.bytes.deallocate()
            throw error
        }
        (bytes, ends) = (records.bytes, records.ends)
        previous = records.lastHash ?? previous
    }

    /// Adds the append's trailing tags at `position`: by their bytes for the first
    /// event (checked then), by the slots found then for every other.
    private static func addTrailingTags(
        _ shared: borrowing RecordCodec.SharedFields, slots: inout [Int32], _ position: UInt64,
        to tagIndex: inout TagIndexWriter
    ) throws {
        if slots.count < shared.trailingTags.count {
            for tag in shared.trailingTags {
                try tag.withUTF8Buffer { utf8 in
                    guard Keys.isValid(tag: utf8) else { throw EventLogError.invalidTag(tag) }
                    slots.append(tagIndex.add(utf8: utf8, position))
                }
            }
        } else {
            for slot in slots { tagIndex.add(slot: slot, position) }
        }
    }

    deinit { bytes.deallocate() }

    /// Hands `entries` to the writer with this chunk.
    func handOver(_ entries: consuming TagIndexWriter) {
        tagIndex = consume entries
    }

    /// Writes the tag index entries handed over with this chunk, if any.
    func writeTagIndex(in txn: borrowing WriteTransaction, _ database: Database) throws {
        if let entries = tagIndex.take() { try entries.write(in: txn, database) }
    }

    /// Each record with its position, lent for the call.
    func forEachRecord(_ body: (UInt64, UnsafeRawBufferPointer) throws -> Void) rethrows {
        var start = 0
        for (index, end) in ends.enumerated() {
            try body(firstPosition + UInt64(index), UnsafeRawBufferPointer(start: bytes + start, count: end - start))
            start = end
        }
    }
}

/// A chunk's records as they are encoded, back to back in one buffer (grown when a
/// record might not fit), each chained to the hash of the one before.
private struct RecordBuffer {
    private(set) var bytes: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var used = 0
    /// Where each record ends in `bytes`.
    private(set) var ends: [Int] = []
    /// The hash the first record is chained to.
    private let previous: [UInt8]

    init(capacity: Int, records: Int, after previous: [UInt8]) {
        self.capacity = max(capacity, 1)
        bytes = UnsafeMutablePointer<UInt8>.allocate(capacity: self.capacity)
        ends.reserveCapacity(records)
        self.previous = previous
    }

    /// Encodes one record of at most `maximum` bytes: `encode` writes it at the
    /// destination, chained to the previous hash, and returns its length.
    mutating func append(
        maximum: Int, _ encode: (UnsafeMutablePointer<UInt8>, UnsafeRawBufferPointer) -> Int
    ) {
        if maximum > capacity - used {
            capacity = max(capacity * 2, used + maximum)
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
            grown.update(from: bytes, count: used)
            bytes.deallocate()
            bytes = grown
        }
        let destination = bytes + used
        let written =
            if used == 0 {
                previous.withUnsafeBytes { encode(destination, $0) }
            } else {
                // The record before ends with its hash, just ahead of this one.
                encode(destination, UnsafeRawBufferPointer(start: destination - RecordCodec.hashSize, count: RecordCodec.hashSize))
            }
        precondition(written <= maximum)
        used += written
        ends.append(used)
    }

    /// The last record's hash (nil for no record).
    var lastHash: [UInt8]? {
        used > 0 ? Array(UnsafeRawBufferPointer(start: bytes + used - RecordCodec.hashSize, count: RecordCodec.hashSize)) : nil
    }
}
