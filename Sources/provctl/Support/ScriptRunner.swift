import Crypto
import Engine
import EventLog
import FoundationEssentials
import Provisioning

/// A file of commands, one JSON object a line (docs/cli.md, `run`).
struct ScriptFile {
    let path: String
    let lines: [Substring]
    /// SHA-256 of the file, hex: with the line number, the default command id of a
    /// line, so running the same file twice applies each line once.
    let digest: String

    init(path: String) throws {
        guard let data = path == "-" ? Data(try StandardStreams.readInput()) : FileManager.default.contents(atPath: path)
        else {
            throw Failure(code: Failure.notFound, "The script \(path) cannot be read: check its path and permissions.")
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw Failure(code: Failure.malformed, "The script \(path) is not UTF-8 text: save it as JSON lines.")
        }
        self.path = path
        // "\r\n" is one Character in Swift: splitting on "\n" alone would leave a file
        // saved with Windows line ends as one long line.
        lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
        digest = EventJSON.hex(Array(SHA256.hash(data: data)))
    }
}

/// Applies a script: each line its own change, as the user the line names (or, for a
/// line without `"as"`, the user of `--as` / `PROVCTL_USER`).
struct ScriptRunner {
    let engine: ProvisioningEngine
    let session: Session

    struct Summary {
        var changes = 0
        var events: UInt64 = 0
        var failures: [(line: Int, failure: Failure)] = []
    }

    /// Stops at the first failing line (thrown, naming the line) unless `keepGoing`,
    /// which collects every failure.
    func apply(_ script: ScriptFile, keepGoing: Bool) throws -> Summary {
        var summary = Summary()
        for (index, text) in script.lines.enumerated() {
            let number = index + 1
            let trimmed = text.trimmingWhitespace()
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            do {
                let line = try ScriptCommands.parseLine(String(trimmed), defaultActor: session.global.username)
                let username = line.actor
                let outcome = try engine.execute(
                    line.command, as: username,
                    options: ChangeOptions(
                        commandID: line.commandID ?? "\(script.digest.prefix(16)):\(number)",
                        correlationID: line.correlationID ?? session.global.correlationID, reason: line.reason ?? session.global.reason),
                    now: session.now)
                summary.changes += 1
                summary.events += outcome.alreadyApplied ? 0 : outcome.result.count
            } catch {
                let failure = Failure(error, store: session.global.storePath)
                let located = Failure(code: failure.code, "\(script.path) line \(number): \(failure.message)")
                guard keepGoing else { throw located }
                summary.failures.append((number, located))
            }
        }
        return summary
    }
}
