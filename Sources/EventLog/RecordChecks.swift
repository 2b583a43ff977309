public import LMDB
import WireFormat

/// The checks `verify` makes of each record, one after another: its key is the next
/// position, its hash is SHA-256(the previous record's hash ‖ its body), it decodes
/// and says its own position, its fields are well-formed, it was not recorded before
/// the record before it, and its tags go into the fingerprint the tag index is
/// compared with at the end (`EventLog.verificationReport`).
///
/// One walk may check the whole log (`EventLog.verify`), or several threads may each
/// check ranges of it (`EventLog.resume(_:at:in:)` takes the hash and time of the
/// record before a range from the log): each record's check needs nothing but the
/// record before it, so the findings are the same. `provctl verify` checks the log
/// this way on the threads that decode it for the read models' replay, instead of
/// reading and parsing every record a second time.
public struct RecordChecks {
    /// The position the next record must have.
    public private(set) var nextPosition: UInt64 = 1
    /// The (tag, position) entries of the records checked since `takeTagEntries()`.
    private var tagEntries: TagIndexFingerprint
    /// The hash the next record links to, and the time it may not be recorded before.
    private var previousHash = ChainHash()
    private var previousTime = Int64.min
    /// Why the record before a resumed range could not be linked to, if it could not.
    private var unlinked: VerificationReport.Problem?
    private var recordTags = RefilledBuffer<UnsafeRawBufferPointer>()
    private var previousTags = RecentTagHashes()

    /// Checks from position 1, with tag entries keyed like `fingerprint`'s (all the
    /// ranges of one walk must share the key for their entries to be summed).
    public init(keyedLike fingerprint: TagIndexFingerprint) {
        tagEntries = TagIndexFingerprint(keyedLike: fingerprint)
    }

    /// The tag entries of the records checked since the last call; the count starts again.
    public mutating func takeTagEntries() -> TagIndexFingerprint {
        defer { tagEntries = TagIndexFingerprint(keyedLike: tagEntries) }
        return tagEntries
    }

    /// Checks the record stored under `key`, which must be the next one, and lends it
    /// parsed; throws the problem found (and then must not be called again).
    public mutating func check(key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer)
        throws(VerificationReport.Problem) -> EventRecordView
    {
        if let unlinked { throw unlinked }
        let expected = nextPosition
        guard let position = Keys.position(from: key) else {
            throw .init(position: expected, what: "a key of \(key.count) bytes where position \(expected) belongs")
        }
        guard position == expected else {
            throw .init(position: expected, what: position > expected
                ? "missing (the next record found is at position \(position))"
                : "out of order (found position \(position))")
        }
        guard let (body, storedHash) = RecordCodec.split(value) else {
            throw .init(position: position, what: "record too short to hold a hash")
        }
        var computed = ChainHash()
        computed.withMutableBytes { computed in
            previousHash.withBytes { previous in
                ChainHashing.hash(previous: previous, body: body, into: computed.baseAddress!)
            }
        }
        guard computed.withBytes({ storedHash.hasSameBytes(as: $0) }) else {
            throw .init(position: position, what: "hash does not match the record and the previous hash")
        }
        let view: EventRecordView
        do {
            view = try EventRecordView(value, expected: position)
            try view.checkFields()
            recordTags.removeAll()
            try view.forEachTag { recordTags.append($0) }
        } catch {
            throw .init(position: position, what: "does not decode: \(error)")
        }
        guard view.recordedAt >= previousTime else {
            throw .init(position: position, what: "recorded before the previous event")
        }
        // A tag given twice in one record is one entry of the index.
        recordTags.withUnsafeBufferPointer { tags in
            for index in tags.indices {
                let tagHash = previousTags.hash(of: tags[index], at: index)
                if !tags[..<index].contains(where: { $0.hasSameBytes(as: tags[index]) }) {
                    tagEntries.add(tagHash: tagHash, position: position)
                }
            }
        }
        previousTags.endRecord()
        previousHash = computed
        previousTime = view.recordedAt
        nextPosition += 1
        return view
    }

    /// The hash of the last record checked (the empty log's before the first).
    var lastHash: ChainHash { previousHash }

