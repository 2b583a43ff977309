import EventLog
import Foundation
import LMDB
import Testing

@Suite struct AppendAndReadTests {
    @Test func tenThousandEventsRoundTripAfterReopening() throws {
        let directory = TemporaryDirectory()
        var written: [NewEvent] = []
        do {
            let log = try EventLog(path: directory.path)
            for batch in 0..<100 {
                let events = (0..<100).map { sampleEvent(batch * 100 + $0) }
                written += events
                try log.append(events, metadata: sampleMetadata("cmd-\(batch)", at: 1_764_000_000_000 + Int64(batch)))
            }
        }
        let log = try EventLog(path: directory.path)
        let records = try log.records()
        #expect(records.count == 10_000)
        #expect(records.map(\.position) == Array(1...10_000))
        for (record, event) in zip(records, written) {
            #expect(record.type == event.type)
            #expect(record.tags == event.tags)
            #expect(record.payload == event.payload)
            #expect(record.actor == "mike")
            #expect(record.role == "distributor")
            #expect(record.correlationID == "corr-1")
            #expect(record.reason == "test")
        }
        #expect(records[150].commandID == "cmd-1")
        let bySIM = try log.records(tag: "sim:894453000000000042")
        #expect(bySIM.map(\.position) == [43])
        #expect(try log.records(tag: "reseller:Talk_Mail").count == 10_000)
        #expect(try log.records(tag: "reseller:Talk_Mail", upTo: 250).count == 250)
        #expect(try log.head().position == 10_000)
        #expect(try log.verify().isValid)
    }

    @Test func aRepeatedCommandIDAppendsNothingAndReturnsTheFirstResult() throws {
        let directory = TemporaryDirectory()
        let log = try EventLog(path: directory.path)
        let first = try log.append([sampleEvent(1), sampleEvent(2)], metadata: sampleMetadata("same"))
        let again = try log.append([sampleEvent(3)], metadata: sampleMetadata("same"))
        #expect(first.positions == 1...2)
        #expect(!first.alreadyApplied)
        #expect(again.alreadyApplied)
        #expect(again.positions == first.positions)
        #expect(again.recordedAt == first.recordedAt)
        #expect(try log.head().position == 2)
    }

    @Test func aStaleConditionWritesNothingAndThrowsAConflict() throws {
        let directory = TemporaryDirectory()
        let log = try EventLog(path: directory.path)
        try log.append([sampleEvent(1, tags: ["sim:1"]), sampleEvent(2, tags: ["sim:2"])], metadata: sampleMetadata())
        let headBefore = try log.head()

        #expect(throws: EventLogError.self) {
            try log.append([sampleEvent(3)], metadata: sampleMetadata(), condition: .init(expectedHead: 1))
        }
        #expect(throws: EventLogError.self) {
            try log.append(
                [sampleEvent(3)], metadata: sampleMetadata("c"),
                condition: .init(tagsUnchangedSince: (["sim:0", "sim:2"], 1)))
        }
        #expect(try log.head() == headBefore)
        // The refused command id was not recorded: it can be used once the condition holds.
        let accepted = try log.append(
            [sampleEvent(3)], metadata: sampleMetadata("c"),
            condition: .init(expectedHead: 2, tagsUnchangedSince: (["sim:1", "sim:2"], 2)))
        #expect(accepted.positions == 3...3)
    }

    @Test func timeNeverDecreasesAndPositionAtTimeFindsTheLastOneBefore() throws {
        let directory = TemporaryDirectory()
        let log = try EventLog(path: directory.path)
        try log.append([sampleEvent(1)], metadata: sampleMetadata(at: 1_000))
        try log.append([sampleEvent(2), sampleEvent(3)], metadata: sampleMetadata(at: 2_000))
        try log.append([sampleEvent(4)], metadata: sampleMetadata(at: 1_500))  // a clock behind
        try log.append([sampleEvent(5)], metadata: sampleMetadata(at: 3_000))
        #expect(try log.record(at: 4)?.recordedAt == 2_000)
        #expect(try log.position(atOrBefore: 999) == 0)
        #expect(try log.position(atOrBefore: 1_000) == 1)
        #expect(try log.position(atOrBefore: 2_999) == 4)
        #expect(try log.position(atOrBefore: 10_000) == 5)
    }

    @Test func readsBackwardAndRefusesBadTags() throws {
        let directory = TemporaryDirectory()
        let log = try EventLog(path: directory.path)
        try log.append((1...5).map { sampleEvent($0) }, metadata: sampleMetadata())
        var seen: [UInt64] = []
        try log.environment.read { txn in
            try log.forEachBackward(from: 3, in: txn) { record in
                seen.append(record.position)
                return true
            }
        }
        #expect(seen == [3, 2, 1])
        #expect(throws: EventLogError.invalidTag("")) {
            try log.append([sampleEvent(6, tags: [""])], metadata: sampleMetadata())
        }
        #expect(try log.head().position == 5)
    }

    @Test func aStoreCreatedWithATinyMapGrowsToTakeTwoHundredThousandEvents() throws {
        let directory = TemporaryDirectory()
        var options = Environment.Options()
        options.mapSize = 1 << 20
        options.noSync = true
        let log = try EventLog(path: directory.path, options: options)
        for batch in 0..<20 {
            let events = (0..<10_000).map { sampleEvent(batch * 10_000 + $0) }
            try log.append(events, metadata: sampleMetadata())
        }
        #expect(try log.head().position == 200_000)
        #expect(log.environment.info.mapSize > 1 << 20)
        #expect(try log.verify().isValid)
    }
}
