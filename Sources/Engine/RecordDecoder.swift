import EventLog
import Provisioning
import ReadModels
import WireFormat

/// One record as a fold needs it, decoded.
struct DecodedRecord: Sendable {
    var position: UInt64
    var recordedAt: Int64
    /// The wire name; records of one type share one `String`.
    var type: String
    var event: ProvisioningEvent
    /// The record the event changes in place, for the fold to ask memory for ahead.
    var lookup: RecordLookup?
    /// The command id is not the one of the record before: a change begins here.
    var startsChange: Bool
}

/// Turns log records, taken in order, into `DecodedRecord`s: the type's name is made
/// once a run of one type, and the command id is compared with the record before's.
struct RecordDecoder {
    private var lastType: (bytes: [UInt8], name: String) = ([], "")
    private var previousCommandID: [UInt8] = []
    private var first = true

    /// Takes up decoding after `view` (whose command id the next record's is compared
    /// with), for a decoding thread that goes on in another part of the log.
    mutating func prime(after view: EventRecordView) throws {
        try view.withCommandIDBytes { bytes in
            previousCommandID.removeAll(keepingCapacity: true)
            previousCommandID.append(contentsOf: bytes)
        }
        first = false
    }

    mutating func decode(_ view: EventRecordView) throws -> DecodedRecord {
        if !(try view.withTypeBytes { $0.hasSameBytes(as: lastType.bytes) }) {
            let name = try view.type()
            lastType = (Array(name.utf8), name)
        }
        let startsChange = try view.withCommandIDBytes { bytes in
            if !first && bytes.hasSameBytes(as: previousCommandID) { return false }
            // The buffer is reused: a change of command id costs a copy, not an allocation.
            previousCommandID.removeAll(keepingCapacity: true)
            previousCommandID.append(contentsOf: bytes)
            return true
        }
        first = false
        let event = try view.withPayload { payload in
            try ProvisioningEvent.decode(wireName: lastType.name, schemaVersion: view.schemaVersion, payload: payload)
        }
        return DecodedRecord(
            position: view.position, recordedAt: view.recordedAt, type: lastType.name, event: event,
            lookup: RecordLookup(changedBy: event), startsChange: startsChange)
    }
}
