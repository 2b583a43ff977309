import ArgumentParser
import Engine
import EventLog
import FoundationEssentials
import Provisioning
import ReadModels

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Build a fresh store from the guide's walkthrough and tour it.",
        discussion: """
            Applies Fixtures/walkthrough.jsonl (found from the working directory or beside the \
            executable, or given with --fixture) to a new store (default ./demo-store), then prints the \
            resellers, the groups, the SIM inventory, Adele Vance's summary and who did what to SIM \
            894453000000085788. A non-empty store directory is refused (exit 64) unless --force replaces \
            it.

            Example:
              provctl demo --store ./demo-store --force
            """)

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Replace a non-empty store directory.") var force = false
    @Option(help: "The walkthrough script (JSON lines).") var fixture: String?

    static let tourSIM = "894453000000085788"

    func run() throws {
        var global = self.global
        if global.store == nil { global.store = "./demo-store" }
        let session = Session(global)
        try session.run {
            let path = global.storePath
            let manager = FileManager.default
            if let contents = try? manager.contentsOfDirectory(atPath: path), !contents.isEmpty {
                guard force else {
                    throw Failure(code: Failure.usage, "The directory \(path) is not empty: give --force to replace it, or another --store.")
                }
                try manager.removeItem(atPath: path)
            }
            let script = try ScriptFile(path: try locateFixture())
            let engine = try session.openEngine(creating: true)
            let applied = try ScriptRunner(engine: engine, session: session).apply(script, keepGoing: false)
            print("Built \(path) from \(script.path): \(applied.changes) changes, \(applied.events) events.\n")
            try tour(session)
        }
    }

    private func locateFixture() throws -> String {
        if let fixture { return fixture }
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var candidates = ["Fixtures/walkthrough.jsonl"]
        var directory = executable.deletingLastPathComponent()
        for _ in 0..<6 {
            candidates.append(directory.appendingPathComponent("Fixtures/walkthrough.jsonl").path)
            directory = directory.deletingLastPathComponent()
        }
        guard let found = candidates.first(where: FileManager.default.fileExists(atPath:)) else {
            throw Failure(code: Failure.notFound, "The walkthrough fixture was not found: run from the project directory or give --fixture FILE.")
        }
        return found
    }

    private func tour(_ session: Session) throws {
        let tourGlobal = session.global
        func section(_ title: String, _ command: [String]) throws {
            print("== \(title)  (provctl \(command.joined(separator: " ")))")
            var arguments = command
            arguments += ["--store", tourGlobal.storePath]
            var parsed = try Provctl.parseAsRoot(arguments)
            try parsed.run()
            print("")
        }
        try section("Resellers", ["reseller", "list"])
        try section("Groups", ["group", "list"])
        try section("SIM inventory", ["sims", "list"])
        let adele = try session.openEngine().read(now: session.now) { view, _ in
            try view.subscribers(SubscriberFilter()).first { $0.name.rawValue == "AdeleVance" }?.subUID
        }
        if let adele {
            try section("Adele Vance's summary", ["subscriber", "show", adele.rawValue])
        }
        print("== Who did what to SIM \(Self.tourSIM)")
        let engine = try session.openEngine()
        let records = try engine.log.records(tag: "sim:\(Self.tourSIM)")
        var table = TextTable(["POSITION", "TIME", "USER", "ROLE", "EVENT", "WHAT"])
        for record in records {
            let event = try ProvisioningEvent.decode(
                wireName: record.type, schemaVersion: record.schemaVersion, payload: record.payload)
            table.add([
                String(record.position), Timestamp(millisecondsSince1970: record.recordedAt).iso8601, record.actor,
                record.role, record.type, event.summary,
            ])
        }
        print(table.rendered())
    }
}
