import Foundation
import LMDB
import Testing
import TestSupport

/// `Environment.groupedWrite`: writes of several threads share a commit; one that
/// throws is undone alone; a full map met by any of them grows and reruns them all.
@Suite struct GroupCommitTests {
    struct Refused: Error, Equatable {
        let key: UInt32
    }

    static func key(_ n: UInt32) -> [UInt8] { withUnsafeBytes(of: n.bigEndian) { Array($0) } }

    /// A write that holds the lead (its body sleeps inside the transaction) makes the
    /// others queue; they join its group before it commits: one commit for all eight
    /// writes, and the one of them that throws leaves nothing while the others are there.
    @Test func writesQueuedBehindALeaderShareOneCommitAndAThrowUndoesOnlyItself() throws {
        let directory = TemporaryDirectory("group-commit")
        let env = try Environment(path: directory.path, databases: ["a"])
        let a = env.database("a")
        let before = env.info.lastTransactionID
        let leaderInside = DispatchSemaphore(value: 0)
        let outcomes = Outcomes()

        runOnThreads(8) { index in
            do {
                if index == 0 {
                    try env.groupedWrite { txn in
                        try txn.put(a, Self.key(0), [0])
                        leaderInside.signal()
                        // The other seven start now and queue behind this write.
                        Thread.sleep(forTimeInterval: 0.3)
                    }
                } else {
                    leaderInside.wait()
                    leaderInside.signal()
                    try env.groupedWrite { txn in
                        try txn.put(a, Self.key(UInt32(index)), [UInt8(index)])
                        // A second write to the same table in the same nested transaction.
                        try txn.put(a, Self.key(UInt32(100 + index)), [UInt8(index)])
                        if index == 3 { throw Refused(key: 3) }
                    }
                }
                outcomes.add(index, nil)
            } catch {
                outcomes.add(index, error)
            }
        }

        let results = outcomes.all
        #expect(results.count == 8)
        for (index, error) in results {
            if index == 3 {
                #expect(error as? Refused == Refused(key: 3))
            } else {
                #expect(error == nil, "write \(index): \(String(describing: error))")
            }
        }
        let stored = try env.read { txn in
            var keys: [UInt32] = []
            try txn.forEach(a) { key, _ in
                keys.append(key.loadUnaligned(as: UInt32.self).bigEndian)
                return true
            }
            return keys
        }
        #expect(stored == [0, 1, 2, 4, 5, 6, 7, 101, 102, 104, 105, 106, 107])
        // The seven queued while the leader's write ran joined its commit.
        #expect(env.info.lastTransactionID - before == 1)
    }

    /// A write that runs alone (a bulk change) is not joined to a group and joins none:
    /// queued between two writes while a leader runs, it commits on its own, on its
    /// own thread, and the write behind it waits for the next group.
    @Test func aWriteThatRunsAloneCommitsOnItsOwnThread() throws {
        let directory = TemporaryDirectory("group-commit")
        let env = try Environment(path: directory.path, databases: ["a"])
        let a = env.database("a")
        let before = env.info.lastTransactionID
        let outcomes = Outcomes()
        let ranOnItsOwnThread = Outcomes()
        runOnThreads(3) { index in
            // 0 leads and holds the lead; 1 (alone) queues behind it, then 2.
            Thread.sleep(forTimeInterval: 0.1 * Double(index))
            let caller = pthread_self()
            do {
                try env.groupedWrite(runsAlone: index == 1) { txn in
                    try txn.put(a, Self.key(UInt32(index)), [UInt8(index)])
                    if index == 0 { Thread.sleep(forTimeInterval: 0.4) }
                    if index == 1 && pthread_equal(caller, pthread_self()) != 0 { ranOnItsOwnThread.add(1, nil) }
                }
            } catch {
                outcomes.add(index, error)
            }
        }
        #expect(outcomes.all.isEmpty)
        #expect(ranOnItsOwnThread.all.count == 1)
        #expect(try env.read { txn in try txn.count(a) } == 3)
        #expect(env.info.lastTransactionID - before == 3)
    }

