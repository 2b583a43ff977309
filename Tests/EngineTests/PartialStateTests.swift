import Engine
import EventLog
import Provisioning
import ReadModels
import Testing

/// A listing of the past folds only the records it lists (`pastRecords`): the
/// SIMs, numbers or subscribers it gives are those of the whole state, at every
/// position, from a snapshot or from the first event.
@Suite struct PartialStateTests {
    static let kindSets: [RecordKinds] = [.sims, .numbers, .subscribers, [.numbers, .subscribers]]

    static func expectSameRecords(_ partial: PartialState, as whole: InMemoryState, _ comment: Comment) {
        #expect(partial.sims(where: { _ in true }) == (partial.kinds.contains(.sims) ? whole.allSIMs : []), comment)
        #expect(
            partial.numbers(where: { _ in true }) == (partial.kinds.contains(.numbers) ? whole.allNumbers : []), comment)
        #expect(
            partial.subscribers(where: { _ in true })
                == (partial.kinds.contains(.subscribers) ? whole.allSubscribers : []), comment)
    }

    /// One SIM through its whole life, a number and a subscriber: after the random
    /// changes, so that every event type that writes these records is in the log.
    static func applyEveryRecordEvent(_ engine: ProvisioningEngine) throws {
        let iccid = "894453000099999995"
        let number = "18339990000"
        var time: Int64 = 1_800_000_000_000
        func apply(_ command: String, _ args: [String: Any]) throws -> ChangeOutcome {
            time += 60_000
            return try engine.apply(["command": command, "as": "mike", "args": args], at: time)
        }
        _ = try apply("sims bookin", ["sim-type": "MXG-ET085", "form": "physical", "iccids": [iccid]])
        _ = try apply("sims reserve", ["reseller": "Talk_Mail", "iccids": [iccid]])
        _ = try apply("sims allocate", ["group": "Trial", "iccids": [iccid]])
        _ = try apply("sims unallocate", ["iccids": [iccid]])
        _ = try apply("sims allocate", ["group": "Trial", "iccids": [iccid]])
        _ = try apply("numbers import", ["reseller": "Talk_Mail", "numbers": [number]])
        let provisioned = try apply(
            "subscriber provision",
            ["group": "Trial", "name": "Tail", "first-name": "Ann", "last-name": "Lee", "email": "ann@example.com",
             "home-location": "USA", "number": number, "sim": iccid, "form": "physical"])
        let subUID = try #require(
            provisioned.events.lazy.compactMap { event -> SubUID? in
                if case .subscriberProvisioned(let provisioned) = event { provisioned.subUID } else { nil }
            }.first)
        _ = try apply("subscriber set", ["subuid": subUID.rawValue, "hotspot": true])
        _ = try apply("subscriber terminate", ["subuid": subUID.rawValue, "why": "contract-ended"])
    }

    @Test func theRecordsOfSomeKindsAreThoseOfTheWholeStateAtEveryPosition() throws {
        let (directory, engine) = try SnapshotTests.store(interval: 13, commands: 250, seed: 11)
        _ = directory
        try Self.applyEveryRecordEvent(engine)
        let events = try engine.allEvents()
        #expect(try SnapshotTests.snapshotPositions(engine).count > 5)
        // The log holds every event type that writes these records, and others.
        let types = Set(try engine.log.records().map(\.type))
        let covered = [SIMBookedIn.wireName, SIMReserved.wireName, SIMAllocated.wireName, SIMUnallocated.wireName,
            SIMUnreserved.wireName, SIMActivated.wireName, SIMRetired.wireName, NumberImported.wireName,
            NumberAssigned.wireName, NumberQuarantined.wireName, SubscriberProvisioned.wireName,
            SubscriberFeaturesChanged.wireName, SubscriberTerminated.wireName, GroupCreated.wireName]
        #expect(covered.filter { !types.contains($0) } == [])

        var replayed = InMemoryState()
        for position in 0...UInt64(events.count) {
            if position > 0 { evolve(events[Int(position) - 1], into: &replayed) }
            for kinds in Self.kindSets {
                Self.expectSameRecords(try engine.pastRecords(kinds, at: position), as: replayed, "\(kinds) at \(position)")
            }
        }
    }

    @Test func withoutSnapshotsTheFoldStartsAtTheFirstEvent() throws {
        let (directory, engine) = try SnapshotTests.store(interval: 0, commands: 120, seed: 5)
        _ = directory
        #expect(try SnapshotTests.snapshotPositions(engine).isEmpty)
        let head = UInt64(try engine.allEvents().count)
        for position in [0, 1, head / 2, head] {
            let whole = try engine.state(at: position)
            for kinds in Self.kindSets {
                Self.expectSameRecords(try engine.pastRecords(kinds, at: position), as: whole, "\(kinds) at \(position)")
            }
        }
    }
}
