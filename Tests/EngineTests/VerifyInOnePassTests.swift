import Engine
import EventLog
import Foundation
import LMDB
import Provisioning
import Testing
import TestSupport

/// `verify` checks the log on the threads that decode it for the read models' replay
/// (each thread its own batches of 4,096 records, each batch linked to the stored
/// record before it). Whatever is wrong, and wherever it sits against the batches'
/// edges, its log report must be the one the log's own single walk
/// (`EventLog.verify`) gives: the same first problem, the same counts.
@Suite struct VerifyInOnePassTests {
    /// The seed world and a book-in of `sims` SIMs: records in three batches and more.
    static func store(sims: Int) throws -> (TemporaryDirectory, ProvisioningEngine) {
        let directory = TemporaryDirectory("verify-one-pass")
        let engine = try ProvisioningEngine(path: directory.path, options: .fast)
        for line in seedLines() { try engine.apply(line, at: 1_764_000_000_000) }
        let iccids = (0..<sims).map { "89445300000" + String(2_000_000 + $0) }
        try engine.apply(
            ["command": "sims bookin", "as": "mike", "args": ["sim-type": "MXG-ET085", "form": "physical", "iccids": iccids]],
            at: 1_764_000_100_000)
        return (directory, engine)
    }

    static func key(_ position: UInt64) -> [UInt8] { withUnsafeBytes(of: position.bigEndian) { Array($0) } }

    /// A change to the stored bytes, and how to take it back.
    struct Tamper: CustomStringConvertible {
        var description: String
        var apply: (borrowing WriteTransaction, Database, Database) throws -> Void
        var undo: (borrowing WriteTransaction, Database, Database) throws -> Void
    }

    /// Record `position` replaced by `change` of its bytes (nil: deleted), taken back
    /// by putting its bytes back.
    static func rewriting(_ position: UInt64, _ description: String, _ change: @escaping ([UInt8]) -> [UInt8]?) -> Tamper {
        var kept: [UInt8] = []
        return Tamper(
            description: description,
            apply: { txn, events, _ in
                kept = try #require(try txn.get(events, key(position)))
                if let changed = change(kept) {
                    try txn.put(events, key(position), changed)
                } else {
                    try txn.delete(events, key(position))
                }
            },
            undo: { txn, events, _ in try txn.put(events, key(position), kept) })
    }

    static func flipping(_ position: UInt64, byte: Int) -> Tamper {
        rewriting(position, "byte \(byte) of record \(position) flipped") { record in
            var flipped = record
            flipped[byte < 0 ? record.count + byte : byte] ^= 0x01
            return flipped
        }
    }

    static func deleting(_ position: UInt64) -> Tamper {
        rewriting(position, "record \(position) deleted") { _ in nil }
    }

    static func truncating(_ position: UInt64) -> Tamper {
        rewriting(position, "record \(position) cut to 20 bytes") { Array($0.prefix(20)) }
    }

    static func putting(_ key: [UInt8], _ value: [UInt8], into database: String) -> Tamper {
        Tamper(
            description: "\(database) entry \(key) added",
            apply: { txn, events, tags in try txn.put(database == "events" ? events : tags, key, value) },
            undo: { txn, events, tags in
                if database == "events" { try txn.delete(events, key) } else { try txn.delete(tags, key: key, value: value) }
            })
    }

    @Test func everyProblemIsReportedAsTheLogsOwnWalkReportsIt() throws {
        let (directory, engine) = try Self.store(sims: 12_000)
        _ = directory
        let head = try engine.log.head().position
        #expect(head > 12_000)
        let tamperings: [Tamper] = [
            Self.flipping(5_000, byte: 30),  // inside a batch
            Self.flipping(4_096, byte: -1),  // the last byte of a batch's last record (its hash)
            Self.flipping(4_097, byte: 12),  // the first record of the second thread's batch
            Self.flipping(8_193, byte: -1),
            Self.flipping(head, byte: 40),  // the last record
            Self.deleting(4_097),  // a gap where one batch meets the next
            Self.deleting(6_000),
            Self.deleting(head),  // the log ends before its head
            Self.truncating(8_192),
            Self.putting(Self.key(4_096) + [0], [1, 2, 3], into: "events"),  // a stray key between two batches
            Self.putting(Self.key(head + 1), [1, 2, 3], into: "events"),  // a record after the head
            Self.putting(Array("sim:89445300002000005".utf8), Self.key(9_000), into: "tags"),  // a stray tag entry
        ]
        let events = engine.log.environment.database("events")
        let tags = engine.log.environment.database("tags")
        for tamper in tamperings {
            try engine.log.environment.write { txn in try tamper.apply(txn, events, tags) }
            let single = try engine.log.verify()
            let onePass = try engine.verifyStore()
            #expect(single.problem != nil, "\(tamper)")
            #expect(onePass.log == single, "\(tamper)")
            #expect(onePass.readModelDifferences.isEmpty, "\(tamper)")
            try engine.log.environment.write { txn in try tamper.undo(txn, events, tags) }
        }
        // Every tampering taken back: the store verifies, as a single walk says.
        let verified = try engine.verifyStore()
        #expect(verified.log == (try engine.log.verify()))
        #expect(verified.log.isValid && verified.log.eventsChecked == head)
        #expect(verified.readModelDifferences.isEmpty)
    }

    @Test func aBadLogIsTheFindingEvenWhenTheReadModelsDifferToo() throws {
        let (directory, engine) = try Self.store(sims: 5_000)
        _ = directory
        let events = engine.log.environment.database("events")
        try engine.log.environment.write { txn in
            var record = try #require(try txn.get(events, Self.key(3)))
            record[record.count - 1] ^= 0xFF  // the last byte of record 3's hash
            try txn.put(events, Self.key(3), record)
            // And a read model changed: a replay would find it, but the log is bad.
            try txn.clear(engine.log.environment.database("rm.sims"))
        }
        let result = try engine.verifyStore()
        #expect(result.log.problem?.position == 3)
        #expect(result.log.eventsChecked == 2)
        #expect(result.readModelDifferences.isEmpty)
        #expect(try engine.readModelDifferences().isEmpty == false)
    }
}
