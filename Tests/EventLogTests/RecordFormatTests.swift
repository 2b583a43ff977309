import Crypto
import EventLog
import Foundation
import LMDB
import Testing
import TestSupport

/// The stored bytes of a record, field by field as docs/storage.md gives them: the
/// encoder may be rewritten for speed, the bytes on disk may not change.
@Suite struct RecordFormatTests {
    static func varint(_ value: UInt64) -> [UInt8] {
        var v = value
        var bytes: [UInt8] = []
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        return bytes + [UInt8(v)]
    }

    static func string(_ value: String) -> [UInt8] { varint(UInt64(value.utf8.count)) + Array(value.utf8) }

    @Test func aStoredRecordIsTheVersionedFieldsThenTheirHash() throws {
        let directory = TemporaryDirectory("format")
        let log = try EventLog(path: directory.path)
        try log.append([sampleEvent(1)], metadata: sampleMetadata("first", at: 1_000))
        let payload = [UInt8](repeating: 0xAB, count: 300)  // a two-byte length
        let event = NewEvent(type: "sim.activé", schemaVersion: 300, tags: ["sim:1", "group:Zoë"], payload: payload)
        let metadata = AppendMetadata(
            actor: "mike", role: "distributor", commandID: "cmd-2", correlationID: nil, reason: "why not",
            recordedAt: -5)  // raised to the head's time, 1,000
        try log.append([event], metadata: metadata)

        let stored = try #require(
            try log.environment.read { txn in
                try txn.get(log.environment.database("events"), withUnsafeBytes(of: UInt64(2).bigEndian) { Array($0) })
            })
        var expected: [UInt8] = [1]
        expected += Self.varint(2)
        expected += Self.varint(2_000)  // zig-zag of 1,000
        expected += Self.string("sim.activé")
        expected += Self.varint(300)
        expected += Self.string("mike") + Self.string("distributor") + Self.string("cmd-2")
        expected += [0]  // no correlation id
        expected += [1] + Self.string("why not")
        expected += Self.varint(2) + Self.string("sim:1") + Self.string("group:Zoë")
        expected += Self.varint(300) + payload
        #expect(stored.count == expected.count + 32)
        #expect(Array(stored.prefix(expected.count)) == expected)
        let record = try #require(try log.record(at: 2))
        #expect(Array(stored.suffix(32)) == record.hash)
        #expect(try log.verify().isValid)
    }

    /// The chain hash is computed by the system's libcrypto; checked here against
    /// swift-crypto's SHA-256, an implementation of its own, over records whose sizes
    /// cross SHA-256's 64-byte blocks and its padding boundary (55 bytes) many times.
    @Test func everyHashIsSHA256OfThePreviousHashAndTheRecordBody() throws {
        let directory = TemporaryDirectory("chain-hash")
        let log = try EventLog(path: directory.path)
        let events = (0..<200).map { size in
            NewEvent(type: "sim.noted", schemaVersion: 1, tags: ["sim:\(size)"],
                     payload: [UInt8]((0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ size) }))
        }
        try log.append(Array(events[..<100]), metadata: sampleMetadata("first", at: 1_000))
        try log.append(Array(events[100...]), metadata: sampleMetadata("second", at: 2_000))
        var previous = [UInt8](repeating: 0, count: 32)
        try log.environment.read { txn in
            try txn.forEach(log.environment.database("events")) { _, stored in
                let body = stored.prefix(stored.count - 32)
                var hasher = SHA256()
                hasher.update(data: previous)
                hasher.update(data: Array(body))
                let expected = Array(hasher.finalize())
                #expect(Array(stored.suffix(32)) == expected)
                previous = expected
                return true
            }
        }
        #expect(try log.head().hash == previous)
        #expect(try log.verify().isValid)
    }

    /// docs/storage.md: `tags` holds each tag once, its positions as sorted 8-byte
    /// big-endian values; a tag that recurs in a batch, or twice in one event, is
    /// stored once per position.
    @Test func theTagIndexHoldsEachTagOnceWithItsPositionsInOrder() throws {
        let directory = TemporaryDirectory("tag-format")
        let log = try EventLog(path: directory.path)
        try log.append([sampleEvent(1, tags: ["sim:1", "reseller:R"])], metadata: sampleMetadata("one"))
        try log.append(
            [
                sampleEvent(2, tags: ["sim:2", "reseller:R"]),
                sampleEvent(3, tags: ["group:G", "reseller:R", "group:G"]),
                sampleEvent(4, tags: ["sim:1"]),
            ],
            metadata: sampleMetadata("batch"))

        let pairs = try log.environment.read { txn in
            var pairs: [(String, [UInt8])] = []
            try txn.forEach(log.environment.database("tags")) { key, value in
                pairs.append((String(decoding: key, as: UTF8.self), Array(value)))
                return true
            }
            return pairs
        }
        let position = { (value: UInt64) in withUnsafeBytes(of: value.bigEndian) { Array($0) } }
        let expected: [(String, [UInt8])] = [
            ("group:G", position(3)), ("reseller:R", position(1)), ("reseller:R", position(2)),
            ("reseller:R", position(3)), ("sim:1", position(1)), ("sim:1", position(4)), ("sim:2", position(2)),
        ]
        #expect(pairs.map(\.0) == expected.map(\.0))
        #expect(pairs.map(\.1) == expected.map(\.1))
        #expect(try log.records(tag: "reseller:R").map(\.position) == [1, 2, 3])
        #expect(try log.records(tag: "sim:1", upTo: 3).map(\.position) == [1])
        let report = try log.verify()
        #expect(report.isValid && report.tagEntriesChecked == 7, "\(report)")
    }
}
