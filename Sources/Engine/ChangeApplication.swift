import Provisioning
import ReadModels
import Synchronization
import Threads

/// Applies a change's events to the read models of its transaction, in order, on the
/// writer's thread: in short steps while the log's encoding thread works (`step`),
/// then the rest (`finish`).
///
/// A bulk change's events are first evolved, a run of 4,096 at a time, into
/// `PreparedInserts` (the records encoded, their index keys and counters derived), and
/// the writer's thread only puts what each run holds. A book-in of a million SIMs
/// spent 1.3 s of its writer's thread building records and keys while the second core
/// idled. A thread of its own prepares the runs; the writer's thread prepares one too
/// whenever it would otherwise wait (no records to put, no run ready): the two take
/// runs from one counter, in order, and the writer applies them in that order. The
/// first event whose effect needs the tables (`PreparedInserts.prepare`) ends the
/// preparing; it and every event after it are applied here, after the prepared ones,
/// whatever was prepared past it. So the read models are written as applying every
/// event here in order would write them.
struct ChangeApplication {
    private(set) var store: ReadModelStore
    private let events: [ProvisioningEvent]
    private let progress: ((ChangeProgress) -> Void)?
    /// The events applied so far, prepared or not: always a prefix of `events`.
    private var applied = 0
    /// Runs are prepared only while this is set: it is cleared by a run that stopped
    /// short, and then every event from there on is applied here.
    private var preparing: Bool
    /// The runs taken by either thread, by index; shared with the preparing thread
    /// (none for a change whose events are not prepared).
    private let claims: RunClaims?
    /// The thread preparing runs; nil once every run it sent is received (or for a
    /// change that is not bulk).
    private var preparer: BackgroundProducer<(run: Int, inserts: PreparedInserts), Void>?
    /// Runs prepared (by either thread) and not applied yet, by index.
    private var ready: [Int: PreparedInserts] = [:]

    /// Events a prepared run holds at most: about 400 KB of records and index entries.
    static let eventsPerPreparedRun = 4_096
    /// Runs the preparing thread sends ahead of the writer, at most.
    static let preparedRunsAhead = 16
    /// Events applied here in one step while the log's thread encodes.
    static let eventsPerStep = 1_024

    /// `prepareInserts`: evolve the events into `PreparedInserts` first. Only for
    /// events that `decide` made in this transaction (see `PreparedInserts`).
    init(
        _ events: [ProvisioningEvent], into store: ReadModelStore, prepareInserts: Bool,
        progress: ((ChangeProgress) -> Void)?
    ) {
        self.store = store
        self.events = events
        self.progress = progress
        preparing = prepareInserts && !events.isEmpty
        guard preparing else {
            claims = nil
            return
        }
        let claims = RunClaims(runs: (events.count + Self.eventsPerPreparedRun - 1) / Self.eventsPerPreparedRun)
        self.claims = claims
        preparer = BackgroundProducer(capacity: Self.preparedRunsAhead) { send in
            while let run = claims.claim() {
                try send((run, Self.prepare(run: run, of: events, claims: claims)))
            }
        }
    }

    /// One short step of applying, without waiting for the preparing thread: whether
    /// it did anything.
    mutating func step() throws -> Bool {
        guard preparing else { return try applyHere(atMost: Self.eventsPerStep) }
        try receiveReadyRuns()
        if try applyNextRun() { return true }
        // Nothing to apply yet: prepare the next run not taken, rather than wait.
        return prepareHere()
    }

    /// Applies every event not applied yet, waiting for the prepared runs.
    mutating func finish() throws {
        while preparing {
            try receiveReadyRuns()
            if try applyNextRun() || prepareHere() { continue }
            // The next run is the other thread's, not ready yet: wait for it.
            guard let preparer, let (run, inserts) = try preparer.next() else {
                self.preparer = nil
                break
            }
            ready[run] = inserts
        }
        preparer?.cancel()
        preparer = nil
        _ = try applyHere(atMost: .max)
        progress?(ChangeProgress(stage: .applying, done: UInt64(applied), total: UInt64(events.count)))
    }

    // MARK: Prepared runs

    private static func events(ofRun run: Int, of count: Int) -> Range<Int> {
        (run * eventsPerPreparedRun)..<min(count, (run + 1) * eventsPerPreparedRun)
    }

    /// Whether `inserts`, run `run`, stopped short at an event that needs the tables.
    private func stoppedShort(_ inserts: PreparedInserts, run: Int) -> Bool {
        inserts.count < Self.events(ofRun: run, of: events.count).count
    }

    /// Evolves the events of `run` until one needs the tables; when one does, no run
    /// after it is taken.
    private static func prepare(run: Int, of events: [ProvisioningEvent], claims: RunClaims) -> PreparedInserts {
        let range = Self.events(ofRun: run, of: events.count)
        var inserts = PreparedInserts(expectedEvents: range.count)
        for index in range {
            guard inserts.prepare(events[index]) else {
                claims.stop()
                break
            }
        }
        inserts.sumCounterMoves()
        return inserts
    }

    /// Takes the runs the preparing thread has sent, without waiting.
    private mutating func receiveReadyRuns() throws {
        guard let preparer else { return }
        while true {
            switch try preparer.poll() {
            case .item(let (run, inserts)): ready[run] = inserts
            case .finished:
                self.preparer = nil
                return
            case .nothingYet: return
            }
        }
    }

    /// The run that holds the next event to apply, if it is ready: applies it.
    private mutating func applyNextRun() throws -> Bool {
        let run = applied / Self.eventsPerPreparedRun
        guard let inserts = ready.removeValue(forKey: run) else { return false }
        try store.apply(inserts)
        advance(by: inserts.count)
        if stoppedShort(inserts, run: run) {
            // An event that needs the tables: it and the rest are applied here.
            preparing = false
            ready.removeAll()
        } else if applied == events.count {
            preparing = false
        }
        return true
    }

    /// Prepares the next run that neither thread has taken, on this thread.
    private mutating func prepareHere() -> Bool {
        guard let claims, let run = claims.claim() else { return false }
        ready[run] = Self.prepare(run: run, of: events, claims: claims)
        return true
    }

    // MARK: Applying here

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

/// The prepared runs taken so far, by either thread, in order; and whether preparing
/// has stopped (a run stopped short).
private final class RunClaims: Sendable {
    private let runs: Int
    private let taken = Atomic<Int>(0)
    private let stopped = Atomic<Bool>(false)

    init(runs: Int) {
        self.runs = runs
    }

    /// The next run not taken; nil once all are taken or preparing stopped.
    func claim() -> Int? {
        guard !stopped.load(ordering: .acquiring) else { return nil }
        let run = taken.wrappingAdd(1, ordering: .relaxed).oldValue
        return run < runs ? run : nil
    }

    func stop() { stopped.store(true, ordering: .releasing) }
}
