import EventLog
import Foundation
import LMDB
import Testing
import TestSupport

/// Acceptance item 7: a separate writer (the `LMDB` module, the same C API, on an
/// environment opened by itself once the log is closed) changes the stored bytes
/// behind the log's back, and `verify()` names the position of the change.
@Suite struct TamperTests {
    static let eventCount: UInt64 = 20

    /// A store of 20 events from 4 appends, closed when this returns.
    static func makeStore() throws -> TemporaryDirectory {
        let directory = TemporaryDirectory("tamper")
        let log = try EventLog(path: directory.path)
        for batch in 0..<4 {
            try log.append(
                (0..<5).map { sampleEvent(batch * 5 + $0) },
                metadata: sampleMetadata("cmd-\(batch)", at: 1_764_000_000_000 + Int64(batch)))
        }
        #expect(try log.verify().isValid)
        return directory
    }

    static func key(_ position: UInt64) -> [UInt8] { withUnsafeBytes(of: position.bigEndian) { Array($0) } }

    /// One way of tampering, and the position `verify()` must name.
    struct Tampering: CustomTestStringConvertible, Sendable {
        let name: String
        let expected: UInt64
        let change: @Sendable (borrowing WriteTransaction, Environment) throws -> Void
        var testDescription: String { name }
    }

    static func flip(_ position: UInt64, at offset: @escaping @Sendable (Int) -> Int) -> @Sendable (
        borrowing WriteTransaction, Environment
    ) throws -> Void {
        { txn, environment in
            let events = environment.database("events")
            var record = try #require(try txn.get(events, key(position)))
            record[offset(record.count)] ^= 0xFF
            try txn.put(events, key(position), record)
        }
    }

    static let tamperings: [Tampering] = [
        Tampering(name: "a byte in the middle of record 7", expected: 7, change: flip(7) { $0 / 2 }),
        Tampering(name: "the first byte of record 7", expected: 7, change: flip(7) { _ in 0 }),
        Tampering(name: "the last byte of record 7's hash", expected: 7, change: flip(7) { $0 - 1 }),
        Tampering(name: "the first byte of record 7's hash", expected: 7, change: flip(7) { $0 - 32 }),
        Tampering(name: "a byte of record 1", expected: 1, change: flip(1) { $0 / 3 }),
        Tampering(name: "a byte of the last record", expected: 20, change: flip(20) { $0 / 2 }),
        Tampering(name: "record 7 cut short by one byte", expected: 7) { txn, environment in
            let events = environment.database("events")
            let record = try #require(try txn.get(events, key(7)))
            try txn.put(events, key(7), Array(record.dropLast()))
        },
        Tampering(name: "record 7 deleted", expected: 7) { txn, environment in
            try #require(try txn.delete(environment.database("events"), key(7)))
        },
        Tampering(name: "the last record deleted", expected: 20) { txn, environment in
            try #require(try txn.delete(environment.database("events"), key(20)))
        },
        Tampering(name: "record 7 moved beyond the head", expected: 7) { txn, environment in
            let events = environment.database("events")
            let record = try #require(try txn.get(events, key(7)))
            try txn.delete(events, key(7))
            try txn.put(events, key(1_000), record)
        },
        Tampering(name: "records 5 and 9 swapped", expected: 5) { txn, environment in
            let events = environment.database("events")
            let five = try #require(try txn.get(events, key(5)))
            let nine = try #require(try txn.get(events, key(9)))
            try txn.put(events, key(5), nine)
            try txn.put(events, key(9), five)
        },
        Tampering(name: "record 9 replaced by a copy of record 8", expected: 9) { txn, environment in
            let events = environment.database("events")
            try txn.put(events, key(9), try #require(try txn.get(events, key(8))))
        },
        Tampering(name: "a record added after the head", expected: 21) { txn, environment in
            let events = environment.database("events")
            try txn.put(events, key(21), try #require(try txn.get(events, key(20))))
        },
        Tampering(name: "the chain head's hash edited", expected: 20) { txn, environment in
            let meta = environment.database("meta")
            var head = try #require(try txn.get(meta, Array("head".utf8)))
            head[8 + 31] ^= 0x01
            try txn.put(meta, Array("head".utf8), head)
        },
        Tampering(name: "the chain head moved back to 19", expected: 20) { txn, environment in
            let meta = environment.database("meta")
            var head = try #require(try txn.get(meta, Array("head".utf8)))
            head.replaceSubrange(0..<8, with: key(19))
            try txn.put(meta, Array("head".utf8), head)
        },
        Tampering(name: "the chain head moved on to 21", expected: 21) { txn, environment in
            let meta = environment.database("meta")
            var head = try #require(try txn.get(meta, Array("head".utf8)))
            head.replaceSubrange(0..<8, with: key(21))
            try txn.put(meta, Array("head".utf8), head)
        },
        Tampering(name: "a stray tag index entry for record 7", expected: 7) { txn, environment in
            try txn.put(environment.database("tags"), Array("sim:8944530000000099999".utf8), key(7))
        },
        Tampering(name: "record 7's tag added to record 12 in the index", expected: 12) { txn, environment in
            try txn.put(environment.database("tags"), Array("sim:894453000000000006".utf8), key(12))
        },
        Tampering(name: "a tag index entry for a position beyond the head", expected: 30) { txn, environment in
            try txn.put(environment.database("tags"), Array("reseller:Talk_Mail".utf8), key(30))
        },
        // The index keeps its size: only the fingerprint of its entries can tell.
        Tampering(name: "record 7's tag moved to record 8 in the index", expected: 7) { txn, environment in
            let tags = environment.database("tags")
            try #require(try txn.delete(tags, key: Array("sim:894453000000000006".utf8), value: key(7)))
            try txn.put(tags, Array("sim:894453000000000006".utf8), key(8))
        },
        // Two changes: the first in log order is named, though the walk stops at the second.
        Tampering(name: "record 7's tag removed and a byte of record 12 flipped", expected: 7) { txn, environment in
            try #require(
                try txn.delete(environment.database("tags"), key: Array("sim:894453000000000006".utf8), value: key(7)))
            try flip(12) { $0 / 2 }(txn, environment)
        },
        Tampering(name: "record 7's tag removed from the index", expected: 7) { txn, environment in
            try #require(
                try txn.delete(environment.database("tags"), key: Array("sim:894453000000000006".utf8), value: key(7)))
        },
    ]

