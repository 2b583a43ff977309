import Foundation
import Testing
import TestSupport

/// Global options, the environment, the acting user, a missing store, eSIM QR codes
/// and reads scoped by role.
@Suite("Global options, users and scopes")
struct GlobalOptionsTests {
    static let talkMailSIMs = ["894453000000052371", "894453000000085788", "894453000000085791"]

    @Test("global options before or after the subcommand, or from PROVCTL_STORE and PROVCTL_USER")
    func placement() throws {
        let store = try Walkthrough.shared.get()
        let before = try ProvctlProcess.launch(["--store", store, "--as", "liziya", "sims", "list"])
        let after = try ProvctlProcess.launch(["sims", "list", "--store", store, "--as", "liziya"])
        let mixed = try ProvctlProcess.launch(["--json", "sims", "list", "--store=\(store)", "--as", "liziya"])
        let environment = try ProvctlProcess.launch(
            ["sims", "list"], environment: ["PROVCTL_STORE": store, "PROVCTL_USER": "liziya"])
        #expect(before.status == 0, "\(before)")
        #expect(before.stdout == after.stdout)
        #expect(before.stdout == environment.stdout)
        for iccid in Self.talkMailSIMs { #expect(before.stdout.contains(iccid)) }
        #expect(mixed.stdout.hasPrefix("[\n"))
        // --as wins over PROVCTL_USER: ran.inbar sees none of Talk_Mail's SIMs.
        let overridden = try ProvctlProcess.launch(
            ["sims", "list", "--as", "ran.inbar"], environment: ["PROVCTL_STORE": store, "PROVCTL_USER": "liziya"])
        #expect(overridden.stdout == "ICCID  SIM TYPE  STATUS  RESELLER  GROUP  SUBSCRIBER\n")
    }

    @Test("a change without --as is a usage error; a store that is not there is exit 74 and is not created")
    func userAndStore() throws {
        let store = try Walkthrough.copy()
        let provctl = ProvctlProcess(store: store.path)
        let before = try provctl.dump()
        let anonymous = try provctl.run(["sims", "bookin", "--sim-type", "MXG-ET085", "--form", "esim", "894453000000099990"])
        #expect(anonymous.status == 64)
        #expect(anonymous.stderr.contains("--as"))
        let stranger = try provctl.run(
            ["sims", "bookin", "--sim-type", "MXG-ET085", "--form", "esim", "894453000000099990"], as: "nobody")
        #expect(stranger.status == 77, "\(stranger)")
        #expect(stranger.stderr.contains("nobody"))
        #expect(try provctl.dump() == before)

        let missing = TemporaryDirectory("missing")
        let result = try ProvctlProcess(store: missing.path).run(["sims", "list"])
        #expect(result.status == 74)
        #expect(result.stderr.contains(missing.path))
        #expect(!FileManager.default.fileExists(atPath: missing.path))
        let json = try ProvctlProcess(store: missing.path).run(["sims", "list", "--json"])
        #expect(json.stdout.contains("\"code\": 74"))
    }

    @Test("reads are scoped by the acting user's role")
    func scopedReads() throws {
        let provctl = ProvctlProcess(store: try Walkthrough.shared.get())
        let ran = try provctl.run(["sims", "list", "--json"], as: "ran.inbar")
        #expect(ran.stdout == "[]\n")
        let shown = try provctl.run(["sims", "show", "894453000000085788"], as: "ran.inbar")
        #expect(shown.status == 77)
        #expect(shown.stderr.contains("894453000000085788"))
        let liziya = try provctl.run(["sims", "list"], as: "liziya")
        for iccid in Self.talkMailSIMs { #expect(liziya.stdout.contains(iccid)) }
        // A customer user sees its group's subscribers; another reseller's does not.
        let megan = try provctl.run(["subscriber", "list"], as: "megan.it")
        #expect(megan.stdout.contains(Walkthrough.adele))
        let tughril = try provctl.run(["subscriber", "list"], as: "tughril")
        #expect(!tughril.stdout.contains(Walkthrough.adele))
        let resellers = try provctl.run(["reseller", "list"], as: "liziya")
        #expect(resellers.stdout.contains("Talk_Mail") && !resellers.stdout.contains("AudioCodes_Reseller"))
    }

    @Test("subscriber esim: text, terminal, SVG and PNG QR codes for users who may see the subscriber")
    func esim() throws {
        let store = try Walkthrough.copy()
        let provctl = ProvctlProcess(store: store.path)
        let provisioned = try provctl.run(
            [
                "subscriber", "provision", "--group", "Audiocodes_Trial_End_Customer", "--name", "NestorW",
                "--first-name", "Nestor", "--last-name", "Wilke", "--email", "NestorW@example.com",
                "--home-location", "USA", "--number", "18332954088", "--sim", "894453000000085791", "--json",
            ], as: "megan.it")
        #expect(provisioned.status == 0, "\(provisioned)")
        let subUID = try #require(
            provisioned.stdout.firstMatch(of: /"subscriber:(s[0-9a-z]+)"/).map { String($0.output.1) })

        let text = try provctl.run(["subscriber", "esim", subUID], as: "liziya")
        #expect(text.stdout == "LPA:1$smdp.mobile-x.example$55012-ZPLMN-H48Q7-1A226\n")
        let svg = try provctl.run(["subscriber", "esim", subUID, "--qr", "svg"], as: "megan.it")
        #expect(svg.status == 0)
        #expect(svg.stdout.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.stdout.trimmingCharacters(in: .whitespacesAndNewlines).hasSuffix("</svg>"))
        let terminal = try provctl.run(["subscriber", "esim", subUID, "--qr", "terminal"], as: "megan.it")
        #expect(terminal.stdout.contains("█"))
        let png = store.path + "/nestor.png"
        let written = try provctl.run(["subscriber", "esim", subUID, "--qr", "png", "--output", png], as: "liziya")
        #expect(written.status == 0, "\(written)")
        let bytes = try #require(FileManager.default.contents(atPath: png))
        #expect(Array(bytes.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])

        // Outside the subscriber's scope, or no user named: 77 and no code.
        for user in ["ran.inbar", "tughril"] {
            let refused = try provctl.run(["subscriber", "esim", subUID, "--qr", "svg"], as: user)
            #expect(refused.status == 77, "\(user): \(refused)")
            #expect(refused.stdout.isEmpty)
            #expect(refused.stderr.contains(subUID))
        }
        let anonymous = try provctl.run(["subscriber", "esim", subUID])
        #expect(anonymous.status == 77)
        // A terminated subscriber's eSIM is retired: its code is not handed out again.
        let retired = try provctl.run(["subscriber", "esim", Walkthrough.adele], as: "liziya")
        #expect(retired.status == 68)
        #expect(retired.stdout.isEmpty)
    }
}
