public import EventLog
public import LMDB
import Foundation

/// A store in a fresh directory under the system temporary directory (on the same
/// disk as the work tree here, so fsync is real), removed by `remove()`.
public final class BenchmarkStore: Sendable {
    public let path: String
    public let log: EventLog

    public init(label: String, noSync: Bool = false) throws {
        path = FileManager.default.temporaryDirectory
            .appendingPathComponent("ledger-bench-\(label)-\(UUID().uuidString)").path
        var options = Environment.Options()
        options.mapSize = 1 << 30
        options.noSync = noSync
        log = try EventLog(path: path, options: options)
    }

    public func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// SIM-like events: a type, three tags (the SIM, its reseller, its group) and a
/// payload of about 200 bytes, like `sim.activated` in the domain.
public enum SIMEvents {
    public static let simCount = 100_000

    public static func iccid(_ sim: Int) -> String {
        "89445300000" + String(sim % simCount).leftPadded(to: 8)
    }

    public static func simTag(_ sim: Int) -> String { "sim:" + iccid(sim) }

    /// The `index`th event of a run: SIM `index % simCount`, so every SIM gets one
    /// event per `simCount` events.
    public static func event(_ index: Int) -> NewEvent {
        let sim = index % simCount
        let reseller = "reseller:" + ["Talk_Mail", "Orbit_Mobile", "Northwind_Tel", "Blue_Sky"][sim % 4]
        let group = "group:AC_" + String(sim % 50)
        var payload = Array("{iccid:\(iccid(sim)),msisdn:4420\(String(index % 10_000_000).leftPadded(to: 7)),".utf8)
        payload += Array("imsi:23415\(String(index).leftPadded(to: 10)),plan:business-unlimited-5g,".utf8)
        payload += Array("apn:internet.ledger.example,pbx:sip-trunk-07,activatedBy:mike,note:bench}".utf8)
        while payload.count < 200 { payload.append(0x20) }
        return NewEvent(type: "sim.activated", schemaVersion: 1, tags: [simTag(sim), reseller, group], payload: payload)
    }

    public static func events(_ range: Range<Int>) -> [NewEvent] { range.map(event) }

    public static func metadata(command: String) -> AppendMetadata {
        AppendMetadata(
            actor: "mike", role: "distributor", commandID: command, correlationID: "bench-correlation",
            reason: nil, recordedAt: 1_764_000_000_000)
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

/// Fills `log` with `count` SIM events in batches of 10,000.
public func fill(_ log: EventLog, count: Int) throws {
    var next = 0
    while next < count {
        let end = min(count, next + 10_000)
        try log.append(SIMEvents.events(next..<end), metadata: SIMEvents.metadata(command: "fill-\(next)"))
        next = end
    }
}
