import Foundation
import Testing
import TestSupport

/// Reliability, security item 9: PBX passwords and eSIM activation codes, given every
/// way the CLI takes them (a book-in `--file`, a `run` line inline, `--pbx-password-stdin`),
/// appear nowhere but the `secrets` database: not in any other database of the store
/// (raw bytes, `mdb_dump -p`), not in an export (its text, nor the base64 payloads and
/// records it carries), not in `log`, `audit` or any show or list. `subscriber esim`
/// hands the code to users who may see the subscriber and refuses (77) the others.
/// (The engine-level check is `EngineTests` › secretsStayOutOfTheLogAndARepeatedCommandIDChangesNothing.)
@Suite("Security: secrets stay out of the log")
struct SecuritySecretsTests {
    static let smdp = "smdp.mobile-x.example"
    /// Activation codes booked in by this test: two from a `--file`, one from a `run` line.
    static let fileCodes = ["90001-QWERT-Z11X1-7A001", "90002-ASDFG-Z22X2-7A002"].map { "LPA:1$\(smdp)$\($0)" }
    static let runCode = "LPA:1$\(smdp)$90003-ZXCVB-Z33X3-7A003"
    static let stdinPassword = "Stdin-Pbx-Pass-42!"
    static let runPassword = "Run-Line-Pbx-Pass-77?"
    static let iccids = ["894453000000300001", "894453000000300002", "894453000000300003"]

    /// Every secret string that must not leak: whole codes, their matching ids alone,
    /// both passwords, and the walkthrough's own password and codes.
    static var secrets: [String] {
        let codes = fileCodes + [runCode]
        let walkthroughCodes = ["04386-AGYFT-A74Y8-3F815", "17291-BKQWE-C93J2-8D411", "55012-ZPLMN-H48Q7-1A226"]
        return codes + codes.map { String($0.split(separator: "$").last!) } + walkthroughCodes
            + [stdinPassword, runPassword, "walkthrough-only-secret"]
    }

    /// The walkthrough, then three eSIMs booked in with codes and two subscribers
    /// provisioned with PBX passwords; returns the store and the two new SubUIDs.
    static func provisioned() throws -> (TemporaryDirectory, ProvctlProcess, [String]) {
        let store = try Walkthrough.copy()
        let provctl = ProvctlProcess(store: store.path)
        let files = TemporaryDirectory("secrets-files")
        let shipment = try files.file(
            "shipment.csv",
            contents: "# ICCID,IMSI,ACTIVATION-CODE\n\(iccids[0]),234500000300001,\(fileCodes[0])\n\(iccids[1]),,\(fileCodes[1])\n")
        let bookin = try provctl.run(["sims", "bookin", "--sim-type", "MXG-ET085", "--form", "esim", "--file", shipment], as: "mike")
        #expect(bookin.status == 0, "\(bookin)")

        let script = try files.file(
            "secrets.jsonl",
            contents: """
                {"command": "sims bookin", "as": "mike", "args": {"sim-type": "MXG-ET085", "form": "esim", "iccids": [{"iccid": "\(iccids[2])", "activation-code": "\(runCode)"}]}}
                {"command": "sims reserve", "as": "mike", "args": {"reseller": "Talk_Mail", "iccids": \(jsonList(iccids))}}
                {"command": "sims allocate", "as": "liziya", "args": {"group": "Audiocodes_Trial_End_Customer", "iccids": \(jsonList(iccids))}}
                {"command": "subscriber provision", "as": "liziya", "args": {"group": "Audiocodes_Trial_End_Customer", "name": "LidiaH", "first-name": "Lidia", "last-name": "Holloway", "email": "LidiaH@example.com", "home-location": "USA", "form": "esim", "sim": "\(iccids[2])", "number": "18332954089", "pbx": "MicrosoftTeams", "extension": "1003", "sip-user": "LidiaH", "pbx-username": "LidiaH", "pbx-password": "\(runPassword)"}}

                """)
        let ran = try provctl.run(["run", script, "--json"])
        #expect(ran.status == 0, "\(ran)")

        let provision = try provctl.run(
            [
                "subscriber", "provision", "--group", "Audiocodes_Trial_End_Customer", "--name", "NestorW",
                "--first-name", "Nestor", "--last-name", "Wilke", "--email", "NestorW@example.com", "--home-location", "USA",
                "--form", "esim", "--sim", iccids[0], "--number", "18332954088", "--pbx", "MicrosoftTeams", "--extension", "1002",
                "--sip-user", "NestorW", "--pbx-username", "NestorW", "--pbx-password-stdin", "--json",
            ], as: "megan.it", stdin: stdinPassword + "\n")
        #expect(provision.status == 0, "\(provision)")
        for output in [bookin, ran, provision] { expectNoSecret(in: output.stdout + output.stderr, "the output of a change") }

        let list = try LogTools.array(try provctl.run(["subscriber", "list", "--json"]).stdout)
        let subUIDs = ["LidiaH", "NestorW"].map { name in
            list.first { $0["name"] as? String == name }?["subuid"] as? String ?? "missing " + name
        }
        return (store, provctl, subUIDs)
    }

