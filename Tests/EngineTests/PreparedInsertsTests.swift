@testable import Engine
import Foundation
import LMDB
@testable import Provisioning
@testable import ReadModels
import Testing
import TestSupport

/// A bulk change's read-model writes prepared off the writer's thread
/// (`PreparedInserts`, `ChangeApplication`) are those that applying each event on the
/// writer's thread writes, whatever the mix of events; an event whose effect needs the
/// tables is left whole to the writer, in order; a prepared insert over a stored record
/// fails instead of replacing it.
@Suite struct PreparedInsertsTests {
    static func iccid(_ number: Int) -> ICCID {
        let digits = String(format: "894453%012d", number)
        return ICCID(unchecked: digits + String(ICCID.luhnCheckDigit(for: digits)))
    }

    static func bookedIn(_ number: Int) -> ProvisioningEvent {
        .simBookedIn(
            SIMBookedIn(
                iccid: iccid(number), simType: SIMTypeCode(unchecked: "MXG-ET085"), form: number % 3 == 0 ? .esim : .physical,
                imsi: number % 2 == 0 ? IMSI(unchecked: "23410" + String(1_000_000_000 + number)) : nil, activation: nil))
    }

    static func reserved(_ number: Int) -> ProvisioningEvent {
        .simReserved(SIMReserved(iccid: iccid(number), reseller: Name(unchecked: "Talk_Mail")))
    }

    static func environment(_ directory: TemporaryDirectory) throws -> LMDB.Environment {
        var options = LMDB.Environment.Options()
        options.noSync = true
        return try LMDB.Environment(path: directory.path, databases: ReadModelTables.databaseNames, options: options)
    }

    /// The read-model tables after `body` ran on a store of a fresh environment and the
    /// store finished its change.
    static func tables(after body: (inout ReadModelStore) throws -> Void) throws -> [String: [[UInt8]]] {
        let directory = TemporaryDirectory("prepared-inserts")
        let environment = try environment(directory)
        try environment.write { txn in
            var store = ReadModelStore(txn.reference, tables: ReadModelTables(environment))
            try body(&store)
            try store.finish(checkpoint: 1)
        }
        return try dumpDatabases(environment, ReadModelTables.databaseNames)
    }

    /// Every event evolved on this thread, in order: what the prepared path must equal.
    static func appliedHere(_ events: [ProvisioningEvent]) throws -> [String: [[UInt8]]] {
        try tables { store in
            for event in events {
                try evolve(event, into: &store)
                store.countEvent(type: event.wireName)
            }
        }
    }

    /// Inserts, then events that need the tables (a reserve reads the SIM), then
    /// inserts again: all in one change, as one `ChangeApplication` applies them with
    /// its preparing thread, in steps and then to the end. Each step that finds no
    /// run ready prepares one on the calling thread: with 40 steps first, the caller
    /// also prepares runs past the one that stops short, which must count for nothing.
    @Test(arguments: [0, 7, 40])
    func aMixedChangeWritesWhatApplyingEachEventHereWrites(stepsFirst: Int) throws {
        let events =
            (0..<9_000).map(Self.bookedIn) + (0..<50).map { Self.reserved($0 * 7) } + (9_000..<21_000).map(Self.bookedIn)
        let expected = try Self.expectPreparedWritesAsAppliedHere(events, stepsFirst: stepsFirst)
        #expect(expected["rm.sims"]?.count == 2 * 21_000, "every SIM was written")
    }

    /// Applies `events` with a `ChangeApplication` that prepares them (`stepsFirst`
    /// steps, then `finish`) and expects every table as `appliedHere` writes it; returns those.
    @discardableResult
    static func expectPreparedWritesAsAppliedHere(
        _ events: [ProvisioningEvent], stepsFirst: Int, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> [String: [[UInt8]]] {
        let expected = try appliedHere(events)
        let prepared = try tables { store in
            var application = ChangeApplication(events, into: store, prepareInserts: true, progress: nil)
            for _ in 0..<stepsFirst { _ = try application.step() }
            try application.finish()
            store = application.store
        }
        for name in ReadModelTables.databaseNames {
            #expect(prepared[name] == expected[name], "\(name) differs", sourceLocation: sourceLocation)
        }
        return expected
    }

    /// Only inserts: prepared by both threads, as the caller steps while it waits.
    @Test(arguments: [0, 3, 100])
    func insertsPreparedByBothThreadsWriteWhatApplyingEachEventHereWrites(stepsFirst: Int) throws {
        try Self.expectPreparedWritesAsAppliedHere((0..<30_000).map(Self.bookedIn), stepsFirst: stepsFirst)
    }

    /// `prepare` takes inserts and refuses an event that reads, keeping nothing of it.
    @Test func anEventThatNeedsTheTablesIsNotTaken() {
        var run = PreparedInserts()
        let taken = [run.prepare(Self.bookedIn(1)), run.prepare(Self.bookedIn(2))]
        #expect(taken == [true, true])
        let before = (run.sims.count, run.indexEntries.count, run.count)
        let reserveTaken = run.prepare(Self.reserved(1))
        #expect(!reserveTaken)
        #expect(run.sims.count == before.0 && run.indexEntries.count == before.1 && run.count == before.2)
        run.sumCounterMoves()
        #expect(run.counterDeltas == [.sims(.bookin): 2])
        // Taken again after a refusal: the refusal is not remembered.
        let takenAfter = run.prepare(Self.bookedIn(3))
        #expect(takenAfter)
        #expect(run.count == 3)
    }

    /// A prepared insert of a SIM already stored fails the change, which then writes
    /// nothing: the tables are as they were.
    @Test func anInsertOverAStoredRecordFailsTheChange() throws {
        let directory = TemporaryDirectory("prepared-over")
        let environment = try Self.environment(directory)
        try environment.write { txn in
            var store = ReadModelStore(txn.reference, tables: ReadModelTables(environment))
            try evolve(Self.bookedIn(5), into: &store)
            try store.finish(checkpoint: 1)
        }
        let before = try dumpDatabases(environment, ReadModelTables.databaseNames)
        var run = PreparedInserts()
        for number in 0..<10 {
            let taken = run.prepare(Self.bookedIn(number))
            #expect(taken)
        }
        run.sumCounterMoves()
        let failure = #expect(throws: ReadModelError.self) {
            try environment.write { txn in
                var store = ReadModelStore(txn.reference, tables: ReadModelTables(environment))
                try store.apply(run)
                try store.finish(checkpoint: 2)
            }
        }
        #expect(failure?.description.contains(Self.iccid(5).rawValue) == true)
        #expect(try dumpDatabases(environment, ReadModelTables.databaseNames) == before)
    }

    /// Through the Engine: a bulk book-in (prepared) and a bulk reserve (not preparable,
    /// applied on the writer's thread), then a replay rebuilds every database as the
    /// changes wrote it.
    @Test func bulkChangesThroughTheEngineEqualAReplay() throws {
        let directory = TemporaryDirectory("prepared-engine")
        let engine = try ProvisioningEngine(path: directory.path, options: .init())
        for line in seedLines() { try engine.apply(line, at: 1_700_000_000_000) }
        try engine.apply(BulkChangeFileTests.bookIn(6_000, from: 0), at: 1_700_000_001_000)
        let iccids = (0..<2_000).map { Self.iccid($0 * 3).rawValue }
        try engine.apply(
            ["command": "sims reserve", "as": "mike", "args": ["reseller": "Talk_Mail", "iccids": iccids]],
            at: 1_700_000_002_000)
        try engine.expectReplayRebuildsEveryDatabaseAsWritten()
    }
}
