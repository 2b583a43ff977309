@testable import EventLog
import Foundation
import LMDB
import Testing
import TestSupport

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

    /// `checkFields` (verify's check that a record decodes, without making Strings)
    /// passes exactly when a full decode does: for an ASCII record and one with
    /// non-ASCII text, with each byte before the payload replaced by 0xFF (not UTF-8),
    /// 0x02 (not an optional marker) or 0xC3 (the start of a two-byte character).
    @Test func checkingTheFieldsAgreesWithAFullDecode() throws {
        let directory = TemporaryDirectory("views-check")
        let log = try EventLog(path: directory.path)
        var ascii = sampleMetadata("check-1")
        ascii.correlationID = "case-7"
        ascii.reason = "asked for"
        try log.append([sampleEvent(0)], metadata: ascii)
        var metadata = sampleMetadata("check-2")
        metadata.reason = "Zoë's réason"
        try log.append([NewEvent(type: "sim.émis", schemaVersion: 7, tags: ["sim:1", "user:zoë"], payload: [1])], metadata: metadata)
        let events = log.environment.database("events")
        var checked = (passing: 0, failing: 0)
        for position in [UInt64(1), 2] {
            let key = withUnsafeBytes(of: position.bigEndian) { Array($0) }
            let stored = try #require(try log.environment.read { try $0.get(events, key) })
            let payloadAt = try stored.withUnsafeBytes { Int(try EventRecordView($0, expected: position).payloadAt) }
            for offset in 0..<payloadAt {
                for replacement in [0xFF, 0x02, 0xC3] as [UInt8] where stored[offset] != replacement {
                    var edited = stored
                    edited[offset] = replacement
                    try edited.withUnsafeBytes { bytes in
                        guard let view = try? EventRecordView(bytes, expected: position) else { return }
                        let decodes = (try? view.record()) != nil
                        #expect(((try? view.checkFields()) != nil) == decodes, "position \(position), byte \(offset) = \(replacement)")
                        if decodes { checked.passing += 1 } else { checked.failing += 1 }
                    }
                }
            }
            #expect(try stored.withUnsafeBytes { try EventRecordView($0, expected: position).checkFields() } == ())
        }
        #expect(checked.passing > 0 && checked.failing > 20)
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

    /// A scan reuses the previous record's strings when the bytes are the same: equal
    /// lengths with different bytes, non-ASCII text and fewer or more tags must all
    /// still come back exactly as appended.
    @Test func scansGiveBackEveryStringAsAppendedWhenNeighboursLookAlike() throws {
        let directory = TemporaryDirectory("scan-strings")
        let log = try EventLog(path: directory.path)
        let tagSets: [[String]] = [
            ["sim:1", "group:A"], ["sim:2", "group:A"], ["sim:2", "group:B", "reseller:Zoë"],
            ["sim:2"], [], ["sim:3", "group:Á"], ["sim:3", "group:Á"], ["sim:4", "group:A"],
        ]
        let types = ["sim.a", "sim.b", "sim.b", "sim.é", "sim.é", "sim.a", "sim.ab", "sim.a"]
        for (index, tags) in tagSets.enumerated() {
            var metadata = sampleMetadata(index % 3 == 0 ? "cmd-\(index)" : "cmd-x\(index)")
            metadata.actor = index % 2 == 0 ? "mike" : "mika"
            metadata.correlationID = index % 4 == 0 ? nil : "corr-\(index % 2)"
            try log.append(
                [NewEvent(type: types[index], schemaVersion: 1, tags: tags, payload: [UInt8(index)])], metadata: metadata)
        }
        let forward = try log.records()
        #expect(forward.map(\.tags) == tagSets)
        #expect(forward.map(\.type) == types)
        #expect(forward.map(\.actor) == (0..<8).map { $0 % 2 == 0 ? "mike" : "mika" })
        #expect(forward.map(\.correlationID) == (0..<8).map { $0 % 4 == 0 ? nil : "corr-\($0 % 2)" })
        var backward: [EventRecord] = []
        try log.environment.read { txn in
            try log.forEachBackward(in: txn) { record in
                backward.append(record)
                return true
            }
        }
        #expect(backward.reversed() == forward)
        #expect(try log.records(tag: "group:Á").map(\.position) == [6, 7])
        #expect(try log.verify().isValid)
    }
}