    static func jsonList(_ items: [String]) -> String { "[" + items.map { "\"\($0)\"" }.joined(separator: ", ") + "]" }

    static func expectNoSecret(in text: String, _ place: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for secret in secrets {
            #expect(!text.contains(secret), "\(secret) appears in \(place)", sourceLocation: sourceLocation)
        }
    }

    static func expectNoSecret(in bytes: [UInt8], _ place: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for secret in secrets {
            #expect(bytes.firstRange(of: Array(secret.utf8)) == nil, "\(secret) appears in \(place)", sourceLocation: sourceLocation)
        }
    }

    @Test("no secret in any database but secrets, nor in an export, log, audit, show or list")
    func secretsOnlyInTheSecretStore() throws {
        let (store, provctl, subUIDs) = try Self.provisioned()

        // The store, database by database, printable bytes as they are (mdb_dump -p).
        let names = try LogTools.databaseNames(store: store.path)
        #expect(names.contains("events") && names.contains("secrets") && names.contains { $0.hasPrefix("rm.") })
        for name in names {
            let output = try LogTools.tool(["mdb_dump", "-p", "-s", name, store.path])
            #expect(output.status == 0)
            if name == "secrets" {
                // The test's own check: the strings are really there to be found.
                for secret in Self.fileCodes + [Self.runCode, Self.stdinPassword, Self.runPassword] {
                    #expect(output.stdout.contains(secret), "the secret store lacks \(secret)")
                }
            } else {
                Self.expectNoSecret(in: output.stdout, "database \(name)")
            }
        }

        // An export: its text, and the bytes of every payload and record it carries.
        let export = try provctl.run(["export"])
        #expect(export.status == 0)
        Self.expectNoSecret(in: export.stdout, "the export")
        for line in try LogTools.lines(export.stdout) {
            let position = (line["position"] as? NSNumber)?.intValue ?? 0
            Self.expectNoSecret(in: try LogTools.base64(line["payload"]), "the payload at \(position)")
            Self.expectNoSecret(in: try LogTools.base64(line["record"]), "the record at \(position)")
        }

        // Every other way the log and the read models are shown.
        var reads: [[String]] = [["log"], ["log", "--json"], ["stats", "--json"], ["sims", "list", "--json"], ["subscriber", "list", "--json"]]
        for iccid in Self.iccids {
            reads += [["sims", "show", iccid, "--json"], ["audit", "sim", iccid], ["audit", "sim", iccid, "--json"]]
        }
        for subUID in subUIDs {
            reads += [["subscriber", "show", subUID, "--json"], ["audit", "subscriber", subUID, "--json"]]
        }
        for arguments in reads {
            let result = try provctl.run(arguments)
            #expect(result.status == 0, "\(arguments): \(result)")
            Self.expectNoSecret(in: result.stdout + result.stderr, "provctl \(arguments.joined(separator: " "))")
        }
    }

    /// Who may see the subscriber (domain.md: reads) gets the code; the others get 77
    /// and not a character of it.
    @Test("subscriber esim shows the code to users who may see the subscriber, 77 to the others")
    func esimByRole() throws {
        let (store, provctl, subUIDs) = try Self.provisioned()
        defer { withExtendedLifetime(store) {} }
        let nestor = subUIDs[1]
        // Nestor is in Audiocodes_Trial_End_Customer of Talk_Mail.
        for user in ["mike", "liziya", "irene.wang", "noa.fried", "megan.it"] {
            let result = try provctl.run(["subscriber", "esim", nestor], as: user)
            #expect(result.status == 0, "\(user): \(result)")
            #expect(result.stdout == Self.fileCodes[0] + "\n", "\(user)")
        }
        for user in ["ran.inbar", "tughril", "nobody"] {
            for arguments in [["subscriber", "esim", nestor], ["subscriber", "esim", nestor, "--json"], ["subscriber", "esim", nestor, "--qr", "svg"]] {
                let result = try provctl.run(arguments, as: user)
                #expect(result.status == 77, "\(user) \(arguments): \(result)")
                Self.expectNoSecret(in: result.stdout + result.stderr, "\(user)'s refused \(arguments)")
            }
        }
    }
}
