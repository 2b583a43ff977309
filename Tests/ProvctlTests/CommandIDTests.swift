import Foundation
import Testing
import TestSupport

/// Acceptance 3: `--command-id` makes a change idempotent.
@Suite("Repeating a change with --command-id")
struct CommandIDTests {
    static let reserve = ["sims", "reserve", "--reseller", "Talk_Mail", "894453000000099990"]

    @Test("the second run changes nothing and prints the first result")
    func repeated() throws {
        let store = try Walkthrough.copy()
        let provctl = ProvctlProcess(store: store.path)
        try provctl.run(["sims", "bookin", "--sim-type", "MXG-ET085", "--form", "esim", "894453000000099990"], as: "mike")

        let first = try provctl.run(Self.reserve + ["--command-id", "ticket-4711"], as: "mike")
        #expect(first.status == 0, "\(first)")
        #expect(first.stdout == """
            56  sim.reserved  sim:894453000000099990  reserved for Talk_Mail (BOOKIN -> RESERVED)
            Recorded 1 event at positions 56-56.

            """)
        let after = try provctl.dump()

        let second = try provctl.run(Self.reserve + ["--command-id", "ticket-4711"], as: "mike")
        #expect(second.status == 0, "\(second)")
        #expect(second.stdout == "Already applied: command ticket-4711 recorded this the first time; nothing changed.\n" + first.stdout)
        #expect(try provctl.dump() == after)

        // With --json: the first result, flagged as already applied, times included.
        let json = try provctl.run(Self.reserve + ["--command-id", "ticket-4711", "--json"], as: "mike")
        let document = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        #expect(document["already-applied"] as? Bool == true)
        #expect(document["first-position"] as? Int == 56)
        #expect(document["event-count"] as? Int == 1)
        #expect(try provctl.dump() == after)

        // Without the id the same command is a new change, refused by the domain.
        let again = try provctl.run(Self.reserve, as: "mike")
        #expect(again.status == 68)
    }

    @Test("a refused change does not use up its command id")
    func refusedThenApplied() throws {
        let store = try Walkthrough.copy()
        let provctl = ProvctlProcess(store: store.path)
        let refused = try provctl.run(Self.reserve + ["--command-id", "ticket-4712"], as: "mike")
        #expect(refused.status == 66, "\(refused)")
        try provctl.run(["sims", "bookin", "--sim-type", "MXG-ET085", "--form", "esim", "894453000000099990"], as: "mike")
        let applied = try provctl.run(Self.reserve + ["--command-id", "ticket-4712", "--json"], as: "mike")
        #expect(applied.status == 0, "\(applied)")
        #expect(applied.stdout.contains("\"already-applied\": false"))
    }
}
