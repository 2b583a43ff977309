import Engine
import EventLog
import Foundation
import LMDB
import Provisioning
import Testing
import TestSupport

/// Changes from several threads of one process share commits (group commit). Each is
/// still all or nothing: a refused one leaves nothing although its neighbours in the
/// group commit, a repeated command id returns the first result, and the read models
/// come out byte for byte as a replay of the log writes them.
@Suite struct ConcurrentChangesTests {
    static func iccid(_ index: Int) -> String { "89445300000" + String(1_000_000 + index) }

    @Test(.timeLimit(.minutes(2)))
    func changesOfEightThreadsShareCommitsAndEachIsAllOrNothing() throws {
        let directory = TemporaryDirectory()
        // Durable commits, so that the threads meet in the queue while one commits.
        let engine = try ProvisioningEngine(path: directory.path)
        for line in seedLines() { try engine.apply(line, at: 1_764_000_000_000) }
        let seeded = try engine.log.head().position
        let transactionBefore = engine.log.environment.info.lastTransactionID
        let tally = Tally()

        runOnThreads(8) { thread in
            func attempt(_ line: [String: Any], expectRefusal: Bool) {
                do {
                    let outcome = try engine.apply(line, at: 1_764_000_100_000)
                    tally.accepted(outcome, line: line, expectedRefusal: expectRefusal)
                } catch let rejection as Rejection {
                    tally.refused(rejection, expected: expectRefusal)
                } catch {
                    tally.failed(error)
                }
            }
            for k in 0..<25 {
                let sim = Self.iccid(thread * 1_000 + k)
                let bookIn: [String: Any] = [
                    "command": "sims bookin", "as": "mike",
                    "args": ["sim-type": "MXG-ET085", "form": "physical", "iccids": [sim]]]
                attempt(bookIn, expectRefusal: false)
                if k % 4 == 0 { attempt(bookIn, expectRefusal: true) }
                let reserve: [String: Any] = [
                    "command": "sims reserve", "as": "mike", "command-id": "reserve-\(sim)",
                    "args": ["reseller": "Talk_Mail", "iccids": [sim]]]
                attempt(reserve, expectRefusal: false)
                if k % 5 == 0 {
                    // The next SIM is not booked in yet.
                    let unknown = Self.iccid(thread * 1_000 + k + 1)
                    attempt(
                        ["command": "sims allocate", "as": "alice", "args": ["group": "Trial", "iccids": [unknown]]],
                        expectRefusal: true)
                }
                if k % 7 == 0 { attempt(reserve, expectRefusal: false) }
                attempt(
                    ["command": "sims allocate", "as": "alice", "args": ["group": "Trial", "iccids": [sim]]],
                    expectRefusal: false)
            }
        }

        #expect(tally.problems.isEmpty, "\(tally.problems.prefix(5))")
        // 8 threads x 25 SIMs x (book-in, reserve, allocate); repeats of a command id
        // returned the first positions.
        #expect(tally.acceptedChanges == 600)
        #expect(tally.repeats == 8 * 4)
        #expect(tally.refusals == 8 * (7 + 5))
        let head = try engine.log.head().position
        #expect(head - seeded == 600)
        #expect(tally.positions == Set((seeded + 1)...head))

        let commits = engine.log.environment.info.lastTransactionID - transactionBefore
        print("concurrent changes: \(tally.acceptedChanges + tally.refusals + tally.repeats) changes in \(commits) commits")
        #expect(commits < 600)

        #expect(try engine.log.verify().isValid)
        #expect(try engine.readModelsInMemory() == InMemoryState(replaying: try engine.allEvents()))
        #expect(try engine.readModelDifferences().isEmpty)
        try engine.expectReplayRebuildsEveryDatabaseAsWritten()
    }
}

/// What the threads' changes came to, gathered under a lock.
final class Tally: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var acceptedChanges = 0
    private(set) var repeats = 0
    private(set) var refusals = 0
    private(set) var positions = Set<UInt64>()
    private(set) var problems: [String] = []
    private var firstResults: [String: AppendResult] = [:]

    func accepted(_ outcome: ChangeOutcome, line: [String: Any], expectedRefusal: Bool) {
        lock.withLock {
            if expectedRefusal { problems.append("accepted, expected a refusal: \(line)") }
            if outcome.alreadyApplied {
                repeats += 1
                if firstResults[outcome.commandID]?.positions != outcome.result.positions {
                    problems.append("a repeat of \(outcome.commandID) gave other positions")
                }
                return
            }
            acceptedChanges += 1
            firstResults[outcome.commandID] = outcome.result
            for position in outcome.result.positions ?? 1...0 {
                if !positions.insert(position).inserted { problems.append("position \(position) given twice") }
            }
        }
    }

    func refused(_ rejection: Rejection, expected: Bool) {
        lock.withLock {
            refusals += 1
            if !expected { problems.append("refused: \(rejection)") }
        }
    }

    func failed(_ error: any Error) {
        lock.withLock { problems.append("failed: \(error)") }
    }
}
