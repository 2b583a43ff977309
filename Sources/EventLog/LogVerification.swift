public import LMDB
import WireFormat

/// What `verify` found: how much it checked, and the first problem if any.
public struct VerificationReport: Hashable, Sendable {
    public struct Problem: Hashable, Sendable, CustomStringConvertible {
        /// The first position that is wrong (for a missing record, the one expected there).
        public var position: UInt64
        public var what: String
        public var description: String { "position \(position): \(what)" }
    }

    public var eventsChecked: UInt64
    public var tagEntriesChecked: UInt64
    public var head: LogHead
    public var problem: Problem?

    public var isValid: Bool { problem == nil }
}

extension EventLog {
    /// Walks the whole log in one snapshot: positions gapless from 1, every record
    /// decodes and says its own position, every hash equals SHA-256(previous hash ‖
    /// record), the chain head matches the last record, and the tag index holds exactly
    /// the tags the records carry. Stops at the first problem.
    ///
    /// Any single flipped byte of `events` is caught: in a key it breaks the sequence,
    /// in a record it breaks the record's hash or the next one's link.
    @available(*, noasync)
    public func verify(progress: ((UInt64) -> Void)? = nil) throws -> VerificationReport {
        try environment.read { txn in try verify(in: txn, progress: progress) }
    }

    public func verify(
        in txn: borrowing some ReadableTransaction & ~Copyable, progress: ((UInt64) -> Void)? = nil
    ) throws -> VerificationReport {
        let head = try head(in: txn)
        var report = VerificationReport(eventsChecked: 0, tagEntriesChecked: 0, head: head, problem: nil)
        var expected: UInt64 = 1
        // The last record's hash and the one just computed, side by side: 64 bytes for
        // the whole walk, not an array a record.
        let hashes = UnsafeMutableRawBufferPointer.allocate(byteCount: 2 * ChainHashing.size, alignment: 8)
        defer { hashes.deallocate() }
        let previousHash = UnsafeMutableRawBufferPointer(rebasing: hashes[..<ChainHashing.size])
        let computedHash = UnsafeMutableRawBufferPointer(rebasing: hashes[ChainHashing.size...])
        LogHead.empty.hash.withUnsafeBytes { previousHash.copyMemory(from: $0) }
        var previousTime = Int64.min
        var carried = TagIndexFingerprint()
        var recordTags: [UnsafeRawBufferPointer] = []
        // The previous record's tags and their hashes: records of one change share
        // most tags (reseller, group, actor's), and a memcmp costs less than a hash.
        var previousTags = RecentTagHashes()
        var problem: VerificationReport.Problem?

        // Records are parsed in place (no String or array per record); each is still
        // checked as a full decode would check it.
        try txn.forEach(events) { key, value in
            guard let position = Keys.position(from: key) else {
                problem = .init(position: expected, what: "a key of \(key.count) bytes where position \(expected) belongs")
                return false
            }
            guard position == expected else {
                problem = .init(position: expected, what: position > expected
                    ? "missing (the next record found is at position \(position))"
                    : "out of order (found position \(position))")
                return false
            }
            guard let (body, storedHash) = RecordCodec.split(value) else {
                problem = .init(position: position, what: "record too short to hold a hash")
                return false
            }
            ChainHashing.hash(previous: UnsafeRawBufferPointer(previousHash), body: body, into: computedHash.baseAddress!)
            guard storedHash.hasSameBytes(as: UnsafeRawBufferPointer(computedHash)) else {
                problem = .init(position: position, what: "hash does not match the record and the previous hash")
                return false
            }
            let view: EventRecordView
            do {
                view = try EventRecordView(value, expected: position)
                try view.checkFields()
                recordTags.removeAll(keepingCapacity: true)
                try view.forEachTag { recordTags.append($0) }
            } catch {
                problem = .init(position: position, what: "does not decode: \(error)")
                return false
            }
            guard view.recordedAt >= previousTime else {
                problem = .init(position: position, what: "recorded before the previous event")
                return false
            }
            // A tag given twice in one record is one entry of the index.
            recordTags.withUnsafeBufferPointer { tags in
                for index in tags.indices {
                    let tagHash = previousTags.hash(of: tags[index], at: index)
                    if !tags[..<index].contains(where: { $0.hasSameBytes(as: tags[index]) }) {
                        carried.add(tagHash: tagHash, position: position)
                    }
                }
            }
            previousTags.endRecord()
            previousHash.copyMemory(from: UnsafeRawBufferPointer(computedHash))
            previousTime = view.recordedAt
            report.eventsChecked = position
            expected += 1
            if position % 65_536 == 0 { progress?(position) }
            return true
        }
        report.tagEntriesChecked = carried.count
        if let found = problem {
            // The walk stopped at a bad record; a tag missing from the index before it
            // is the first problem, as the walk used to find it on its way.
            if found.position > 1, let missing = try firstMissingTag(in: txn, before: found.position) {
                problem = missing
            }
        } else {
            if head.position != report.eventsChecked {
                problem = .init(
                    position: max(head.position, report.eventsChecked),
                    what: "the chain head says position \(head.position) but the last record is \(report.eventsChecked)")
            } else if !UnsafeRawBufferPointer(previousHash).hasSameBytes(as: head.hash) {
                problem = .init(position: head.position, what: "the chain head's hash does not match the last record")
            } else if try indexFingerprint(like: carried, in: txn) != carried {
                problem = try firstMissingTag(in: txn) ?? firstStrayTag(in: txn)
            }
        }
        report.problem = problem
        progress?(report.eventsChecked)
        return report
    }

