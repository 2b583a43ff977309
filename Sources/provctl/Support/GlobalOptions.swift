import ArgumentParser
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The options every command takes (docs/cli.md, "Global options").
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The store: an LMDB environment directory.", valueName: "DIR"))
    var store: String?

    @Option(name: .customLong("as"), help: ArgumentHelp("The Control Panel user who acts (or PROVCTL_USER).", valueName: "USERNAME"))
    var actingUser: String?

    @Flag(name: .long, help: "Machine-readable output: one JSON document (JSON lines for log, audit, export).")
    var json = false

    @Option(name: .long, help: ArgumentHelp("Read the state right after a log position, or as it was at a UTC time (ISO 8601).", valueName: "POSITION|TIMESTAMP"))
    var at: String?

    @Option(name: .customLong("command-id"), help: ArgumentHelp("An idempotency key: repeating a change with the same id changes nothing and prints the first result.", valueName: "ID"))
    var commandID: String?

    @Option(name: .long, help: ArgumentHelp("Free text recorded with the event.", valueName: "TEXT"))
    var reason: String?

    @Option(name: .customLong("correlation-id"), help: ArgumentHelp("Links this change to others (a ticket, a batch).", valueName: "ID"))
    var correlationID: String?

    /// `--store`, else `PROVCTL_STORE`, else `./provisioning-store`.
    var storePath: String {
        store ?? Self.environment("PROVCTL_STORE") ?? "./provisioning-store"
    }

    /// `--as`, else `PROVCTL_USER`.
    var username: String? {
        actingUser ?? Self.environment("PROVCTL_USER")
    }

    /// One environment variable, read with getenv: `ProcessInfo.environment` copies
    /// the whole environment into a dictionary, measurable in a 9 ms command.
    static func environment(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }
}
