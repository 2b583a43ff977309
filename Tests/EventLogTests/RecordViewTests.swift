import EventLog
import Foundation
import LMDB
import Testing

@Suite struct RecordViewTests {
    @Test func viewsReadTheSameFieldsAsTheDecodedRecords() throws {
        let directory = TemporaryDirectory("views")
        let log = try EventLog(path: directory.path)
        try log.append((0..<50).map { sampleEvent($0) }, metadata: sampleMetadata("views-1"))
        var metadata = sampleMetadata("views-2")
        metadata.correlationID = nil
        metadata.reason = "Zoë's réason"
        try log.append([NewEvent(type: "sim.émis", schemaVersion: 7, tags: [], payload: [])], metadata: metadata)

        let records = try log.records()
        var seen = 0
        try log.environment.read { txn in
            try log.forEachView(from: 2, in: txn) { view in
                let record = records[Int(view.position) - 1]
                #expect(try view.record() == record)
                #expect(view.recordedAt == record.recordedAt)
                #expect(view.schemaVersion == record.schemaVersion)
                #expect(try view.type() == record.type)
                #expect(try view.withTypeBytes { Array($0) } == Array(record.type.utf8))
                let fields = try view.metadata()
                #expect(fields.actor == record.actor && fields.role == record.role)
                #expect(fields.commandID == record.commandID)
                #expect(fields.correlationID == record.correlationID && fields.reason == record.reason)
                #expect(try view.tags() == record.tags)
                #expect(try view.withPayload { Array($0) } == record.payload)
                #expect(Array(view.hash) == record.hash)
                seen += 1
                return true
            }
        }
        #expect(seen == 50)
    }

    @Test func aViewOfABrokenRecordThrowsWithItsPosition() throws {
        let directory = TemporaryDirectory("views-broken")
        let log = try EventLog(path: directory.path)
        try log.append((0..<3).map { sampleEvent($0) }, metadata: sampleMetadata())
        let events = log.environment.database("events")
        let key = withUnsafeBytes(of: UInt64(2).bigEndian) { Array($0) }
        try log.environment.write { txn in
            var record = try #require(try txn.get(events, key))
            record.insert(0x7F, at: record.count - 33)  // a stray byte before the hash
            try txn.put(events, key, record)
        }
        _ = try log.environment.read { txn in
            #expect(throws: EventLogError.self) {
                try log.forEachView(in: txn) { _ in true }
            }
        }
    }
}
