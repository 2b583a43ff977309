import Foundation
import LMDB
import Testing
import TestSupport
import Threads

@Suite struct EnvironmentTests {
    @Test func writesCommitOnReturnAndAbortOnThrow() throws {
        let directory = TemporaryDirectory("lmdb")
        let path = directory.path
        let env = try Environment(path: path, databases: ["a", "b"])
        let a = env.database("a")
        try env.write { txn in try txn.put(a, [1], [10]) }
        struct Refused: Error {}
        #expect(throws: Refused.self) {
            try env.write { txn in
                try txn.put(a, [2], [20])
                throw Refused()
            }
        }
        let (one, two, count) = try env.read { txn in (try txn.get(a, [1]), try txn.get(a, [2]), try txn.count(a)) }
        #expect(one == [10])
        #expect(two == nil)
        #expect(count == 1)
    }

    @Test func cursorsWalkForwardAndBackwardFromAKey() throws {
        let directory = TemporaryDirectory("lmdb")
        let path = directory.path
        let env = try Environment(path: path, databases: ["keys"])
        let db = env.database("keys")
        try env.write { txn in
            for key: UInt8 in [10, 20, 30, 40] { try txn.put(db, [key], [key], flags: .append) }
        }
        func walk(from start: [UInt8]?, reverse: Bool) throws -> [UInt8] {
            try env.read { txn in
                var keys: [UInt8] = []
                try txn.forEach(db, from: start, reverse: reverse) { key, _ in
                    keys.append(key[0])
                    return true
                }
                return keys
            }
        }
        #expect(try walk(from: nil, reverse: false) == [10, 20, 30, 40])
        #expect(try walk(from: [25], reverse: false) == [30, 40])
        #expect(try walk(from: [30], reverse: true) == [30, 20, 10])
        #expect(try walk(from: [25], reverse: true) == [20, 10])
        #expect(try walk(from: [99], reverse: true) == [40, 30, 20, 10])
        #expect(try walk(from: [99], reverse: false) == [])
    }

    @Test func appendOutOfOrderAndNoOverwriteAreRefused() throws {
        let directory = TemporaryDirectory("lmdb")
        let path = directory.path
        let env = try Environment(path: path, databases: ["keys"])
        let db = env.database("keys")
        try env.write { txn in try txn.put(db, [5], [], flags: .append) }
        #expect(throws: LMDBError.keyExists) {
            try env.write { txn in try txn.put(db, [4], [], flags: .append) }
        }
        #expect(throws: LMDBError.keyExists) {
            try env.write { txn in try txn.put(db, [5], [1], flags: .noOverwrite) }
        }
    }

    @Test func aFullMapGrowsAndTheWriteIsRetried() throws {
        let directory = TemporaryDirectory("lmdb")
        let path = directory.path
        var options = Environment.Options()
        options.mapSize = 256 << 10
        let env = try Environment(path: path, databases: ["big"], options: options)
        let db = env.database("big")
        let value = [UInt8](repeating: 7, count: 4096)
        var runs = 0
        try env.write { txn in
            runs += 1
            for key in 0..<1_000 {
                try txn.put(db, withUnsafeBytes(of: UInt32(key).bigEndian, Array.init), value)
            }
        }
        #expect(runs > 1)
        #expect(env.info.mapSize > 256 << 10)
        #expect(try env.read { txn in try txn.count(db) } == 1_000)
    }

    @Test func filesAreOwnerOnly() throws {
        let directory = TemporaryDirectory("lmdb")
        let path = directory.path
        _ = try Environment(path: path, databases: ["a"])
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o700)
        let data = try FileManager.default.attributesOfItem(atPath: path + "/data.mdb")
        #expect(((data[.posixPermissions] as? Int) ?? 0) & 0o077 == 0)
    }

    @Test func reserveGrowsTheMapUntilTheRoomIsFree() throws {
        let directory = TemporaryDirectory("lmdb")
        let path = directory.path
        var options = Environment.Options()
        options.mapSize = 1 << 20
        let env = try Environment(path: path, databases: ["a"], options: options)
        try env.reserve(freeBytes: 100_000)
        #expect(env.info.mapSize == 1 << 20)  // already free: unchanged
        try env.reserve(freeBytes: 5 << 20)
        let info = env.info
        #expect(info.mapSize == 8 << 20, "doubled from 1 MiB until 5 MiB lie free past \(info.usedBytes) bytes")
        // The room is there: 5 MiB written in one transaction without a rerun.
        var runs = 0
        try env.write { txn in
            runs += 1
            for key in 0..<1_200 { try txn.put(env.database("a"), withUnsafeBytes(of: key.bigEndian, Array.init), [UInt8](repeating: 1, count: 4_000)) }
        }
        #expect(runs == 1)
    }

    @Test func readSnapshotsShareAnIDUntilACommitComesBetween() throws {
        let directory = TemporaryDirectory("lmdb")
        let env = try Environment(path: directory.path, databases: ["a"])
        try env.write { txn in try txn.put(env.database("a"), [1], [1]) }
        let first = try env.read { $0.snapshotID }
        // Another read, on another thread, with no commit since: the same snapshot.
        let other = BackgroundTask { try env.read { $0.snapshotID } }
        #expect(try other.value() == first)
        try env.write { txn in try txn.put(env.database("a"), [2], [2]) }
        #expect(try env.read { $0.snapshotID } != first)
    }
}