    /// Many threads, many small writes each, durable commits: every write that returned
    /// is stored exactly once, the refused ones not at all, and fewer commits than writes.
    @Test func manyThreadsWritingAtOnceLoseNothingAndShareCommits() throws {
        let directory = TemporaryDirectory("group-commit")
        let env = try Environment(path: directory.path, databases: ["a"])
        let a = env.database("a")
        let before = env.info.lastTransactionID
        let outcomes = Outcomes()
        runOnThreads(8) { thread in
            for n in 0..<100 {
                let key = UInt32(thread * 1_000 + n)
                do {
                    try env.groupedWrite { txn in
                        // Each write reads what the earlier ones of its group wrote.
                        let count = try txn.get(a, [0xFF]).map { Int($0[0]) << 8 | Int($0[1]) } ?? 0
                        try txn.put(a, [0xFF], [UInt8(truncatingIfNeeded: (count + 1) >> 8), UInt8(truncatingIfNeeded: count + 1)])
                        try txn.put(a, Self.key(key), [UInt8(thread)])
                        if n % 10 == 9 { throw Refused(key: key) }
                    }
                    outcomes.add(Int(key), nil)
                } catch {
                    outcomes.add(Int(key), error)
                }
            }
        }
        let results = outcomes.all
        let accepted = Set(results.filter { $0.1 == nil }.map { UInt32($0.0) })
        let refused = results.filter { $0.1 != nil }
        #expect(accepted.count == 720)
        #expect(refused.allSatisfy { ($0.1 as? Refused)?.key == UInt32($0.0) && $0.0 % 10 == 9 })
        let (keys, counter) = try env.read { txn in
            var keys = Set<UInt32>()
            try txn.forEach(a) { key, _ in
                if key.count == 4 { keys.insert(key.loadUnaligned(as: UInt32.self).bigEndian) }
                return true
            }
            let counter = try txn.get(a, [0xFF]).map { Int($0[0]) << 8 | Int($0[1]) }
            return (keys, counter)
        }
        #expect(keys == accepted)
        // The counter was read and raised by every accepted write and by no refused one.
        #expect(counter == 720)
        let commits = env.info.lastTransactionID - before
        print("group commit: 800 writes from 8 threads in \(commits) commits")
        #expect(commits < 800)
    }

    /// A store created with a 1 MiB map: writes of 64 KiB from four threads fill it
    /// within groups; the map grows, the group runs again, and every write is stored.
    @Test func aFullMapInAGroupGrowsTheMapAndRerunsTheGroup() throws {
        let directory = TemporaryDirectory("group-commit")
        var options = Environment.Options()
        options.mapSize = 1 << 20
        options.noSync = true
        let env = try Environment(path: directory.path, databases: ["a"], options: options)
        let a = env.database("a")
        let outcomes = Outcomes()
        runOnThreads(4) { thread in
            for n in 0..<40 {
                let key = UInt32(thread * 1_000 + n)
                do {
                    try env.groupedWrite { txn in
                        try txn.put(a, Self.key(key), [UInt8](repeating: UInt8(thread), count: 64 << 10))
                    }
                } catch {
                    outcomes.add(Int(key), error)
                }
            }
        }
        #expect(outcomes.all.isEmpty, "\(outcomes.all.prefix(3))")
        let count = try env.read { txn in try txn.count(a) }
        #expect(count == 160)
        #expect(env.info.mapSize > 10 << 20)
    }
}

/// What each thread's writes came to, gathered under a lock.
final class Outcomes: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [(Int, (any Error)?)] = []

    func add(_ index: Int, _ error: (any Error)?) {
        lock.withLock { results.append((index, error)) }
    }

    var all: [(Int, (any Error)?)] { lock.withLock { results } }
}
