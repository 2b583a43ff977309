import Foundation
import Testing

/// `provctl help <command>` explains every command of the contract with an example,
/// and docs/cli.md says the same.
@Suite("provctl help and docs/cli.md")
struct HelpTests {
    /// Every command of the contract (shared docs/cli.md), and the extensions `demo`
    /// and `snapshots`.
    static let commands = [
        "init", "settings set", "pbx add", "product define", "bundle define", "roaming-policy define",
        "network-profile define", "pbx list", "product list", "bundle list", "roaming-policy list",
        "network-profile list", "reseller create", "reseller list", "reseller show", "group create", "group list",
        "group show", "group set", "products assign", "bundles assign", "bundles default", "roaming-policies assign",
        "roaming-policies default", "network-profiles assign", "network-profiles default", "catalog show", "user add",
        "user list", "sims bookin", "sims reserve", "sims allocate", "sims unallocate", "sims unreserve", "sims retire",
        "sims list", "sims show", "numbers import", "numbers release", "numbers list", "subscriber provision",
        "subscriber set", "subscriber terminate", "subscriber show", "subscriber list", "subscriber esim",
        "branding set", "log", "audit", "replay", "verify", "export", "import", "run", "stats", "demo",
        "snapshots set", "snapshots list",
    ]

    /// The explanation part of the help (from OVERVIEW to before USAGE), as its prose
    /// and its example, each reduced to its words.
    static func explanation(_ help: String) -> (prose: String, example: String) {
        let start = help.range(of: "OVERVIEW: ")!.upperBound
        let end = help.range(of: "\nUSAGE: ")!.lowerBound
        let text = String(help[start..<end])
        let parts = text.components(separatedBy: "\nExample:\n")
        return (words(parts[0]), words(parts.dropFirst().joined()))
    }

    static func words(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace || $0 == "\\" }).joined(separator: " ")
    }

    static let doc: String = {
        let url = ProvctlProcess.projectDirectory.appendingPathComponent("docs/cli.md")
        return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }()

    /// The words of the command's section of docs/cli.md, without code fences.
    static func section(_ command: String) -> String {
        let heading = "### `provctl \(command)`\n"
        guard let start = doc.range(of: heading)?.upperBound else { return "" }
        let rest = doc[start...]
        let end = rest.range(of: "\n### ")?.lowerBound ?? rest.endIndex
        let lines = rest[..<end].split(separator: "\n").filter { !$0.hasPrefix("```") }
        return words(lines.joined(separator: "\n"))
    }

    @Test("help explains the command with an example, and docs/cli.md says the same", arguments: commands)
    func help(_ command: String) throws {
        let words = command.split(separator: " ").map(String.init)
        let result = try ProvctlProcess.launch(["help"] + words)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("\nExample:\n  "), "provctl help \(command) has no example")
        #expect(result.stdout.contains("provctl \(command)") || result.stdout.contains("provctl --as"))
        let explanation = Self.explanation(result.stdout)
        let section = Self.section(command)
        #expect(section.contains(explanation.prose), "docs/cli.md does not say what provctl help \(command) says")
        #expect(section.contains(explanation.example), "docs/cli.md does not give the example of provctl help \(command)")
        #expect(Self.doc.contains("### `provctl \(command)`"), "docs/cli.md has no section for \(command)")
    }
}
