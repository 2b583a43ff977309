import Provisioning
@testable import ReadModels
import Testing

/// Room made ahead in a rebuild's state (`ReplayState.reserveCapacity`, from the
/// stored read models' counts) is a hint: too little, the exact count, too much, or
/// made midway, the state holds the same records in the same order.
@Suite struct ReplayStateCapacityTests {
    static func stream(_ state: inout ReplayState) throws -> [UInt8] {
        var bytes: [UInt8] = []
        try StateSnapshotCoding.encode(state.keyOrdered(), eventCounts: [], chunkSize: 1 << 16) { bytes += $0 }
        return bytes
    }

    @Test(arguments: [0, 1_000, 5_000, 40_000])
    func aStateWithRoomMadeAheadHoldsWhatOneGrownByDoublingHolds(room: Int) throws {
        let count = 5_000
        var grown = BulkLoadTests.state(sims: count)
        var reserved = ReplayState()
        reserved.reserveCapacity(RecordCounts(sims: room, numbers: room, subscribers: room / 10), snapshots: room > 0)
        for (index, sim) in BulkLoadTests.sims(count).enumerated() {
            reserved.putSIM(sim)
            // Room made again midway (more than there is: nothing is lost in the copy).
            if index == count / 2 { reserved.reserveCapacity(RecordCounts(sims: 2 * room, numbers: 0, subscribers: 0), snapshots: true) }
        }
        #expect(try Self.stream(&reserved) == (try Self.stream(&grown)))
        for digits in ["0", "1234", "4999"] {
            let width = Int(digits)! % 3 == 0 ? 12 : 14
            let iccid = ICCID(unchecked: "894453" + String(repeating: "0", count: width - digits.count) + digits)
            #expect(reserved.sim(iccid) == grown.sim(iccid))
            #expect(reserved.sim(iccid) != nil)
        }
    }
}
