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

    /// The whole state right after `position`, replayed in memory from the log.
    @available(*, noasync)
    public func state(at position: UInt64) throws -> InMemoryState {
        var state = InMemoryState()
        guard position > 0 else { return state }
        try log.environment.read { txn in
            try log.forEach(from: 1, in: txn) { record in
                evolve(try ProvisioningEvent(record), into: &state)
                return record.position < position
            }
        }
        return state
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
