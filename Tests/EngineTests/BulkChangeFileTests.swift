import Engine
import EventLog
import Foundation
import LMDB
import Provisioning
import Testing
import TestSupport

/// What a bulk change does to the data file itself, beyond its databases: the page
/// cache warmed for its commit (`withFileTailWarmed`) leaves a hole past the pages in
/// use after a commit, and nothing at all after a refusal.
@Suite struct BulkChangeFileTests {
    static func bookIn(_ count: Int, from first: Int) -> [String: Any] {
        let iccids = (first..<(first + count)).map { number in
            let digits = String(format: "894453%012d", number)
            return digits + String(ICCID.luhnCheckDigit(for: digits))
        }
        return [
            "command": "sims bookin", "as": "mike",
            "args": ["sim-type": "MXG-ET085", "form": "physical", "iccids": iccids],
        ]
    }

    static func dataFile(_ directory: TemporaryDirectory) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: directory.path + "/data.mdb"))
    }

    @Test func aRefusedBookInLeavesTheDataFileByteForByte() throws {
        let directory = TemporaryDirectory("bulk-file")
        let engine = try ProvisioningEngine(path: directory.path, options: .init())
        for line in seedLines() { try engine.apply(line, at: 1_700_000_000_000) }
        try engine.apply(Self.bookIn(5_000, from: 0), at: 1_700_000_001_000)
        let used = engine.log.environment.info.usedBytes
        let afterCommit = try Self.dataFile(directory)
        // The commit left the rest of the warmed hole past its pages: zeros.
        #expect(afterCommit.count > used)
        #expect(afterCommit[used...].allSatisfy { $0 == 0 })

        // 5,000 SIMs, the last of them already booked in: refused by `decide`, after the
        // file was extended for the change.
        #expect(throws: Rejection.self) { try engine.apply(Self.bookIn(5_000, from: 4_999), at: 1_700_000_002_000) }
        #expect(try Self.dataFile(directory) == afterCommit)
    }
}
