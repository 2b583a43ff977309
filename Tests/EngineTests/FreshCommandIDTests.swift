import Engine
import EventLog
import Foundation
import LMDB
import Testing
import TestSupport

/// A change without a command id gets a fresh one: a random version 4 UUID in
/// lowercase, different for every change, under which the change is found again.
@Suite struct FreshCommandIDTests {
    @Test func aChangeWithoutACommandIDGetsARandomLowercaseUUID() throws {
        let directory = TemporaryDirectory()
        let engine = try ProvisioningEngine(path: directory.path, options: .fast)
        var seen = Set<String>()
        for line in seedLines() {
            let outcome = try engine.apply(line, at: 1_764_000_000_000)
            let id = outcome.commandID
            let uuid = try #require(UUID(uuidString: id), "\(id)")
            #expect(uuid.uuidString.lowercased() == id)
            let bytes = withUnsafeBytes(of: uuid.uuid) { Array($0) }
            #expect(bytes[6] >> 4 == 4, "version of \(id)")
            #expect(bytes[8] >> 6 == 0b10, "variant of \(id)")
            #expect(seen.insert(id).inserted)
            let again = try engine.log.environment.read { txn in try engine.log.result(ofCommand: id, in: txn) }
            #expect(again?.positions == outcome.result.positions)
        }
    }
}
