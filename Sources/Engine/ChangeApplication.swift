import Provisioning
import ReadModels
import Threads

/// Applies a change's events to the read models of its transaction, in order, on the
/// writer's thread: in short steps while the log's encoding thread works (`step`),
/// then the rest (`finish`).
///
/// A bulk change's events are first evolved on a thread of their own, a run at a time,
/// into `PreparedInserts` (the records encoded, their index keys and counters
/// derived), and the writer's thread only puts what each run holds. A book-in of a
/// million SIMs spent 1.3 s of its writer's thread building records and keys while the
/// second core idled. The preparing thread stops at the first event whose effect needs
/// the tables (`PreparedInserts.prepare`); that event and the ones after it are
/// applied here, after the prepared runs. So the read models are written as applying
/// every event here in order would write them.
struct ChangeApplication {
    private(set) var store: ReadModelStore
    private let events: [ProvisioningEvent]
    private let progress: ((ChangeProgress) -> Void)?
    /// The events applied so far, prepared or not: always a prefix of `events`.
    private var applied = 0
    /// The thread preparing runs of inserts; nil once every run it made is applied
    /// (or for a change that is not bulk). Its value: the events it prepared.
    private var preparer: BackgroundProducer<PreparedInserts, Int>?

    /// Events a prepared run holds at most: about 300 KB of records and index entries.
    static let eventsPerPreparedRun = 4_096
    /// Runs prepared ahead of the writer, at most.
    static let preparedRunsAhead = 16
    /// Events applied here in one step while the log's thread encodes.
    static let eventsPerStep = 1_024

    /// `prepareInserts`: evolve the events on a thread of their own first. Only for
    /// events that `decide` made in this transaction (see `PreparedInserts`).
    init(
        _ events: [ProvisioningEvent], into store: ReadModelStore, prepareInserts: Bool,
        progress: ((ChangeProgress) -> Void)?
    ) {
        self.store = store
        self.events = events
        self.progress = progress
        guard prepareInserts, !events.isEmpty else { return }
        preparer = BackgroundProducer(capacity: Self.preparedRunsAhead) { send in
            var index = 0
            while index < events.count {
                let end = min(events.count, index + Self.eventsPerPreparedRun)
                var run = PreparedInserts(expectedEvents: end - index)
                while index < end, run.prepare(events[index]) { index += 1 }
                run.sumCounterMoves()
                if run.count > 0 { try send(run) }
                // An event that needs the tables: it and the rest are the writer's.
                if index < end { break }
            }
            return index
        }
    }

    /// One short step of applying, without waiting for the preparing thread: whether
    /// it applied anything.
    mutating func step() throws -> Bool {
        if let preparer {
            switch try preparer.poll() {
            case .item(let run):
                try apply(run)
                return true
            case .finished:
                self.preparer = nil
            case .nothingYet:
                return false
            }
        }
        return try applyHere(atMost: Self.eventsPerStep)
    }

    /// Applies every event not applied yet, waiting for the prepared runs.
    mutating func finish() throws {
        if let preparer {
            while let run = try preparer.next() { try apply(run) }
            self.preparer = nil
        }
        _ = try applyHere(atMost: .max)
        progress?(ChangeProgress(stage: .applying, done: UInt64(applied), total: UInt64(events.count)))
    }

    private mutating func apply(_ run: PreparedInserts) throws {
        try store.apply(run)
        advance(by: run.count)
    }

    /// Evolves the next events into the tables, at most `count`; whether it applied any.
    private mutating func applyHere(atMost count: Int) throws -> Bool {
        let end = applied + min(count, events.count - applied)
        guard end > applied else { return false }
        for event in events[applied..<end] {
            try evolve(event, into: &store)
            store.countEvent(type: event.wireName)
        }
        advance(by: end - applied)
        return true
    }

    /// Counts `count` more events applied, reporting progress every 16,384.
    private mutating func advance(by count: Int) {
        let before = applied
        applied += count
        if applied / 16_384 > before / 16_384 {
            progress?(ChangeProgress(stage: .applying, done: UInt64(applied), total: UInt64(events.count)))
        }
    }
}
