import Foundation
import LMDB
import Testing
import TestSupport

/// Bulk appends through nested transactions (`withSteppedAppender`): the same bytes as
/// a plain append, undone with their transaction, and a full map grown as for any write.
@Suite struct SteppedAppenderTests {
    static func key(_ number: Int) -> [UInt8] { Array(String(format: "key-%08d", number).utf8) }
    static func value(_ number: Int) -> [UInt8] { Array(repeating: UInt8(truncatingIfNeeded: number), count: 40 + number % 60) }

    /// 10,000 entries in steps of 7 after entries already there (steps that end
    /// mid-page, a last step shorter than the others) read back as the same entries put
    /// through one cursor.
    @Test func stepsWriteWhatOneCursorWrites() throws {
        let directory = TemporaryDirectory("lmdb")
        let env = try Environment(path: directory.path, databases: ["stepped", "plain"])
        let stepped = env.database("stepped")
        let plain = env.database("plain")
        try env.write { txn in
            for number in 0..<5 {
                try txn.put(stepped, Self.key(number), Self.value(number))
                try txn.put(plain, Self.key(number), Self.value(number))
            }
        }
        try env.write { txn in
            try txn.withSteppedAppender(stepped, entriesPerStep: 7) { appender in
                for number in 5..<10_005 {
                    try Self.key(number).withUnsafeBytes { key in
                        try Self.value(number).withUnsafeBytes { try appender.append(key: key, value: $0) }
                    }
                }
            }
            // The transaction is open again once the appender is done.
            try txn.put(stepped, Self.key(20_000), [1])
            try txn.withWriteCursor(plain) { cursor in
                for number in 5..<10_005 {
                    try Self.key(number).withUnsafeBytes { key in
                        try Self.value(number).withUnsafeBytes { try cursor.put(key: key, value: $0, flags: .append) }
                    }
                }
            }
            try txn.put(plain, Self.key(20_000), [1])
        }
        let written = try env.entries(of: stepped)
        #expect(written.count == 10_006)
        #expect(written == (try env.entries(of: plain)))
    }

    /// A key out of order fails its step; the transaction goes on with the earlier
    /// steps, and aborting it leaves the database as it was.
    @Test func aFailedAppendIsUndoneWithItsTransaction() throws {
        let directory = TemporaryDirectory("lmdb")
        let env = try Environment(path: directory.path, databases: ["stepped"])
        let database = env.database("stepped")
        try env.write { txn in try txn.put(database, Self.key(0), Self.value(0)) }
        let before = try env.entries(of: database)

        struct Abort: Error {}
        #expect(throws: Abort.self) {
            try env.write { txn in
                #expect(throws: LMDBError.keyExists) {
                    try txn.withSteppedAppender(database, entriesPerStep: 10) { appender in
                        for number in [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 2] {
                            try Self.key(number).withUnsafeBytes { key in
                                try Self.value(number).withUnsafeBytes { try appender.append(key: key, value: $0) }
                            }
                        }
                    }
                }
                // The first step (1...10) joined the transaction; the second (11...13) was undone.
                #expect(try txn.count(database) == 11)
                throw Abort()
            }
        }
        #expect(try env.entries(of: database) == before)
    }

    /// A step that meets a full map makes the write grow the map and run again, as a
    /// plain put does.
    @Test func aFullMapGrowsAndTheWriteRunsAgain() throws {
        let directory = TemporaryDirectory("lmdb")
        var options = Environment.Options()
        options.mapSize = 256 << 10
        let env = try Environment(path: directory.path, databases: ["stepped"], options: options)
        let database = env.database("stepped")
        var runs = 0
        try env.write { txn in
            runs += 1
            try txn.withSteppedAppender(database, entriesPerStep: 1_000) { appender in
                for number in 0..<20_000 {
                    try Self.key(number).withUnsafeBytes { key in
                        try Self.value(number).withUnsafeBytes { try appender.append(key: key, value: $0) }
                    }
                }
            }
        }
        #expect(runs > 1)
        #expect(env.info.mapSize > 256 << 10)
        #expect(try env.entries(of: database).count == 20_000)
    }
}
