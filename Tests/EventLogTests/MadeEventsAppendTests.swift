import EventLog
import Foundation
import LMDB
import Testing
import TestSupport
import WireFormat

/// An append of a `NewEventSequence` whose events are made as they are encoded (a
/// large change's, on the encoding thread) writes what an append of the same events
/// as an array writes; the caller's `whileEncoding` work shares its transaction; a bad
/// tag, or a failure of that work, leaves nothing written.
@Suite struct MadeEventsAppendTests {
    struct Refused: Error {}

    static let metadata = AppendMetadata(
        actor: "mike", role: "distributor", commandID: "made-1", correlationID: "corr", reason: nil,
        recordedAt: 1_764_000_000_000)

    static func event(_ index: Int) -> NewEvent {
        sampleEvent(index, tags: index % 97 == 5 ? [] : ["sim:\(894_453_000_000_000_000 + index)", "group:\(index % 7)"])
    }

    static func log(_ directory: TemporaryDirectory) throws -> EventLog {
        var options = Environment.Options()
        options.noSync = true
        return try EventLog(path: directory.path, additionalDatabases: ["side"], options: options)
    }

    /// Appends `count` events made one by one, with `whileEncoding` putting the keys
    /// 0, 1, 2, ... into `side` ten at a time, and the rest after the append, as the
    /// Engine applies a change's read models. Returns how often it was called.
    static func appendMade(
        _ count: Int, to log: EventLog, event: @escaping @Sendable (Int) -> NewEvent = event,
        failingAtStep failing: Int? = nil
    ) throws -> Int {
        try log.write { txn in
            let work = SideWork(count: count, failingAtStep: failing, side: log.environment.database("side"), txn.reference)
            _ = try log.append(
                NewEventSequence(count: count, event: event), metadata: metadata, in: txn,
                whileEncoding: { try work.step(atMost: 10) })
            _ = try work.step(atMost: .max)
            return work.steps - 1
        }
    }

    /// Puts the keys 0, 1, 2, ... into `side`, in steps.
    final class SideWork {
        let count: Int
        let failingAtStep: Int?
        let side: Database
        let txn: TransactionReference
        var written = 0
        var steps = 0

        init(count: Int, failingAtStep: Int?, side: Database, _ txn: TransactionReference) {
            self.count = count
            self.failingAtStep = failingAtStep
            self.side = side
            self.txn = txn
        }

        func step(atMost most: Int) throws -> Bool {
            steps += 1
            if let failingAtStep, steps == failingAtStep { throw Refused() }
            let start = written
            let end = written + min(most, count - written)
            while written < end {
                try txn.put(side, Array(String(written).utf8), [1])
                written += 1
            }
            return written > start
        }
    }

    @Test(arguments: [1, 511, 512, 5_000])
    func madeEventsWriteWhatAnArrayWrites(count: Int) throws {
        let (made, array) = (TemporaryDirectory(), TemporaryDirectory())
        let madeLog = try Self.log(made)
        let arrayLog = try Self.log(array)
        let steps = try Self.appendMade(count, to: madeLog)
        try arrayLog.append((0..<count).map(Self.event), metadata: Self.metadata)
        if count < 512 { #expect(steps == 0, "a small append encodes on its own thread: no wait to fill") }
        let expected = try dumpDatabases(arrayLog.environment, EventLog.coreDatabases)
        #expect(try dumpDatabases(madeLog.environment, EventLog.coreDatabases) == expected)
        #expect(try dumpDatabases(madeLog.environment, ["side"])["side"]?.count == 2 * count)
        #expect(try madeLog.verify().isValid)
    }

    /// `event(i)` written as `EventFields` (its tags whole, as one part), some with a
    /// payload of a few KB so that a chunk's buffer grows past its first guess.
    static func write(_ index: Int, _ fields: inout EventFields) {
        var event = Self.event(index)
        if index % 301 == 7 { event.payload += [UInt8](repeating: UInt8(index % 251), count: 3_000 + index % 1_000) }
        fields.type = event.type
        fields.schemaVersion = event.schemaVersion
        for tag in event.tags { fields.tags.addTag(tag, "") }
        fields.payload.writeRaw(event.payload)
    }

    /// Events written in place (`NewEventSequence(count:write:)`, the Engine's) are
    /// stored and indexed as the same events appended as an array: small append or
    /// large, with trailing tags too.
    @Test(arguments: [1, 511, 512, 5_000])
    func writtenEventsWriteWhatAnArrayWrites(count: Int) throws {
        let (written, array) = (TemporaryDirectory(), TemporaryDirectory())
        let writtenLog = try Self.log(written)
        let arrayLog = try Self.log(array)
        try writtenLog.write { txn in
            _ = try writtenLog.append(
                NewEventSequence(count: count, trailingTags: ["actor:mike"], write: Self.write), metadata: Self.metadata,
                in: txn)
        }
        try arrayLog.append(
            (0..<count).map { index in
                var fields = EventFields()
                Self.write(index, &fields)
                var event = Self.event(index)
                event.payload = fields.payload.bytes
                event.tags.append("actor:mike")
                return event
            }, metadata: Self.metadata)
        let expected = try dumpDatabases(arrayLog.environment, EventLog.coreDatabases)
        #expect(try dumpDatabases(writtenLog.environment, EventLog.coreDatabases) == expected)
        #expect(try writtenLog.verify().isValid)
    }

    @Test func aBadWrittenTagLeavesNothingWritten() throws {
        let directory = TemporaryDirectory()
        let log = try Self.log(directory)
        try log.append((0..<10).map(Self.event), metadata: sampleMetadata("before"))
        let before = try dumpDatabases(log.environment, EventLog.coreDatabases)
        for (count, bad) in [(3, 2), (5_000, 4_321)] {
            #expect(throws: EventLogError.self) {
                try log.write { txn in
                    _ = try log.append(
                        NewEventSequence(count: count) { index, fields in
                            Self.write(index, &fields)
                            if index == bad { fields.tags.addTag("bad", "\0tag") }
                        }, metadata: Self.metadata, in: txn)
                }
            }
            #expect(try dumpDatabases(log.environment, EventLog.coreDatabases) == before)
        }
    }

