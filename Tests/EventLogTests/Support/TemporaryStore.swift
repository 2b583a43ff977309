import EventLog
import Foundation
import LMDB

/// A fresh directory under the system temporary directory, removed when the test ends.
final class TemporaryDirectory {
    let path: String

    init(_ label: String = "store") {
        path = FileManager.default.temporaryDirectory
            .appendingPathComponent("provisioning-ledger-\(label)-\(UUID().uuidString)").path
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }
}

func sampleEvent(_ index: Int, tags: [String]? = nil) -> NewEvent {
    NewEvent(
        type: "sim.reserved", schemaVersion: 1,
        tags: tags ?? ["sim:8944530000000\(String(format: "%05d", index % 100_000))", "reseller:Talk_Mail"],
        payload: Array("payload \(index)".utf8))
}

func sampleMetadata(_ commandID: String = UUID().uuidString, at time: Int64 = 1_764_000_000_000) -> AppendMetadata {
    AppendMetadata(
        actor: "mike", role: "distributor", commandID: commandID, correlationID: "corr-1", reason: "test",
        recordedAt: time)
}
