public import EventLog
public import Provisioning
public import ReadModels
import LMDB

extension ProvisioningEngine {
    /// Loads exported records into this store, which must be empty, and rebuilds the
    /// read models: all in one write transaction, so a bad record leaves the store
    /// empty. `next` yields each record's stored bytes with a label for messages (a
    /// line number). The transaction starts over when the map grows, so `rewind` is
    /// called before each attempt and must send `next` back to the first record.
    /// `check` may refuse a record (for instance when the export's readable fields
    /// disagree with its bytes). Returns the number of records.
    @available(*, noasync)
    public func importLog(
        rewind: () -> Void,
        next: () throws -> (label: Int, bytes: [UInt8])?,
        check: (Int, EventRecord) throws -> Void,
        progress: ((UInt64) -> Void)? = nil
    ) throws -> UInt64 {
        try log.write { txn in
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
            _ = try Self.project(log, from: txn.reference, into: txn.reference, tables: tables, upTo: .max, progress: nil)
            progress?(count)
            return count
        }
    }

    /// A new store at `path` holding this log up to `position` and read models
    /// rebuilt from it: the whole store as it was then. The live store is only read.
    @available(*, noasync)
    public func copy(upTo position: UInt64, into path: String, progress: ((UInt64) -> Void)? = nil) throws -> UInt64 {
        let target = try ProvisioningEngine(path: path)
        return try log.environment.read { source in
            let last = min(position, try log.head(in: source).position)
            // Point reads, one record at a time: no copy of the whole log in memory.
            var next: UInt64 = 1
            return try target.importLog(
                rewind: { next = 1 },
                next: {
                    guard next <= last else { return nil }
                    defer { next += 1 }
                    guard let bytes = try log.storedRecord(at: next, in: source) else {
                        throw EventLogError.corruptRecord(position: next, "missing")
                    }
                    return (Int(next), bytes)
                }, check: { _, _ in }, progress: progress)
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
