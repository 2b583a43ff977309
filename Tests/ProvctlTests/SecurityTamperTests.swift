import Crypto
import Foundation
import LMDB
import Testing
import TestSupport

/// Reliability, security item 11: a walkthrough store written by provctl, then changed
/// behind its back by a separate LMDB writer (this test, through the project's LMDB
/// module) the way someone with the file would: a record deleted, two records swapped,
/// a payload edited (with and without recomputing its hash), the chain head edited.
/// `provctl verify` exits 74 naming the position. (One flipped byte anywhere and a
/// flipped head hash are `LogToolsReplayVerifyTests`'; the same at the EventLog level
/// is `EventLogTests/TamperTests`.)
@Suite("Security: tampering is caught by verify")
struct SecurityTamperTests {
    /// The walkthrough's log has 54 events.
    static let last: UInt64 = 54

    /// A private walkthrough store that verifies, and its export (for payload offsets).
    static func store() throws -> (TemporaryDirectory, ProvctlProcess, [[String: Any]]) {
        let store = try Walkthrough.copy()
        let provctl = ProvctlProcess(store: store.path)
        #expect(try provctl.run(["verify"]).status == 0)
        let export = try LogTools.lines(try provctl.run(["export"]).stdout)
        #expect(export.count == Int(last))
        return (store, provctl, export)
    }

