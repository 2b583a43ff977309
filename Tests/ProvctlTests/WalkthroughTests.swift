import Foundation
import Testing
import TestSupport

/// Acceptance 1: the guide's walkthrough typed as `provctl` commands, then every list
/// and show command, as text and as JSON, compared whole with the expected output.
@Suite("The walkthrough through provctl")
struct WalkthroughTests {
    @Test("each fixture line runs as a provctl command and records what provctl run records")
    func walkthroughThroughTheCLI() throws {
        let store = TemporaryDirectory("walkthrough")
        let results = try Walkthrough.apply(to: store.path)
        #expect(results.count == (try Walkthrough.lines()).count)
        for (invocation, result) in results {
            #expect(result.status == 0, "provctl \(invocation.arguments.joined(separator: " ")): \(result)")
            #expect(result.stdout.contains("Recorded "), "\(invocation.arguments)")
            #expect(result.stderr.isEmpty)
        }

        // The same events, users, roles, command ids, reasons, tags and summaries as the
        // script runner applying the fixture lines directly.
        let scripted = TemporaryDirectory("walkthrough-run")
        let run = try ProvctlProcess(store: scripted.path).run(["run", Walkthrough.fixture])
        #expect(run.status == 0, "\(run)")
        let viaCLI = try Self.comparableLog(store.path)
        let viaRun = try Self.comparableLog(scripted.path)
        #expect(viaCLI.count == 54)
        #expect(viaCLI == viaRun)
    }

    /// `log --json` without what depends on the clock (times, payload bytes, hashes).
    static func comparableLog(_ store: String) throws -> [String] {
        let result = try ProvctlProcess(store: store).run(["log", "--json"])
        #expect(result.status == 0)
        return try result.stdout.split(separator: "\n").map { line in
            var object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            for key in ["recorded-at", "recorded-at-ms", "payload", "hash"] { object.removeValue(forKey: key) }
            let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            return normalisingTimes(String(decoding: data, as: UTF8.self))
        }
    }

    @Test("every list and show command prints the expected table and JSON", arguments: WalkthroughExpected.outputs.indices)
    func readCommand(_ index: Int) throws {
        let expected = WalkthroughExpected.outputs[index]
        let provctl = ProvctlProcess(store: try Walkthrough.shared.get())
        let arguments = expected.command.split(separator: " ").map(String.init)
        let text = try provctl.run(arguments)
        #expect(text.status == 0, "\(text)")
        #expect(normalisingTimes(text.stdout) == expected.text + "\n")
        let json = try provctl.run(arguments + ["--json"])
        #expect(json.status == 0, "\(json)")
        #expect(normalisingTimes(json.stdout) == expected.json + "\n")
        #expect(throws: Never.self) { try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) }
    }

    @Test("the SIM inventory and Adele Vance's summary, whole")
    func keyViews() throws {
        let provctl = ProvctlProcess(store: try Walkthrough.shared.get())
        let sims = try provctl.run(["sims", "list"])
        #expect(sims.stdout == """
            ICCID               SIM TYPE   STATUS     RESELLER   GROUP                          SUBSCRIBER
            894453000000052371  MXG-ET085  ALLOCATED  Talk_Mail  Audiocodes_Trial_End_Customer  -
            894453000000085788  MXG-ET085  RETIRED    Talk_Mail  Audiocodes_Trial_End_Customer  s00001d
            894453000000085791  MXG-ET085  ALLOCATED  Talk_Mail  Audiocodes_Trial_End_Customer  -

            """)
        let adele = try provctl.run(["subscriber", "show", Walkthrough.adele])
        #expect(normalisingTimes(adele.stdout) == WalkthroughExpected.adeleSummary + "\n")
        // The PBX password and the activation codes never reach the log or a read model:
        // only the secret store holds them.
        let databases = try provctl.dump().split(separator: "VERSION=").map(String.init)
        #expect(databases.contains { $0.contains("database=secrets") && $0.contains(Self.hex("walkthrough-only-secret")) })
        let dump = databases.filter { !$0.contains("database=secrets") }.joined()
        #expect(dump.contains("database=events"))
        #expect(!dump.contains(Self.hex("walkthrough-only-secret")))
        #expect(!dump.contains(Self.hex("04386-AGYFT-A74Y8-3F815")))
    }

    /// `mdb_dump` prints values as hex: a secret as it would appear there.
    static func hex(_ text: String) -> String {
        text.utf8.map { String(format: "%02x", $0) }.joined()
    }
}
