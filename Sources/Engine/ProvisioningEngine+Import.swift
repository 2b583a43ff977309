public import EventLog
import Provisioning
import ReadModels
import LMDB

extension ProvisioningEngine {
    /// Loads exported records into this store, which must be empty, and rebuilds the
    /// read models: all in one write transaction, so a bad record leaves the store
    /// empty. `next` yields each record's stored bytes with a label for messages (a
    /// line number). The transaction starts over when the map grows, so `rewind` is
    /// called before each attempt and must send `next` back to the first record.
    /// `check` may refuse a record (for instance when the export's readable fields
    /// disagree with its bytes). `reserving`: about the bytes the store will take;
    /// the map grows to hold them first (a write that fills the map runs again from
    /// the start, here the whole import). Returns the number of records.
    @available(*, noasync)
    public func importLog(
        reserving bytes: Int = 0,
        rewind: () -> Void,
        next: () throws -> (label: Int, bytes: [UInt8])?,
        check: (Int, EventRecord) throws -> Void,
        progress: ((UInt64) -> Void)? = nil
    ) throws -> UInt64 {
        if bytes > 0 { try log.environment.reserve(freeBytes: bytes) }
        return try log.write { txn in
            let head = try log.head(in: txn)
            guard head.position == 0 else {
                throw ImportError(label: 0, message: "the store already holds \(head.position) events: import into a new, empty store")
            }
            rewind()
            var count: UInt64 = 0
            while let (label, bytes) = try next() {
                let record: EventRecord
                do {
                    record = try log.appendExported(bytes, in: txn)
                    try check(label, record)
                } catch let error as ImportError {
                    throw error
                } catch {
                    throw ImportError(label: label, message: "\(error)")
                }
                count += 1
                if count % 65_536 == 0 { progress?(count) }
            }
            // The new store takes its own snapshots, at its own interval, as it rebuilds.
            var projection = try ReadModelProjection(
                into: txn.reference, tables: tables, snapshots: snapshots, interval: try snapshots.interval(in: txn))
            try log.forEachView(from: 1, in: txn) { record in
                try projection.apply(record)
                return true
            }
            try projection.finish()
            progress?(count)
            return count
        }
    }

    /// A new store at `path` holding this log up to `position` and read models
    /// rebuilt from it: the whole store as it was then. The live store is only read.
    ///
    /// The copy keeps this store's snapshot interval and its snapshots up to
    /// `position` (each checked against its checksum first; a damaged one is left
    /// out), and its read models start from the newest of them: only the events
    /// after it are applied. Returns the number of events copied.
    @available(*, noasync)
    public func copy(upTo position: UInt64, into path: String, progress: ((UInt64) -> Void)? = nil) throws -> UInt64 {
        let target = try ProvisioningEngine(path: path)
        // Room for all of it first: a write that fills the map runs again from the start.
        try target.log.environment.reserve(freeBytes: log.environment.info.usedBytes)
        return try log.environment.read { source in
            let last = min(position, try log.head(in: source).position)
            let interval = try snapshots.interval(in: source)
            return try target.log.write { txn in
                let head = try target.log.head(in: txn)
                guard head.position == 0 else {
                    throw ImportError(label: 0, message: "the store at \(path) already holds \(head.position) events: copy into a new, empty store")
                }
                try target.snapshots.setInterval(interval, in: txn.reference)
                // Point reads, one record at a time: no copy of the whole log in memory.
                var next: UInt64 = 1
                while next <= last {
                    guard let bytes = try log.storedRecord(at: next, in: source) else {
                        throw EventLogError.corruptRecord(position: next, "missing")
                    }
                    _ = try target.log.appendExported(bytes, in: txn)
                    if next % 65_536 == 0 { progress?(next) }
                    next += 1
                }
                var start: (position: UInt64, stream: [UInt8])?
                for case .success(let manifest) in try snapshots.all(atOrBefore: last, in: source.reference) {
                    do {
                        try target.snapshots.copy(manifest, from: snapshots, in: source.reference, into: txn.reference)
                        if start == nil { start = (manifest.position, try snapshots.stream(manifest, in: source.reference)) }
                    } catch {
                        continue  // derived data: a damaged snapshot is not copied, the log rebuilds its state
                    }
                }
                var projection = try ReadModelProjection(
                    into: txn.reference, tables: target.tables, snapshots: target.snapshots, interval: interval,
                    startingFrom: start)
                try target.log.forEachView(from: (start?.position ?? 0) + 1, in: txn) { record in
                    try projection.apply(record)
                    return true
                }
                try projection.finish()
                progress?(last)
                return last
            }
        }
    }

    /// The counters `stats` shows, in one snapshot.
    @available(*, noasync)
    public func counters(withPrefix prefix: String) throws -> [(String, Int64)] {
        try read(now: Timestamp(millisecondsSince1970: 0)) { store, _ in try store.counters(withPrefix: prefix) }
    }
}

/// A record that cannot be imported, with the line (or other label) it came from.
public struct ImportError: Error, CustomStringConvertible, Sendable {
    public var label: Int
    public var message: String

    public init(label: Int, message: String) {
        self.label = label
        self.message = message
    }

    public var description: String { label > 0 ? "line \(label): \(message)" : message }
}
