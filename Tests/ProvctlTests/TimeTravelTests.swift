import Foundation
import Testing
import TestSupport

/// Acceptance 4: `--at POSITION|TIMESTAMP` shows the past.
@Suite("Reading the past with --at")
struct TimeTravelTests {
    static let iccid = "894453000000099990"

    /// Runs a change with `--json` and returns its document.
    static func change(_ provctl: ProvctlProcess, _ arguments: [String], as user: String, stdin: String? = nil) throws
        -> [String: Any]
    {
        let result = try provctl.run(arguments + ["--json"], as: user, stdin: stdin)
        #expect(result.status == 0, "\(result)")
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
    }

    static func status(_ provctl: ProvctlProcess, at point: String) throws -> String? {
        let result = try provctl.run(["sims", "show", iccid, "--at", point, "--json"])
        #expect(result.status == 0, "\(result)")
        let sim = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        return sim?["status"] as? String
    }

    @Test("sims show --at each position of reserve, allocate and provision; sims list --at a past time")
    func pastStates() throws {
        let store = try Walkthrough.copy()
        let provctl = ProvctlProcess(store: store.path)
        let bookin = try Self.change(
            provctl, ["sims", "bookin", "--sim-type", "MXG-ET085", "--form", "esim", Self.iccid], as: "mike")
        let reserve = try Self.change(provctl, ["sims", "reserve", "--reseller", "Talk_Mail", Self.iccid], as: "mike")
        let allocate = try Self.change(
            provctl, ["sims", "allocate", "--group", "Audiocodes_Trial_End_Customer", Self.iccid], as: "liziya")
        let provision = try Self.change(
            provctl,
            [
                "subscriber", "provision", "--group", "Audiocodes_Trial_End_Customer", "--name", "NestorW",
                "--first-name", "Nestor", "--last-name", "Wilke", "--email", "NestorW@example.com",
                "--home-location", "USA", "--number", "18332954088", "--sim", Self.iccid,
            ], as: "liziya")
        let positions = [bookin, reserve, allocate, provision].map { $0["last-position"] as! Int }
        #expect(positions == [55, 56, 57, 60])

        #expect(try Self.status(provctl, at: "55") == "BOOKIN")
        #expect(try Self.status(provctl, at: "56") == "RESERVED")
        #expect(try Self.status(provctl, at: "57") == "ALLOCATED")
        #expect(try Self.status(provctl, at: "60") == "ACTIVE")
        // Before its book-in the SIM did not exist.
        let before = try provctl.run(["sims", "show", Self.iccid, "--at", "54"])
        #expect(before.status == 66)
        #expect(before.stderr.contains(Self.iccid))

        // The inventory at the time the reserve was recorded: the walkthrough's SIMs and
        // this one RESERVED, though it is ACTIVE now.
        let reservedAt = reserve["recorded-at"] as! String
        let past = try provctl.run(["sims", "list", "--at", reservedAt])
        #expect(past.status == 0, "\(past)")
        #expect(past.stdout == """
            ICCID               SIM TYPE   STATUS     RESELLER   GROUP                          SUBSCRIBER
            894453000000052371  MXG-ET085  ALLOCATED  Talk_Mail  Audiocodes_Trial_End_Customer  -
            894453000000085788  MXG-ET085  RETIRED    Talk_Mail  Audiocodes_Trial_End_Customer  s00001d
            894453000000085791  MXG-ET085  ALLOCATED  Talk_Mail  Audiocodes_Trial_End_Customer  -
            894453000000099990  MXG-ET085  RESERVED   Talk_Mail  -                              -

            """)
        let now = try provctl.run(["sims", "list", "--status", "active"])
        #expect(now.stdout.contains("894453000000099990  MXG-ET085  ACTIVE"))
        // A time before the store existed: nothing yet.
        let empty = try provctl.run(["sims", "list", "--at", "2000-01-01T00:00:00Z", "--json"])
        #expect(empty.stdout == "[]\n")
        // Neither a position nor a time: malformed.
        let bad = try provctl.run(["sims", "list", "--at", "yesterday"])
        #expect(bad.status == 65)
        #expect(bad.stderr.contains("yesterday"))
    }
}
