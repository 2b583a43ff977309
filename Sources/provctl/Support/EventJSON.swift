import EventLog
import FoundationEssentials
import Provisioning

/// The JSON of one log record: for `log --json`, `audit --json` and `export`
/// (docs/export.md describes every field).
enum EventJSON {
    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        return String(unsafeUninitializedCapacity: bytes.count * 2) { buffer in
            for (index, byte) in bytes.enumerated() {
                buffer[2 * index] = digits[Int(byte >> 4)]
                buffer[2 * index + 1] = digits[Int(byte & 0x0F)]
            }
            return bytes.count * 2
        }
    }

    static func record(_ record: EventRecord, event: ProvisioningEvent?, stored: [UInt8]? = nil) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("position", .int(Int64(record.position))),
            ("recorded-at", .string(Timestamp(millisecondsSince1970: record.recordedAt).iso8601)),
            ("recorded-at-ms", .int(record.recordedAt)),
            ("type", .string(record.type)),
            ("schema-version", .int(Int64(record.schemaVersion))),
            ("actor", .string(record.actor)),
            ("role", .string(record.role)),
            ("command-id", .string(record.commandID)),
            ("correlation-id", .optional(record.correlationID)),
            ("reason", .optional(record.reason)),
            ("tags", .array(record.tags.map(JSONValue.string))),
        ]
        if let event {
            members.append(("summary", .string(event.summary)))
            members.append(("fields", .object(event.fields.map { ($0.0, JSONValue.string($0.1)) })))
        }
        members.append(("payload", .string(Data(record.payload).base64EncodedString())))
        members.append(("hash", .string(hex(record.hash))))
        if let stored {
            members.append(("record", .string(Data(stored).base64EncodedString())))
        }
        return .object(members)
    }

    /// One line for people: position, time, user (role), type, the first tag, the summary.
    static func line(_ record: EventRecord, event: ProvisioningEvent?) -> String {
        let time = Timestamp(millisecondsSince1970: record.recordedAt).iso8601
        let what = event?.summary ?? "(\(record.payload.count) bytes)"
        return "\(record.position)  \(time)  \(record.actor) (\(record.role))  \(record.type)  \(record.tags.first ?? "-")  \(what)"
    }
}
