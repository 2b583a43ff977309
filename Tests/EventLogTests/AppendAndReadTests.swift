import EventLog
import Foundation
import LMDB
import Testing
import TestSupport

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
        #expect(records.allSatisfy { $0.schemaVersion == 1 && $0.hash.count == 32 })
        #expect(records[150].recordedAt == 1_764_000_000_001)
        #expect(Set(records.map(\.hash)).count == 10_000)
        // By position, one at a time, the same records as the scan (hash included).
        for position in stride(from: UInt64(1), through: 10_000, by: 97) {
            #expect(try log.record(at: position) == records[Int(position - 1)])
        }
        #expect(try log.record(at: 10_001) == nil)
        // By tag: each SIM tag gives exactly the records carrying it.
        for sim in stride(from: 0, to: 10_000, by: 331) {
            let tag = "sim:8944530000000\(String(format: "%05d", sim))"
            #expect(try log.records(tag: tag) == records.filter { $0.tags.contains(tag) })
        }
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
        #expect(try log.records().map(\.payload) == [sampleEvent(1).payload, sampleEvent(2).payload])
        #expect(try log.records(tag: "sim:894453000000000003").isEmpty)
        // Still one set of events after reopening the store.
        let directoryPath = directory.path
        let reopened: AppendResult = try {
            _ = consume log
            let log = try EventLog(path: directoryPath)
            return try log.append([sampleEvent(4)], metadata: sampleMetadata("same"))
        }()
        #expect(reopened == again)
    }

    @Test func aStaleConditionWritesNothingAndThrowsAConflict() throws {
        let directory = TemporaryDirectory()
        let log = try EventLog(path: directory.path)
        try log.append([sampleEvent(1, tags: ["sim:1"]), sampleEvent(2, tags: ["sim:2"])], metadata: sampleMetadata())
        let headBefore = try log.head()

        func isConflict(_ error: any Error) -> Bool {
            if case .conflict = error as? EventLogError { return true }
            return false
        }
        #expect(performing: {
            try log.append([sampleEvent(3)], metadata: sampleMetadata(), condition: .init(expectedHead: 1))
        }, throws: isConflict)
        #expect(performing: {
            try log.append(
                [sampleEvent(3, tags: ["sim:3"])], metadata: sampleMetadata("c"),
                condition: .init(tagsUnchangedSince: (["sim:0", "sim:2"], 1)))
        }, throws: isConflict)
        #expect(try log.head() == headBefore)
        #expect(try log.records(tag: "sim:3").isEmpty)
        #expect(try log.environment.read { txn in try log.result(ofCommand: "c", in: txn) } == nil)
        #expect(try log.verify().eventsChecked == 2)
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

    /// A large append encodes its records on a second thread (from 512 events, in
    /// chunks of an eighth of the append, 128 to 4,096 records, each chained to the one
    /// before): the log it writes (records, hashes, tag index, head) is byte for byte
    /// the one that appends of 100 events, each encoded in one chunk on the writer's
    /// thread, write.
    @Test(arguments: [512, 1_000, 4_097, 40_001])
    func aLargeAppendWritesTheBytesOfSmallOnes(count: Int) throws {
        // Tags that recur (a reseller, a few groups), tags that are new, an event with none.
        let events = (0..<count).map { index in
            index == 7
                ? sampleEvent(index, tags: [])
                : sampleEvent(index, tags: ["sim:\(894_453_000_000_000_000 + index)", "reseller:Talk_Mail", "group:\(index % 7)"])
        }
        func store(appendingIn batchSize: Int) throws -> [String: [[UInt8]]] {
            let directory = TemporaryDirectory()
            let log = try EventLog(path: directory.path, options: { var o = Environment.Options(); o.noSync = true; return o }())
            let metadata = AppendMetadata(actor: "mike", role: "distributor", commandID: "", recordedAt: 1_764_000_000_000)
            try log.append([sampleEvent(-1)], metadata: metadata)
            var start = 0
            while start < events.count {
                try log.append(Array(events[start..<min(events.count, start + batchSize)]), metadata: metadata)
                start += batchSize
            }
            #expect(try log.verify().isValid)
            return try dumpDatabases(log.environment, EventLog.coreDatabases)
        }
        let whole = try store(appendingIn: count)
        let inSmallBatches = try store(appendingIn: 100)
        for name in EventLog.coreDatabases {
            let (a, b) = (whole[name] ?? [], inSmallBatches[name] ?? [])
            let firstDifference = (0..<min(a.count, b.count)).first { a[$0] != b[$0] }
                ?? (a.count == b.count ? nil : min(a.count, b.count))
            #expect(firstDifference == nil, "\(name) differs from entry \(firstDifference ?? 0) on")
        }
        #expect(whole["events"]?.count == 2 * (count + 1))
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
        #expect(try log.record(at: 200_000)?.payload == sampleEvent(199_999).payload)
        #expect(try log.verify().isValid)
    }
}
