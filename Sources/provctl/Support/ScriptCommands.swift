import FoundationEssentials
import Provisioning

/// The one mapping from a command's CLI name and arguments to a domain command:
/// the domain's script-line parser. A CLI subcommand hands over its options as a
/// script line would carry them, so `provctl sims reserve ...` and a `run` line
/// `{"command": "sims reserve", ...}` are validated by the same code.
enum ScriptCommands {
    static func command(named name: String, arguments: [String: Any]) throws -> Command {
        try ScriptLineParser.command(named: name, arguments: arguments)
    }

    static func parseLine(_ text: String, defaultActor: String? = nil) throws -> ScriptLine {
        try ScriptLineParser.parse(text, defaultActor: try defaultActor.map { try Username($0) })
    }
}
