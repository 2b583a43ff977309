public import EventLog
public import Provisioning
import FoundationEssentials
public import LMDB
import ReadModels
import WireFormat

/// Runs changes and reads against one store: the event log, the read models, the
/// secret store and the document store, all in one LMDB environment.
///
/// A change is one write transaction: check the command id, read what `decide`
/// needs from the read models, decide, append the events, apply them to the read
/// models with `evolve`, advance the checkpoint, store the secrets, commit. A
/// rejection or any error aborts it all, so nothing of a refused change is recorded.
public final class ProvisioningEngine: Sendable {
    public let log: EventLog
    let tables: ReadModelTables
    let secrets: Database
    let documents: Database
    let snapshots: SnapshotStore

    /// Opens (creating when absent) the store at `path`.
    @available(*, noasync)
    public init(path: String, options: LMDBOptions = .init()) throws {
        log = try EventLog(
            path: path, additionalDatabases: ReadModelTables.databaseNames + ["secrets", "documents"] + SnapshotStore.databaseNames,
            options: options)
        tables = ReadModelTables(log.environment)
        secrets = log.environment.database("secrets")
        documents = log.environment.database("documents")
        snapshots = SnapshotStore(log.environment)
    }

    /// Decides and records one change; see the type's documentation.
    ///
    /// - Parameters:
    ///   - username: the acting Control Panel user; nil only for `init`, which creates the first one.
    ///   - now: the wall clock, read by the caller: `decide` never reads a clock.
    ///   - progress: called from inside the change as it records and applies its
    ///     events (every 16,384) and writes a snapshot.
    @available(*, noasync)
    public func execute(
        _ command: Command, as username: Username?, options: ChangeOptions = .init(), now: Timestamp,
        progress: ((ChangeProgress) -> Void)? = nil
    ) throws -> ChangeOutcome {
        let commandID = options.commandID ?? freshCommandID()
        // A bulk change that met a full map would be aborted and run again from the
        // start on a doubled map, once per doubling: make room for it first.
        if let bytes = command.storeGrowthToReserve { try log.environment.reserve(freeBytes: bytes) }
        // Changes of other threads may share this one's commit (group commit): each runs
        // in its own nested transaction, so a refused one undoes only itself. A bulk
        // change, or one that reports progress, commits on its own, on this thread.
        let runsAlone = command.isBulk || progress != nil
        return try log.environment.groupedWrite(runsAlone: runsAlone) { [self] txn in
            if let first = try log.result(ofCommand: commandID, in: txn) {
                return ChangeOutcome(
                    result: first, events: try recordedEvents(first, in: txn), commandID: commandID)
            }
            // A bulk change's commit writes hundreds of MB past the end of the data file:
            // the page cache is made ready for them on the other core meanwhile.
            return try txn.withFileTailWarmed(bytes: command.newPageBytes) {
                try record(command, as: username, commandID: commandID, options: options, now: now, progress: progress, in: txn)
            }
        }
    }

    /// The change itself, in `execute`'s transaction, once its command id is known to be new.
    private func record(
        _ command: Command, as username: Username?, commandID: String, options: ChangeOptions, now: Timestamp,
        progress: ((ChangeProgress) -> Void)?, in txn: borrowing WriteTransaction
    ) throws -> ChangeOutcome {
        var store = ReadModelStore(txn.reference, tables: tables)
        let actor: Actor?
        if let username {
            actor = try store.actor(named: username)
        } else {
            actor = nil
        }
        let head = try log.head(in: txn)
        let decision = try decide(
            command, state: store, actor: actor, now: now, ids: GeneratedIDs(firstPosition: head.position + 1))

        // `init` has no acting user yet: it is recorded as the first user it creates.
        var recordedActor = actor.map { ($0.username.rawValue, $0.role.rawValue) }
        if case .initializeStore(let initialize) = command {
            recordedActor = (initialize.adminUsername.rawValue, Role.distributor.rawValue)
        }
        let metadata = AppendMetadata(
            actor: recordedActor?.0 ?? "", role: recordedActor?.1 ?? "",
            commandID: commandID, correlationID: options.correlationID, reason: options.reason,
            recordedAt: now.millisecondsSince1970)
        let events = decision.events
        let total = UInt64(events.count)
        // The log's view of each event is made where it is encoded: for a large
        // change, on the log's encoding thread, a chunk at a time (`NewEventSequence`),
        // and meanwhile this thread applies the events to the read models in steps
        // (the same transaction; the order of the writes within it is no matter). A
        // bulk change's read-model writes are prepared on a third thread.
        var application = ChangeApplication(events, into: store, prepareInserts: command.isBulk, progress: progress)
        progress?(ChangeProgress(stage: .recording, done: 0, total: total))
        let actorTag = metadata.actor.isEmpty ? nil : "actor:" + metadata.actor
        let result = try log.append(
            NewEventSequence(count: events.count, trailingTags: actorTag.map { [$0] } ?? []) { index, fields in
                events[index].write(into: &fields)
            },
            metadata: metadata,
            in: txn, whileEncoding: { try application.step() })
        try application.finish()
        store = application.store
        try store.finish(checkpoint: result.count == 0 ? head.position : result.lastPosition)
        if let positions = result.positions,
            SnapshotStore.crosses(positions, interval: try snapshots.interval(in: txn))
        {
            progress?(ChangeProgress(stage: .snapshot, done: total, total: total))
            try snapshots.take(store, at: positions.upperBound, recordedAt: result.recordedAt, in: txn.reference)
        }
        for secret in decision.secrets {
            try txn.put(secrets, Array(secret.reference.utf8), secret.value)
        }
        // Documents are stored by content hash: the same bytes twice are one entry.
        for document in decision.documents {
            try txn.put(documents, Array(document.contentHash.utf8), document.bytes)
        }
        return ChangeOutcome(result: result, events: decision.events, commandID: commandID)
    }

    /// The events a command wrote the first time, read back for a repeated command id.
    private func recordedEvents(_ result: AppendResult, in txn: borrowing WriteTransaction) throws
        -> [ProvisioningEvent]
    {
        guard let positions = result.positions else { return [] }
        var events: [ProvisioningEvent] = []
        try log.forEach(from: positions.lowerBound, in: txn) { record in
            events.append(try ProvisioningEvent(record))
            return record.position < positions.upperBound
        }
        return events
    }
}

/// What a change did: the positions written (or written the first time, for a
/// repeated command id) and the events.
public struct ChangeOutcome: Sendable {
    public var result: AppendResult
    public var events: [ProvisioningEvent]
    public var commandID: String

    public var alreadyApplied: Bool { result.alreadyApplied }
}

extension ProvisioningEvent {
    /// The log's view of a domain event, with the event's own tags, written where the
    /// log's encoder reads it. (Every event is also tagged with the acting user,
    /// `actor:<username>`, the index behind `audit user`: `record` gives that tag once
    /// for the change, `NewEventSequence.trailingTags`.)
    func write(into fields: inout EventFields) {
        (fields.type, fields.schemaVersion) = encode(into: &fields.payload, tags: &fields.tags)
    }

    /// Decodes a domain event from its record.
    public init(_ record: EventRecord) throws {
        self = try ProvisioningEvent.decode(
            wireName: record.type, schemaVersion: record.schemaVersion, payload: record.payload)
    }
}

/// The storage options of a store (map size, readers, sync), re-exported so callers
/// of the Engine need not import LMDB.
public typealias LMDBOptions = LMDB.Environment.Options

extension EventTags: TagSink {}