    /// Tags given once for the append (`trailingTags`, the Engine's acting user) are
    /// stored and indexed as if each event listed them after its own: the same bytes
    /// in every database, small append or large, including an event that lists one of
    /// them itself (its record names it twice, its index entry is one).
    @Test(arguments: [1, 511, 512, 5_000, 10_000])
    func trailingTagsWriteWhatEachEventListingThemWrites(count: Int) throws {
        let (trailing, listed) = (TemporaryDirectory(), TemporaryDirectory())
        let trailingLog = try Self.log(trailing)
        let listedLog = try Self.log(listed)
        let shared = ["actor:mike", "batch:7"]
        let own: @Sendable (Int) -> NewEvent = { index in
            var event = Self.event(index)
            if index % 13 == 0 { event.tags.append("actor:mike") }
            return event
        }
        try trailingLog.write { txn in
            _ = try trailingLog.append(
                NewEventSequence(count: count, trailingTags: shared, event: own), metadata: Self.metadata, in: txn)
        }
        try listedLog.append(
            (0..<count).map { index in
                var event = own(index)
                event.tags += shared
                return event
            }, metadata: Self.metadata)
        let expected = try dumpDatabases(listedLog.environment, EventLog.coreDatabases)
        #expect(try dumpDatabases(trailingLog.environment, EventLog.coreDatabases) == expected)
        #expect(try trailingLog.environment.read { try trailingLog.positions(tag: "actor:mike", in: $0) }.count == count)
        #expect(try trailingLog.verify().isValid)
    }

    @Test func aBadTrailingTagLeavesNothingWritten() throws {
        let directory = TemporaryDirectory()
        let log = try Self.log(directory)
        try log.append((0..<10).map(Self.event), metadata: sampleMetadata("before"))
        let before = try dumpDatabases(log.environment, EventLog.coreDatabases)
        for count in [3, 5_000] {
            #expect(throws: EventLogError.self) {
                try log.write { txn in
                    _ = try log.append(
                        NewEventSequence(count: count, trailingTags: ["bad\0tag"], event: Self.event),
                        metadata: Self.metadata, in: txn)
                }
            }
            #expect(try dumpDatabases(log.environment, EventLog.coreDatabases) == before)
        }
    }

    /// The encoding thread is slowed (a millisecond every 200 events), so that the
    /// writer's thread waits and does the caller's work meanwhile.
    @Test func theCallersWorkIsDoneWhileTheRecordsAreEncoded() throws {
        let directory = TemporaryDirectory()
        let log = try Self.log(directory)
        let steps = try Self.appendMade(5_000, to: log) { index in
            if index % 200 == 0 { usleep(1_000) }
            return Self.event(index)
        }
        #expect(steps > 0)
        #expect(try dumpDatabases(log.environment, ["side"])["side"]?.count == 2 * 5_000)
        #expect(try log.head().position == 5_000)
    }

    @Test func aBadTagOrAFailingStepLeavesNothingWritten() throws {
        let directory = TemporaryDirectory()
        let log = try Self.log(directory)
        try log.append((0..<10).map(Self.event), metadata: sampleMetadata("before"))
        let before = try dumpDatabases(log.environment, EventLog.coreDatabases + ["side"])

        // A tag with a NUL, found on the encoding thread: at event 4,321 of 5,000, and at
        // event 9,000 of 10,000, when the tag entries of the first 4,096 and more
        // (`eventsPerTagHandOver`) are already put in the transaction.
        for (count, bad) in [(5_000, 4_321), (10_000, 9_000)] {
            #expect(throws: EventLogError.self) {
                _ = try Self.appendMade(count, to: log) { index in
                    var event = Self.event(index)
                    if index == bad { event.tags.append("bad\0tag") }
                    if index % 500 == 0 { usleep(1_000) }
                    return event
                }
            }
            #expect(try dumpDatabases(log.environment, EventLog.coreDatabases + ["side"]) == before)
        }

        // The caller's work fails at its third step.
        #expect(throws: Refused.self) {
            _ = try Self.appendMade(5_000, to: log, event: { index in
                if index % 200 == 0 { usleep(1_000) }
                return Self.event(index)
            }, failingAtStep: 3)
        }
        #expect(try dumpDatabases(log.environment, EventLog.coreDatabases + ["side"]) == before)
        #expect(try log.verify().isValid)
    }
}
