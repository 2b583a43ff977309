public import EventLog
public import Provisioning
public import ReadModels
import LMDB

/// A point in the log's history: a position, or a UTC time (the last position
/// recorded at or before it).
public enum HistoryPoint: Sendable, Hashable {
    case position(UInt64)
    case time(Timestamp)

    /// `--at` accepts a position (digits) or an ISO 8601 time.
    public init(parsing text: String) throws(Rejection) {
        if let position = UInt64(text) {
            self = .position(position)
            return
        }
        do {
            self = .time(try Timestamp.parseISO8601(text))
        } catch {
            throw Rejection(
                .malformed,
                "--at '\(text)' is neither a log position nor an ISO 8601 time: give a position such as 42 or a time such as 2026-11-26T12:00:00Z.")
        }
    }
}

/// The state at a past position and where it came from.
public struct PastState: Sendable {
    public var state: InMemoryState
    /// The snapshot the fold started from; nil when it started from the first event.
    public var snapshotPosition: UInt64?
    /// Newer snapshots at or before the position that were damaged or unreadable, newest first.
    public var skipped: [SnapshotProblem]
}

/// What a read sees: the view, and the position and time it reflects (for a past
/// point, the time asked for, so a quarantine ends as it did then).
public struct ReadContext: Sendable {
    public var position: UInt64
    public var time: Timestamp
}

extension ProvisioningEngine {
    /// Runs `body` on the live read models in one consistent snapshot.
    @available(*, noasync)
    public func read<T>(now: Timestamp, _ body: (ReadModelStore, ReadContext) throws -> T) throws -> T {
        try readWithHead(now: now) { store, context, _ in try body(store, context) }
    }

    /// Runs `body` on the live read models and the log's head, in the same snapshot:
    /// what a reader shows of both belongs to one moment, even while changes commit.
    @available(*, noasync)
    public func readWithHead<T>(now: Timestamp, _ body: (ReadModelStore, ReadContext, LogHead) throws -> T) throws -> T {
        try log.environment.read { txn in
            let head = try log.head(in: txn)
            let store = ReadModelStore(txn.reference, tables: tables)
            let result = try body(store, ReadContext(position: try store.checkpoint(), time: now), head)
            if let error = store.failureError { throw error }
            return result
        }
    }

    /// Resolves a history point to a log position (clamped to the head) and the time it stands for.
    @available(*, noasync)
    public func resolve(_ point: HistoryPoint) throws -> ReadContext {
        try log.environment.read { txn in
            let head = try log.head(in: txn)
            switch point {
            case .position(let position):
                let clamped = min(position, head.position)
                let time = try log.record(at: clamped, in: txn)?.recordedAt ?? 0
                return ReadContext(position: clamped, time: Timestamp(millisecondsSince1970: time))
            case .time(let time):
                return ReadContext(position: try log.position(atOrBefore: time.millisecondsSince1970, in: txn), time: time)
            }
        }
    }

    /// The whole state right after `position`: loaded from the newest snapshot at or
    /// before it, then the log's events after the snapshot folded in.
    @available(*, noasync)
    public func state(at position: UInt64) throws -> InMemoryState {
        try pastState(at: position).state
    }

    /// `state(at:)` and how it was made: from which snapshot (nil: the whole log),
    /// and the newer snapshots that were skipped because they did not check.
    @available(*, noasync)
    public func pastState(at position: UInt64) throws -> PastState {
        var past = PastState(state: InMemoryState(), snapshotPosition: nil, skipped: [])
        guard position > 0 else { return past }
        try log.environment.read { txn in
            (past.snapshotPosition, past.skipped) = try loadNewestSnapshot(atOrBefore: position, in: txn.reference) {
                bytes in
                var state = InMemoryState()
                try StateSnapshotCoding.load(bytes, into: &state)
                past.state = state
            }
            let from = (past.snapshotPosition ?? 0) + 1
            guard from <= position else { return }
            try log.forEach(from: from, in: txn) { record in
                evolve(try ProvisioningEvent(record), into: &past.state)
                return record.position < position
            }
        }
        return past
    }

    /// The records of `kinds` alone right after `position`, for a listing of the
    /// past: only those sections of the newest snapshot are decoded, and after it
    /// only the events that write them are decoded and folded (the others are told
    /// apart by their type's bytes, their payload never read). The records are
    /// those of `state(at:)`.
    @available(*, noasync)
    public func pastRecords(_ kinds: RecordKinds, at position: UInt64) throws -> PartialState {
        var records = PartialState(kinds)
        guard position > 0 else { return records }
        let wanted = kinds.eventWireNames.map { (name: $0, bytes: Array($0.utf8)) }
        try log.environment.read { txn in
            let (snapshotPosition, _) = try loadNewestSnapshot(atOrBefore: position, in: txn.reference) { bytes in
                var loaded = PartialState(kinds)
                try StateSnapshotCoding.load(bytes, into: &loaded)
                records = loaded
            }
            let from = (snapshotPosition ?? 0) + 1
            guard from <= position else { return }
            try log.forEachView(from: from, in: txn) { view in
                let match = try view.withTypeBytes { type in wanted.first { $0.bytes.elementsEqual(type) } }
                if let match {
                    let event = try view.withPayload { payload in
                        try ProvisioningEvent.decode(
                            wireName: match.name, schemaVersion: view.schemaVersion, payload: payload)
                    }
                    evolve(event, into: &records)
                }
                return view.position < position
            }
        }
        return records
    }

    /// Loads the newest snapshot at or before `position` that checks and decodes,
    /// through `load` (which must leave its result untouched when it throws), and
    /// says which it was (nil: none, fold from the first event) and which newer
    /// ones were skipped, newest first.
    private func loadNewestSnapshot(
        atOrBefore position: UInt64, in txn: TransactionReference, _ load: (UnsafeRawBufferPointer) throws -> Void
    ) throws -> (UInt64?, [SnapshotProblem]) {
        var skipped: [SnapshotProblem] = []
        for entry in try snapshots.all(atOrBefore: position, in: txn) {
            do {
                let manifest = try entry.get()
                let stream = try snapshots.stream(manifest, in: txn)
                do {
                    try stream.withUnsafeBytes { try load($0) }
                } catch {
                    throw SnapshotProblem(position: manifest.position, what: "does not decode (\(error))")
                }
                return (manifest.position, skipped)
            } catch let problem as SnapshotProblem {
                skipped.append(problem)
            }
        }
        return (nil, skipped)
    }

    /// The state of the items named by `tags` right after `position`, folded from
    /// their tag index only: the cheap way to show one item in the past.
    @available(*, noasync)
    public func state(of tags: [String], at position: UInt64) throws -> InMemoryState {
        try log.environment.read { txn in
            var positions = Set<UInt64>()
            for tag in tags { positions.formUnion(try log.positions(tag: tag, upTo: position, in: txn)) }
            var state = InMemoryState()
            for position in positions.sorted() {
                guard let record = try log.record(at: position, in: txn) else { continue }
                evolve(try ProvisioningEvent(record), into: &state)
            }
            return state
        }
    }

    /// The secret stored under `reference` (an activation code, a PBX password).
    @available(*, noasync)
    public func secret(_ reference: String) throws -> [UInt8]? {
        try log.environment.read { txn in try txn.get(secrets, Array(reference.utf8)) }
    }
}