    /// Runs `verify` (text and JSON) and expects exit 74 with the position named.
    static func expectCaught(
        _ provctl: ProvctlProcess, at position: UInt64, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let text = try provctl.run(["verify"])
        #expect(text.status == 74, "\(text)", sourceLocation: sourceLocation)
        #expect(text.stdout.isEmpty, sourceLocation: sourceLocation)
        #expect(
            text.stderr.contains("Verification failed at position \(position):"), "\(text.stderr)",
            sourceLocation: sourceLocation)
        let json = try provctl.run(["verify", "--json"])
        #expect(json.status == 74, sourceLocation: sourceLocation)
        let error = try LogTools.object(json.stdout)["error"] as? [String: Any]
        #expect((error?["message"] as? String)?.contains("position \(position)") == true, sourceLocation: sourceLocation)
    }

    static func record(_ txn: borrowing WriteTransaction, _ events: Database, _ position: UInt64) throws -> [UInt8] {
        try #require(try txn.get(events, LogTools.positionKey(position)), "no record at \(position)")
    }

    /// The record with its last 32 bytes (the hash) recomputed over `previous ‖ body`.
    static func rehashed(_ record: [UInt8], previous: [UInt8]) -> [UInt8] {
        let body = record.dropLast(32)
        return Array(body) + Array(SHA256.hash(data: previous + body))
    }

    /// Position and offset inside the stored record of `Talk_Mail` in the payload of
    /// the first `sim.reserved` event (the payload is the record's last field before the hash).
    static func reservedPayloadEdit(_ export: [[String: Any]]) throws -> (position: UInt64, offset: Int) {
        let line = try #require(export.first { $0["type"] as? String == "sim.reserved" })
        let position = try #require((line["position"] as? NSNumber)?.uint64Value)
        let payload = try LogTools.base64(line["payload"])
        let record = try LogTools.base64(line["record"])
        let inPayload = try #require(payload.firstRange(of: Array("Talk_Mail".utf8))?.lowerBound)
        let payloadStart = record.count - 32 - payload.count
        #expect(Array(record[payloadStart..<(payloadStart + payload.count)]) == payload)
        return (position, payloadStart + inPayload)
    }

    @Test("a deleted record is named by its position")
    func deletedRecord() throws {
        let (store, provctl, _) = try Self.store()
        try LogTools.damage(store: store.path, database: "events") { txn, events in
            let deleted = try txn.delete(events, LogTools.positionKey(20))
            #expect(deleted)
        }
        try Self.expectCaught(provctl, at: 20)
    }

    @Test("the deleted last record is named, though every remaining hash chains")
    func deletedLastRecord() throws {
        let (store, provctl, _) = try Self.store()
        try LogTools.damage(store: store.path, database: "events") { txn, events in
            let deleted = try txn.delete(events, LogTools.positionKey(Self.last))
            #expect(deleted)
        }
        try Self.expectCaught(provctl, at: Self.last)
    }

    @Test("two swapped records are named by the first position")
    func swappedRecords() throws {
        let (store, provctl, _) = try Self.store()
        try LogTools.damage(store: store.path, database: "events") { txn, events in
            let twenty = try Self.record(txn, events, 20)
            let twentyOne = try Self.record(txn, events, 21)
            try txn.put(events, LogTools.positionKey(20), twentyOne)
            try txn.put(events, LogTools.positionKey(21), twenty)
        }
        try Self.expectCaught(provctl, at: 20)
    }

    @Test("an edited payload is named by its position")
    func editedPayload() throws {
        let (store, provctl, export) = try Self.store()
        let edit = try Self.reservedPayloadEdit(export)
        try LogTools.damage(store: store.path, database: "events") { txn, events in
            var record = try Self.record(txn, events, edit.position)
            record[edit.offset + 7] = UInt8(ascii: "l")  // Talk_Mail -> Talk_Mall
            try txn.put(events, LogTools.positionKey(edit.position), record)
        }
        try Self.expectCaught(provctl, at: edit.position)
    }

    /// With the edited record's own hash recomputed, that record is self-consistent: the
    /// next record's link to it breaks, so verify names the position after the edit.
    @Test("an edited payload with its hash recomputed is caught at the next position")
    func editedPayloadRehashed() throws {
        let (store, provctl, export) = try Self.store()
        let edit = try Self.reservedPayloadEdit(export)
        try LogTools.damage(store: store.path, database: "events") { txn, events in
            var record = try Self.record(txn, events, edit.position)
            record[edit.offset + 7] = UInt8(ascii: "l")
            let previous = Array(try Self.record(txn, events, edit.position - 1).suffix(32))
            try txn.put(events, LogTools.positionKey(edit.position), Self.rehashed(record, previous: previous))
        }
        try Self.expectCaught(provctl, at: edit.position + 1)
    }

    /// Rewriting every hash from the edit to the head, and the head, leaves a chain that
    /// verifies on its own (and here the read models too: later events of the SIM set
    /// the reseller again). Only a head hash kept elsewhere shows it (docs/storage.md,
    /// "What it does not protect against"): the head hash verify prints has changed.
    @Test("an edit with the whole chain and head rewritten is shown by a kept head hash")
    func rewrittenChainDiffersFromAWitness() throws {
        let (store, provctl, export) = try Self.store()
        let witness = try #require(try LogTools.object(try provctl.run(["verify", "--json"]).stdout)["head-hash"] as? String)
        let edit = try Self.reservedPayloadEdit(export)
        try LogTools.damage(store: store.path, database: "events") { txn, events in
            var previous = Array(try Self.record(txn, events, edit.position - 1).suffix(32))
            for position in edit.position...Self.last {
                var record = try Self.record(txn, events, position)
                if position == edit.position { record[edit.offset + 7] = UInt8(ascii: "l") }
                record = Self.rehashed(record, previous: previous)
                try txn.put(events, LogTools.positionKey(position), record)
                previous = Array(record.suffix(32))
            }
        }
        let newHead = try Self.hash(store: store.path, at: Self.last)
        try LogTools.damage(store: store.path, database: "meta") { txn, meta in
            var head = try #require(try txn.get(meta, Array("head".utf8)))
            head.replaceSubrange(8..<40, with: newHead)
            try txn.put(meta, Array("head".utf8), head)
        }
        let verify = try LogTools.object(try provctl.run(["verify", "--json"]).stdout)
        let head = verify["head-hash"] as? String
        #expect(head != nil && head != witness, "the head hash \(head ?? "-") equals the one kept before the edit")
        let edited = try LogTools.lines(try provctl.run(["log", "--from", String(edit.position), "--limit", "1", "--json"]).stdout)
        #expect(edited.first?["summary"] as? String != export[Int(edit.position) - 1]["summary"] as? String, "the edit is in the log")
    }

    /// The head claims one record fewer (53, with record 53's hash): the log now looks
    /// truncated, and the record beyond the head is named.
    @Test("a chain head moved back to an earlier record is caught")
    func headMovedBack() throws {
        let (store, provctl, _) = try Self.store()
        let previous = try Self.hash(store: store.path, at: Self.last - 1)
        try LogTools.damage(store: store.path, database: "meta") { txn, meta in
            var head = try #require(try txn.get(meta, Array("head".utf8)))
            head.replaceSubrange(0..<8, with: LogTools.positionKey(Self.last - 1))
            head.replaceSubrange(8..<40, with: previous)
            try txn.put(meta, Array("head".utf8), head)
        }
        try Self.expectCaught(provctl, at: Self.last)
    }

    @Test("a chain head that claims a record the log does not have is caught")
    func headMovedForward() throws {
        let (store, provctl, _) = try Self.store()
        try LogTools.damage(store: store.path, database: "meta") { txn, meta in
            var head = try #require(try txn.get(meta, Array("head".utf8)))
            head.replaceSubrange(0..<8, with: LogTools.positionKey(Self.last + 1))
            try txn.put(meta, Array("head".utf8), head)
        }
        try Self.expectCaught(provctl, at: Self.last + 1)
    }

    static func hash(store: String, at position: UInt64) throws -> [UInt8] {
        let environment = try Environment(path: store, databases: ["events"])
        let events = environment.database("events")
        return try environment.read { txn in
            Array(try #require(try txn.get(events, LogTools.positionKey(position))).suffix(32))
        }
    }
}
