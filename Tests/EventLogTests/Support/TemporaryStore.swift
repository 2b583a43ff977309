import EventLog
import Foundation
import LMDB

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