    @Test(arguments: tamperings)
    func verifyNamesThePositionOfTheChange(_ tampering: Tampering) throws {
        let directory = try Self.makeStore()
        do {
            // The separate writer: the LMDB module on its own environment.
            let environment = try Environment(path: directory.path, databases: EventLog.coreDatabases)
            try environment.write { txn in try tampering.change(txn, environment) }
        }
        let log = try EventLog(path: directory.path)
        let report = try log.verify()
        #expect(!report.isValid)
        #expect(report.problem?.position == tampering.expected, "\(report.problem.map(String.init(describing:)) ?? "no problem found")")
    }

    /// Every byte of three records (the first, one in the middle, the last), each
    /// flipped alone and put back: each flip is caught at that record's position.
    @Test func everySingleFlippedByteIsCaughtAtItsPosition() throws {
        let directory = try Self.makeStore()
        let log = try EventLog(path: directory.path)
        let events = log.environment.database("events")
        var flips = 0
        for position: UInt64 in [1, 10, Self.eventCount] {
            let original = try #require(try log.environment.read { txn in try txn.get(events, Self.key(position)) })
            for offset in original.indices {
                for mask: UInt8 in [0x01, 0x80, 0xFF] where (offset + Int(mask)) % 2 == 0 || mask == 0xFF {
                    var changed = original
                    changed[offset] ^= mask
                    try log.environment.write { txn in try txn.put(events, Self.key(position), changed) }
                    let report = try log.verify()
                    #expect(
                        report.problem?.position == position,
                        "byte \(offset) of record \(position) ^ \(mask): \(report.problem.map(String.init(describing:)) ?? "not caught")")
                    flips += 1
                }
            }
            try log.environment.write { txn in try txn.put(events, Self.key(position), original) }
        }
        #expect(try log.verify().isValid)
        #expect(flips > 300)
    }
}
