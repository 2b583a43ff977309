import Engine
import EventLog
import Foundation
import Provisioning
import ReadModels
import Testing
import TestSupport

@Suite struct WalkthroughThroughTheEngineTests {
    static let fixture = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/walkthrough.jsonl")

    @Test func theWalkthroughLeavesReadModelsEqualToAReplayAndTheDomainsState() throws {
        let directory = TemporaryDirectory()
        let engine = try ProvisioningEngine(path: directory.path, options: .fast)
        let text = try String(contentsOf: Self.fixture, encoding: .utf8)
        var decided = InMemoryState()
        var time: Int64 = 1_764_000_000_000
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let parsed = try ScriptLineParser.parse(String(line))
            let outcome = try engine.execute(
                parsed.command, as: parsed.actor, options: ChangeOptions(commandID: parsed.commandID),
                now: Timestamp(millisecondsSince1970: time))
            for event in outcome.events { evolve(event, into: &decided) }
            time += 60_000
        }
        let stored = try engine.readModelsInMemory()
        #expect(stored == decided)
        #expect(stored == InMemoryState(replaying: try engine.allEvents()))
        #expect(try engine.readModelDifferences().isEmpty)
        #expect(stored.sim(try ICCID("894453000000085788"))?.status == .retired)
        #expect(stored.number(try PhoneNumber("18332954087"))?.storedStatus == .quarantined)
        #expect(try engine.log.verify().isValid)
    }
}
