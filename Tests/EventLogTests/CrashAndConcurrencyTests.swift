import EventLog
import Foundation
import LMDB
import Testing
import TestSupport

/// Acceptance items 4 and 5 of the log's issue, with real child processes
/// (`eventlog-stress`) on a real store, plus snapshot isolation across processes.
@Suite struct CrashAndConcurrencyTests {
    /// One `committed <first> <last> <round> <batch>` line of the crash-loop child.
    struct Reported: Hashable {
        var positions: ClosedRange<UInt64>
        var round: Int
        var batch: Int

        init?(_ line: String) {
            let parts = line.split(separator: " ")
            guard parts.count == 5, parts[0] == "committed", let first = UInt64(parts[1]),
                let last = UInt64(parts[2]), first <= last, let round = Int(parts[3]), let batch = Int(parts[4])
            else { return nil }
            positions = first...last
            self.round = round
            self.batch = batch
        }
    }

    /// Item 4: SIGKILL at 20 seeded random moments of a child appending batches of
    /// 1 to 3,000 events with durable commits. After each kill the store opens, the
    /// chain verifies, positions are gapless, every batch the child reported is there
    /// intact, every batch is all there or not at all, and the next round goes on
    /// with the same store.
    @Test(.timeLimit(.minutes(3)))
    func killedWritersLoseNothingTheyReportedAndLeaveAValidChain() throws {
        let seed: UInt64 = 0x2026_0002_0004
        var random = SplitMix64(seed: seed)
        let executable = try stressExecutable()
        let directory = TemporaryDirectory("crash")
        var reportedTotal = 0
        var unreportedCommits = 0
        var headBefore: UInt64 = 0

        for round in 0..<20 {
            let context = "seed \(seed), round \(round)"
            let child = try ChildProcess(
                executable, ["crash-loop", directory.path, String(round), String(random.next())])
            // Some kills before the first commit (while opening or in the first
            // transaction), most after a random number of commits.
            let waitForCommits = Int.random(in: 0...12, using: &random)
            if waitForCommits > 0 {
                _ = child.waitForLine(timeout: 30) { line in
                    Reported(line).map { $0.batch >= waitForCommits - 1 } ?? false
                }
            }
            Thread.sleep(forTimeInterval: Double.random(in: 0...0.040, using: &random))
            child.kill()
            #expect(child.process.terminationReason == .uncaughtSignal, "\(context): \(child.standardError)")

            let reported = child.lines.compactMap(Reported.init)
            #expect(reported.count == child.lines.count, "\(context): unexpected output \(child.lines)")
            #expect(reported.map(\.batch) == Array(0..<reported.count), "\(context)")
            reportedTotal += reported.count

            let log = try EventLog(path: directory.path)
            let report = try log.verify()
            #expect(report.isValid, "\(context): \(report.problem.map(String.init(describing:)) ?? "")")
            let head = try log.head()
            #expect(head.position >= (reported.last?.positions.upperBound ?? 0), "\(context)")
            #expect(head.position >= headBefore, "\(context)")

            let records = try log.records(from: 1)
            #expect(records.map(\.position) == Array(stride(from: 1, through: head.position, by: 1)), "\(context)")

            for batch in reported {
                let stored = records[Int(batch.positions.lowerBound - 1)...Int(batch.positions.upperBound - 1)]
                for (index, record) in stored.enumerated() {
                    #expect(record.commandID == "r\(round)-b\(batch.batch)", "\(context), batch \(batch.batch)")
                    #expect(
                        String(decoding: record.payload, as: UTF8.self) == "r\(round) b\(batch.batch) i\(index)",
                        "\(context), batch \(batch.batch)")
                    #expect(record.tags == ["round:\(round)", "stress"], "\(context)")
                }
                let result = try log.environment.read { txn in try log.result(ofCommand: "r\(round)-b\(batch.batch)", in: txn) }
                #expect(result?.positions == batch.positions, "\(context), batch \(batch.batch)")
            }

            // Atomicity: this round's records form whole batches 0, 1, 2, ... in order:
            // at most one batch beyond those reported (committed, then killed before
            // it could say so), and none cut short.
            let thisRound = records[Int(headBefore)...]
            var batches: [(command: String, count: Int)] = []
            for record in thisRound {
                if batches.last?.command == record.commandID {
                    batches[batches.count - 1].count += 1
                } else {
                    batches.append((record.commandID, 1))
                }
                let expectedIndex = batches[batches.count - 1].count - 1
                #expect(
                    String(decoding: record.payload, as: UTF8.self).hasSuffix(" i\(expectedIndex)"),
                    "\(context): record \(record.position) out of its batch's order")
            }
            #expect(batches.map(\.command) == (0..<batches.count).map { "r\(round)-b\($0)" }, "\(context)")
            #expect(batches.count == reported.count || batches.count == reported.count + 1, "\(context)")
            if batches.count == reported.count + 1 {
                unreportedCommits += 1
                let result = try log.environment.read { txn in
                    try log.result(ofCommand: batches[batches.count - 1].command, in: txn)
                }
                #expect(result?.count == UInt64(batches[batches.count - 1].count), "\(context): a batch cut short")
            }
            print("crash round \(round): \(reported.count) commits reported, head \(head.position)")
            headBefore = head.position
        }
        // The kills must have landed among commits, not only before the first one.
        #expect(reportedTotal >= 40, "only \(reportedTotal) commits reported in 20 rounds")
        print("crash: \(reportedTotal) commits reported, \(unreportedCommits) kills between a commit and its report")
    }

    /// Item 4 with group commit: a child whose four threads append single events at
    /// once, sharing commits, is killed with SIGKILL at 10 seeded random moments. After
    /// each kill the chain verifies, positions are gapless, every append the child
    /// reported is at its position, and each thread's events are its appends 0, 1, 2, ...
    /// in order with at most the one it had in flight beyond those reported.
    @Test(.timeLimit(.minutes(3)))
    func killedGroupCommittingWritersLoseNothingTheyReported() throws {
        let seed: UInt64 = 0x2026_1127_0002
        var random = SplitMix64(seed: seed)
        let executable = try stressExecutable()
        let directory = TemporaryDirectory("crash-threads")
        let threads = 4
        var headBefore: UInt64 = 0
        var reportedTotal = 0

        for round in 0..<10 {
            let context = "seed \(seed), round \(round)"
            let child = try ChildProcess(executable, ["crash-threads", directory.path, String(round), String(threads)])
            let waitForCommits = Int.random(in: 0...200, using: &random)
            if waitForCommits > 0 {
                let position = headBefore + UInt64(waitForCommits)
                _ = child.waitForLine(timeout: 30) { line in
                    let parts = line.split(separator: " ")
                    return parts.count == 5 && UInt64(parts[1]).map { $0 >= position } == true
                }
            }
            Thread.sleep(forTimeInterval: Double.random(in: 0...0.020, using: &random))
            child.kill()
            #expect(child.process.terminationReason == .uncaughtSignal, "\(context): \(child.standardError)")

            // committed <position> <round> <thread> <n>
            let reported: [(position: UInt64, thread: Int, n: Int)] = child.lines.compactMap { line in
                let parts = line.split(separator: " ")
                guard parts.count == 5, parts[0] == "committed", let position = UInt64(parts[1]),
                    Int(parts[2]) == round, let thread = Int(parts[3]), let n = Int(parts[4])
                else { return nil }
                return (position, thread, n)
            }
            #expect(reported.count == child.lines.count, "\(context): unexpected output \(child.lines.prefix(3))")
            reportedTotal += reported.count

            let log = try EventLog(path: directory.path)
            let report = try log.verify()
            #expect(report.isValid, "\(context): \(report.problem.map(String.init(describing:)) ?? "")")
            let head = try log.head()
            let records = try log.records(from: 1)
            #expect(records.map(\.position) == Array(stride(from: 1, through: head.position, by: 1)), "\(context)")
            for append in reported {
                let record = records[Int(append.position - 1)]
                #expect(record.commandID == "r\(round)-t\(append.thread)-n\(append.n)", "\(context)")
                #expect(String(decoding: record.payload, as: UTF8.self) == "r\(round) t\(append.thread) n\(append.n)")
            }
            let thisRound = records[Int(headBefore)...]
            for thread in 0..<threads {
                let stored = thisRound.filter { $0.tags.contains("thread:\(thread)") }
                let numbers = stored.map { String(decoding: $0.payload, as: UTF8.self).split(separator: "n").last.flatMap { Int($0) } }
                #expect(numbers == (0..<stored.count).map { Optional($0) }, "\(context), thread \(thread): out of order")
                let reportedCount = reported.filter { $0.thread == thread }.count
                #expect(stored.count == reportedCount || stored.count == reportedCount + 1, "\(context), thread \(thread)")
            }
            headBefore = head.position
        }
        #expect(reportedTotal >= 200, "only \(reportedTotal) appends reported in 10 rounds")
        print("crash, group commit: \(reportedTotal) appends reported in 10 rounds, head \(headBefore)")
    }

    /// Item 5: two processes appending 1,000 events each at the same time (single-event
    /// appends, then batches of 25): 2,000 events at positions 1...2000, each writer's
    /// events all there once and in its own order, the chain valid.
    @Test(arguments: [1, 25])
    func twoProcessesAppendingAtOnceLoseAndDoubleNothing(batchSize: Int) throws {
        let executable = try stressExecutable()
        let directory = TemporaryDirectory("two-writers")
        // Create the store first, so that the writers race on appends, not on creating it.
        _ = try EventLog(path: directory.path)

        let writers = ["A", "B"]
        let children = try writers.map { writer in
            try ChildProcess(executable, ["append", directory.path, writer, "1000", String(batchSize)])
        }
        for child in children {
            #expect(child.waitForLine(timeout: 60) { $0 == "ready" } != nil, "\(child.standardError)")
        }
        for child in children { child.send("go") }
        for child in children {
            #expect(child.waitForExit() == 0, "\(child.standardError)")
            #expect(child.lines == ["ready", "done 1000"])
        }

        let log = try EventLog(path: directory.path)
        let report = try log.verify()
        #expect(report.isValid, "\(report.problem.map(String.init(describing:)) ?? "")")
        #expect(report.eventsChecked == 2_000)
        #expect(report.tagEntriesChecked == 2_000)
        let records = try log.records()
        #expect(records.map(\.position) == Array(1...2_000))
        for writer in writers {
            let mine = records.filter { $0.actor == writer }
            #expect(mine.map { String(decoding: $0.payload, as: UTF8.self) } == (0..<1_000).map { "\(writer) \($0)" })
            #expect(try log.records(tag: "writer:\(writer)").map(\.position) == mine.map(\.position))
        }
        // How often the writers took turns (informative: the OS decides).
        let turns = zip(records, records.dropFirst()).filter { $0.actor != $1.actor }.count
        print("two writers, batches of \(batchSize): the writer changed \(turns) times along the log")
    }

    /// A reader holding a read transaction keeps its snapshot while another process
    /// appends: the head, the records and the verification it sees do not move.
    @Test func aReadTransactionKeepsItsSnapshotWhileAnotherProcessAppends() throws {
        let executable = try stressExecutable()
        let directory = TemporaryDirectory("snapshot")
        let log = try EventLog(path: directory.path)
        try log.append((0..<100).map { sampleEvent($0) }, metadata: sampleMetadata())

        try log.environment.read { txn in
            let head = try log.head(in: txn)
            let before = try snapshot(log, txn)
            #expect(head.position == 100)

            let child = try ChildProcess(executable, ["append", directory.path, "W", "300", "7"])
            #expect(child.waitForLine { $0 == "ready" } != nil, "\(child.standardError)")
            child.send("go")
            #expect(child.waitForExit() == 0, "\(child.standardError)")
            // The writer committed 300 events; this snapshot still ends at 100.
            #expect(try log.head(in: txn) == head)
            #expect(try snapshot(log, txn) == before)
            #expect(try log.record(at: 101, in: txn) == nil)
            #expect(try log.records(tag: "writer:W", in: txn).isEmpty)
            let report = try log.verify(in: txn)
            #expect(report.isValid && report.eventsChecked == 100)
        }
        // A new snapshot sees the appends.
        #expect(try log.head().position == 400)
        #expect(try log.records(tag: "writer:W").count == 300)
        #expect(try log.verify().isValid)
    }

    private func snapshot(_ log: EventLog, _ txn: borrowing ReadTransaction) throws -> [EventRecord] {
        var records: [EventRecord] = []
        try log.forEach(from: 1, in: txn) { record in
            records.append(record)
            return true
        }
        return records
    }
}
