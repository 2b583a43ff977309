import Foundation
import Testing

@testable import Provisioning

@Suite("Walkthrough fixture")
struct WalkthroughTests {
    static let fixture = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/walkthrough.jsonl")

    /// Runs the script as the Engine will: actor from the user record, one minute
    /// per line, ids from the position of the change's first event.
    static func run() throws -> (state: InMemoryState, events: [ProvisioningEvent], secrets: [SecretToStore], times: [Timestamp]) {
        let lines = try String(contentsOf: fixture, encoding: .utf8).split(separator: "\n")
        var state = InMemoryState()
        var events: [ProvisioningEvent] = []
        var secrets: [SecretToStore] = []
        var times: [Timestamp] = []
        for (index, line) in lines.enumerated() {
            let parsed = try ScriptLineParser.parse(String(line))
            let actor = try parsed.actor.map { username throws(Rejection) in try state.actor(named: username) }
            let now = t0.adding(milliseconds: Int64(index) * 60_000)
            let decision = try decide(parsed.command, state: state, actor: actor, now: now, ids: engineIDs(at: events.count + 1))
            for event in decision.events { evolve(event, into: &state) }
            events += decision.events
            secrets += decision.secrets
            times.append(now)
        }
        return (state, events, secrets, times)
    }

    @Test func theGuidesWalkthroughRunsToItsFinalState() throws {
        let (state, events, secrets, times) = try Self.run()
        let adeleID = subUID("s00001d")
        let adele = try #require(state.subscriber(adeleID))
        #expect(adele.name == name("AdeleVance") && adele.status == .terminated)
        #expect(adele.termination?.reason == .contractEnded)
        #expect(adele.pbx?.pbx == W.teams && adele.pbx?.passwordReference == "pbx-password:s00001d")
        #expect(adele.bundle == W.usRatecard && adele.roamingPolicy == W.unrestricted && adele.networkProfile == W.mobileX)

        let sim = try #require(state.sim(iccid("894453000000085788")))
        #expect(sim.status == .retired && sim.retirementReason == .subscriberTerminated && sim.subscriber == adeleID)
        let number = try #require(state.number(phone("18332954087")))
        let terminatedAt = try #require(times.last)
        #expect(number.storedStatus == .quarantined)
        #expect(number.quarantinedUntil == terminatedAt.adding(days: 45))
        #expect(number.status(at: terminatedAt.adding(days: 45)) == .available)

        #expect(state.resellerCount == 2 && state.groupCount == 2 && state.userCount == 7)
        #expect(state.simCount == 3 && state.numberCount == 3 && state.subscriberCount == 1)
        #expect(state.allSIMs.map(\.status) == [.allocated, .retired, .allocated])
        #expect(state.catalogCodes(.bundles).count == 6)
        #expect(state.group(name("Audiocodes_Trial_End_Customer"))?.catalog.defaultBundle == W.usRatecard)
        #expect(Set(secrets.map(\.reference)) == ["esim:894453000000085788", "esim:894453000000052371", "esim:894453000000085791", "pbx-password:s00001d"])
        #expect(InMemoryState(replaying: events) == state)
    }

    @Test func theAuditOfTheGuidesSIMShowsItsWholeLife() throws {
        let events = try Self.run().events
        let trail = events.filter { $0.tags.contains("sim:894453000000085788") }
        #expect(trail.map(\.wireName) == ["sim.booked-in", "sim.reserved", "sim.allocated", "subscriber.provisioned", "sim.activated", "subscriber.terminated", "sim.retired"])
        #expect(trail.compactMap(\.simTransition).map(\.after) == [.bookin, .reserved, .allocated, .active, .retired])
    }
}
