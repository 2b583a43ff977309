import Engine
import EventLog
import Foundation
import LMDB
import Provisioning
import Testing
import TestSupport

/// A rebuild reads and decodes the log on a second thread: a record it cannot decode,
/// deep in the log (in the third batch the decoder hands over), stops the rebuild with
/// the error, and the store is byte for byte as it was.
@Suite struct ReplayFailureTests {
    @Test func anUndecodableRecordStopsTheRebuildAndChangesNothing() throws {
        let directory = TemporaryDirectory()
        let engine = try ProvisioningEngine(path: directory.path, options: .fast)
        for line in seedLines() { try engine.apply(line, at: 1_764_000_000_000) }
        let iccids = (0..<12_000).map { "89445300000" + String(1_000_000 + $0) }
        try engine.apply(
            ["command": "sims bookin", "as": "mike", "args": ["sim-type": "MXG-ET085", "form": "physical", "iccids": iccids]],
            at: 1_764_000_100_000)
        let bad: UInt64 = 10_000
        // The record's type, as a separate writer would rewrite it: "sim.booked-in" ->
        // "sim.booked-iN", a wire name no event has.
        try engine.log.environment.write { txn in
            let events = engine.log.environment.database("events")
            let key = withUnsafeBytes(of: bad.bigEndian) { Array($0) }
            var stored = try #require(try txn.get(events, key))
            let name = Array("booked-in".utf8)
            let at = try #require((0..<(stored.count - name.count)).first { Array(stored[$0..<$0 + name.count]) == name })
            stored[at + name.count - 1] = UInt8(ascii: "N")
            try txn.put(events, key, stored)
        }
        let before = try engine.dump()
        let error = #expect(throws: (any Error).self) { try engine.replay() }
        #expect("\(error.map { "\($0)" } ?? "")".contains("booked-iN"), "\(String(describing: error))")
        #expect(try engine.dump() == before)
        // The log itself names the record.
        #expect(try engine.log.verify().problem.map { "\($0)" }?.contains("10000") == true)
    }
}
