public import LMDB
import WireFormat

/// What `verify` found: how much it checked, and the first problem if any.
public struct VerificationReport: Hashable, Sendable {
    public struct Problem: Error, Hashable, Sendable, CustomStringConvertible {
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
        var checks = RecordChecks(keyedLike: TagIndexFingerprint())
        var problem: VerificationReport.Problem?
        do {
            try forEachChecked(&checks, in: txn) { view in
                if view.position % 65_536 == 0 { progress?(view.position) }
                return true
            }
        } catch let found as VerificationReport.Problem {
            problem = found
        }
        let report = try verificationReport(
            checkedThrough: checks.nextPosition - 1, tagEntries: checks.takeTagEntries(), problem: problem, in: txn)
        progress?(report.eventsChecked)
        return report
    }

    /// The report of a walk that checked the records from position 1 through
    /// `checkedThrough` with `RecordChecks` (in one walk or in ranges), and stopped there
    /// at `problem`, or else at its end (the last position it was given). The rest of
    /// the log is walked and checked here (nothing, unless records follow that last
    /// position); then the chain head must be the last record, and the tag index must
    /// hold exactly the entries `tagEntries` counted (`indexEntries`: the index's own
    /// fingerprint, when the caller computed it beside the walk; it is read here
    /// otherwise). A problem found stands, unless a record before it carries a tag the
    /// index lacks: that one is first.
    public func verificationReport(
        checkedThrough last: UInt64, tagEntries: TagIndexFingerprint, problem: VerificationReport.Problem?,
        indexEntries: TagIndexFingerprint? = nil, in txn: borrowing some ReadableTransaction & ~Copyable
    ) throws -> VerificationReport {
        var report = VerificationReport(eventsChecked: last, tagEntriesChecked: 0, head: try head(in: txn), problem: problem)
        var carried = tagEntries
        var checks = RecordChecks(keyedLike: tagEntries)
        if problem == nil {
            try resume(&checks, at: last + 1, in: txn)
            do {
                try forEachChecked(&checks, in: txn) { _ in true }
            } catch let found as VerificationReport.Problem {
                report.problem = found
            }
            report.eventsChecked = checks.nextPosition - 1
            carried.merge(checks.takeTagEntries())
        }
        report.tagEntriesChecked = carried.count
        let head = report.head
        if let found = report.problem {
            // The walk stopped at a bad record; a tag missing from the index before it
            // is the first problem, as the walk used to find it on its way.
            if found.position > 1, let missing = try firstMissingTag(in: txn, before: found.position) {
                report.problem = missing
            }
        } else if head.position != report.eventsChecked {
            report.problem = .init(
                position: max(head.position, report.eventsChecked),
                what: "the chain head says position \(head.position) but the last record is \(report.eventsChecked)")
        } else if !checks.lastHash.withBytes({ $0.hasSameBytes(as: head.hash) }) {
            report.problem = .init(position: head.position, what: "the chain head's hash does not match the last record")
        } else if try (indexEntries ?? tagIndexEntries(keyedLike: carried, in: txn)) != carried {
            report.problem = try firstMissingTag(in: txn) ?? firstStrayTag(in: txn)
        }
        return report
    }

    /// The fingerprint of every (tag, position) entry of the tag index, keyed like
    /// `fingerprint`, read in one sequential scan a page of positions at a time; nil
    /// when an entry is malformed.
    public func tagIndexEntries(
        keyedLike fingerprint: TagIndexFingerprint, in txn: borrowing some ReadableTransaction & ~Copyable
    ) throws -> TagIndexFingerprint? {
        var indexed = TagIndexFingerprint(keyedLike: fingerprint)
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
