import Foundation
import Testing
import TestSupport

/// Acceptance 2: a refused change exits with the contract's code, names the offending
/// item on standard error (and in `{"error": {"code", "message"}}` with `--json`), and
/// leaves the store byte for byte as it was.
@Suite("Refused changes record nothing")
struct RefusalTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var arguments: [String]
        var user: String
        var code: Int32
        var names: String
        var testDescription: String { name }
    }

    static let bookin = "894453000000099990"

    static let cases: [Case] = [
        Case(
            name: "a malformed ICCID (a book-in is all or nothing)",
            arguments: ["sims", "bookin", "--sim-type", "MXG-ET085", "--form", "esim", "894453000000099991", "8944530000000857"],
            user: "mike", code: 65, names: "8944530000000857"),
        Case(
            name: "a bad E.164 number",
            arguments: ["numbers", "import", "--reseller", "Talk_Mail", "18332954092", "+4420"],
            user: "liziya", code: 65, names: "+4420"),
        Case(
            name: "a duplicate name",
            arguments: ["reseller", "create", "Talk_Mail", "--home-location", "GBR", "--country", "GBR", "--address1", "2 Poultry"],
            user: "mike", code: 68, names: "Talk_Mail"),
        Case(
            name: "an unknown reseller",
            arguments: ["sims", "reserve", "--reseller", "Talk_Maill", bookin],
            user: "mike", code: 66, names: "Talk_Maill"),
        Case(
            name: "an allocate of a Bookin SIM",
            arguments: ["sims", "allocate", "--group", "AC_Internal", bookin],
            user: "ran.inbar", code: 68, names: bookin),
        Case(
            name: "a provision with a SIM still in stock (Bookin)",
            arguments: [
                "subscriber", "provision", "--group", "AC_Internal", "--name", "NestorW", "--first-name", "Nestor",
                "--last-name", "Wilke", "--email", "NestorW@example.com", "--home-location", "USA",
                "--number", "14155550100", "--sim", bookin,
            ],
            user: "ran.inbar", code: 68, names: bookin),
        Case(
            name: "a provision with a SIM of another reseller",
            arguments: [
                "subscriber", "provision", "--group", "AC_Internal", "--name", "NestorW", "--first-name", "Nestor",
                "--last-name", "Wilke", "--email", "NestorW@example.com", "--home-location", "USA",
                "--number", "14155550100", "--sim", "894453000000052371",
            ],
            user: "ran.inbar", code: 77, names: "894453000000052371"),
        Case(
            name: "a reserve by a reseller user",
            arguments: ["sims", "reserve", "--reseller", "Talk_Mail", bookin],
            user: "liziya", code: 77, names: "liziya"),
        Case(
            name: "a terminate of a terminated subscriber",
            arguments: ["subscriber", "terminate", Walkthrough.adele, "--why", "fraud"],
            user: "liziya", code: 68, names: Walkthrough.adele),
    ]

    /// The walkthrough, plus a Bookin SIM, a number of AudioCodes_Reseller and limit
    /// SIM access on AC_Internal: every refusal below has what it needs but one thing.
    static func prepared() throws -> TemporaryDirectory {
        let store = try Walkthrough.copy()
        let provctl = ProvctlProcess(store: store.path)
        for (arguments, user) in [
            (["sims", "bookin", "--sim-type", "MXG-ET085", "--form", "esim", bookin], "mike"),
            (["numbers", "import", "--reseller", "AudioCodes_Reseller", "14155550100"], "ran.inbar"),
            (["group", "set", "AC_Internal", "--limit-sim-access", "on"], "ran.inbar"),
        ] {
            let result = try provctl.run(arguments, as: user)
            #expect(result.status == 0, "\(result)")
        }
        return store
    }

    @Test("exit code, message naming the item, JSON error, store unchanged", arguments: cases)
    func refused(_ refusal: Case) throws {
        let store = try Self.prepared()
        let provctl = ProvctlProcess(store: store.path)
        let before = try provctl.dump()

        let text = try provctl.run(refusal.arguments, as: refusal.user)
        #expect(text.status == refusal.code, "\(text)")
        #expect(text.stdout.isEmpty)
        #expect(text.stderr.hasPrefix("provctl: "))
        #expect(text.stderr.contains(refusal.names), "\(text.stderr)")
        #expect(text.stderr.split(separator: "\n").count == 1)

        let json = try provctl.run(refusal.arguments + ["--json"], as: refusal.user)
        #expect(json.status == refusal.code)
        let document = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let error = document?["error"] as? [String: Any]
        #expect(document?.count == 1)
        #expect((error?["code"] as? Int) == Int(refusal.code))
        let message = error?["message"] as? String ?? ""
        #expect(message.contains(refusal.names))
        #expect("provctl: " + message + "\n" == json.stderr)

        #expect(try provctl.dump() == before)
    }

    @Test("the exit codes are the ones docs/cli.md documents for these refusals")
    func documented() throws {
        let doc = try String(
            contentsOf: ProvctlProcess.projectDirectory.appendingPathComponent("docs/cli.md"), encoding: .utf8)
        for refusal in Self.cases {
            #expect(doc.contains("| \(refusal.name) | \(refusal.code) |"), "docs/cli.md lacks the row for \(refusal.name)")
        }
    }
}