    /// Takes up the checks at `position`, linking to `previous` (the record before it,
    /// nil at position 1); when the record before cannot be linked to, the next check
    /// throws `unlinked`.
    mutating func restart(
        at position: UInt64, after previous: (hash: UnsafeRawBufferPointer, recordedAt: Int64)?,
        unlinked problem: VerificationReport.Problem?
    ) {
        nextPosition = position
        previousHash = ChainHash()
        previousTime = .min
        if let previous {
            previousHash.withMutableBytes { $0.copyMemory(from: previous.hash) }
            previousTime = previous.recordedAt
        }
        unlinked = problem
        previousTags = RecentTagHashes()
    }
}

/// 32 bytes of SHA-256 kept inline: a check keeps the previous record's hash and
/// computes the next one without allocating.
struct ChainHash {
    private var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try withUnsafeBytes(of: words, body)
    }

    mutating func withMutableBytes<R>(_ body: (UnsafeMutableRawBufferPointer) throws -> R) rethrows -> R {
        try withUnsafeMutableBytes(of: &words, body)
    }
}

extension EventLog {
    /// Makes `checks` take up the log at `position`, linked to the record before it as
    /// stored (that record's own check is the walk over it: a range checked by another
    /// thread). When that record is missing or cannot be read, the first check throws,
    /// naming it.
    public func resume(
        _ checks: inout RecordChecks, at position: UInt64, in txn: borrowing some ReadableTransaction & ~Copyable
    ) throws {
        guard position > 1 else {
            checks.restart(at: position, after: nil, unlinked: nil)
            return
        }
        let linked = try txn.withValue(events, Keys.position(position - 1)) { value -> Bool in
            guard let (_, hash) = RecordCodec.split(value),
                  let view = try? EventRecordView(value, expected: position - 1)
            else { return false }
            checks.restart(at: position, after: (hash, view.recordedAt), unlinked: nil)
            return true
        }
        if linked != true {
            checks.restart(at: position, after: nil, unlinked: .init(
                position: position - 1, what: linked == nil ? "missing" : "does not decode"))
        }
    }

    /// Checks the records from `checks.nextPosition` on, in order, handing each to
    /// `body` once it passed (`body` returns false to stop), up to `last` if given; the
    /// first problem is thrown as a `VerificationReport.Problem`. Reads the records as
    /// they are stored, keys too: a key that is not the next position is a problem, not
    /// skipped. A walk from position 1 starts at the first key, and one that ends at
    /// `last` checks that the key after it is `last + 1` (or that there is none), so
    /// that ranges that meet check every key between them.
    public func forEachChecked(
        _ checks: inout RecordChecks, through last: UInt64? = nil,
        in txn: borrowing some ReadableTransaction & ~Copyable, _ body: (EventRecordView) throws -> Bool
    ) throws {
        let start = checks.nextPosition == 1 ? nil : Keys.position(checks.nextPosition)
        try txn.forEach(events, from: start) { key, value in
            if let last, checks.nextPosition > last {
                // The next range checks this record; here only that its key follows.
                if Keys.position(from: key) != checks.nextPosition { _ = try checks.check(key: key, value: value) }
                return false
            }
            return try body(try checks.check(key: key, value: value))
        }
    }
}

/// The hashes of the tags of the record checked last, by their place in it, and those
/// of the record being checked: a tag with the same bytes at the same place as in the
/// record before reuses its hash. The tags point into the read transaction's map,
/// which stays valid for the whole walk.
struct RecentTagHashes {
    private var previous = RefilledBuffer<(tag: UnsafeRawBufferPointer, hash: UInt64)>()
    private var current = RefilledBuffer<(tag: UnsafeRawBufferPointer, hash: UInt64)>()

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
        current.removeAll()
    }
}

/// A small array refilled for every record: its slots are overwritten rather than
/// removed and appended again (`removeAll(keepingCapacity:)` is a generic
/// `replaceSubrange`, which was 2 % of a decoding thread at twice a record).
struct RefilledBuffer<Element> {
    private var storage: [Element] = []
    private(set) var count = 0

    @inline(__always)
    mutating func append(_ element: Element) {
        if count < storage.count {
            storage[count] = element
        } else {
            storage.append(element)
        }
        count += 1
    }

    /// Empties it, keeping its room (the elements left in it are overwritten later).
    mutating func removeAll() { count = 0 }

    @inline(__always)
    subscript(index: Int) -> Element {
        precondition(index < count, "index out of range")
        return storage[index]
    }

    func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Element>) throws -> R) rethrows -> R {
        try storage.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[..<count])) }
    }
}