    /// The fingerprint of every (tag, position) entry of the tag index, read in one
    /// sequential scan a page of positions at a time; nil when an entry is malformed.
    private func indexFingerprint(
        like carried: TagIndexFingerprint, in txn: borrowing some ReadableTransaction & ~Copyable
    ) throws -> TagIndexFingerprint? {
        var indexed = TagIndexFingerprint(keyedLike: carried)
        var malformed = false
        try txn.forEachValueRun(tags) { tag, positions in
            guard positions.count % 8 == 0 else {
                malformed = true
                return false
            }
            let tagHash = TagIndexFingerprint.tagHash(tag)
            for offset in stride(from: 0, to: positions.count, by: 8) {
                let position = UInt64(bigEndian: positions.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
                indexed.add(tagHash: tagHash, position: position)
            }
            return true
        }
        // A malformed entry matches nothing; the search below names it.
        return malformed ? nil : indexed
    }

    /// The first record (before `end`) carrying a tag that the tag index lacks, if
    /// any: one lookup per tag, run only when something was found wrong.
    private func firstMissingTag(in txn: borrowing some ReadableTransaction & ~Copyable, before end: UInt64 = .max)
        throws -> VerificationReport.Problem?
    {
        var found: VerificationReport.Problem?
        // Stops before reading the record at `end`, which may not decode.
        try forEach(from: 1, in: txn) { record in
            for (index, tag) in record.tags.enumerated() where !record.tags[..<index].contains(tag) {
                guard try txn.contains(tags, key: Array(tag.utf8), value: Keys.position(record.position)) else {
                    found = .init(position: record.position, what: "tag \(tag) is missing from the tag index")
                    return false
                }
            }
            return record.position + 1 < end
        }
        return found
    }

    /// The tag index has more entries than the records carry: name the first entry
    /// whose record does not carry that tag.
    private func firstStrayTag(in txn: borrowing some ReadableTransaction & ~Copyable) throws
        -> VerificationReport.Problem
    {
        var found: VerificationReport.Problem?
        try txn.forEach(tags) { key, value in
            guard let position = Keys.position(from: value) else {
                found = .init(position: 0, what: "the tag index holds a malformed entry")
                return false
            }
            let tag = String(decoding: key, as: UTF8.self)
            let record = try? record(at: position, in: txn)
            if record?.tags.contains(tag) != true {
                found = .init(position: position, what: "the tag index lists \(tag) but the record does not carry it")
                return false
            }
            return true
        }
        return found ?? .init(position: 0, what: "the tag index and the records disagree")
    }
}

/// The hashes of the tags of the record checked last, by their place in it, and those
/// of the record being checked: a tag with the same bytes at the same place as in the
/// record before reuses its hash. The tags point into the read transaction's map,
/// which stays valid for the whole walk.
private struct RecentTagHashes {
    private var previous: [(tag: UnsafeRawBufferPointer, hash: UInt64)] = []
    private var current: [(tag: UnsafeRawBufferPointer, hash: UInt64)] = []

    /// The hash of the record's tag at `index`; called for each of its tags in order.
    mutating func hash(of tag: UnsafeRawBufferPointer, at index: Int) -> UInt64 {
        let hash = index < previous.count && previous[index].tag.hasSameBytes(as: tag)
            ? previous[index].hash : TagIndexFingerprint.tagHash(tag)
        current.append((tag, hash))
        return hash
    }

    /// The record is done: its tags are the ones to compare the next record's with.
    mutating func endRecord() {
        swap(&previous, &current)
        current.removeAll(keepingCapacity: true)
    }
}
