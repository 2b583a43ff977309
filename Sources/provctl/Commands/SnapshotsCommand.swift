import ArgumentParser
import Engine
import FoundationEssentials
import Provisioning

/// Snapshots of the whole state, which make `--at` on a list and `replay --to` start
/// near the point asked for instead of at the first event. An extension of the contract.
struct SnapshotsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshots", abstract: "List the state snapshots, or set how often they are taken.",
        discussion: """
            A change that reaches a multiple of the interval (in events) also writes a snapshot of the \
            whole state, in the same transaction; a read of the past (--at on a list, replay --to) starts \
            from the newest snapshot at or before its point. Snapshots are derived data: each is \
            checksummed, a damaged one is skipped (the read falls back to an older one or to the log) and \
            reported by verify, and replay rebuilds them all.
            """,
        subcommands: [List.self, Set.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "The snapshots with their position, time and size, each checked.",
            discussion: """
                A damaged snapshot is listed with what is wrong (it is not used; provctl replay rebuilds it).

                Example:
                  provctl replay
                  provctl snapshots list
                """)
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let session = Session(global)
            try session.run {
                let engine = try session.openEngine()
                let interval = try engine.snapshotInterval()
                let entries = try engine.snapshotList()
                if global.json {
                    print(JSONValue.object([
                        ("interval", .int(Int64(interval))),
                        ("snapshots", .array(entries.map { entry in
                            switch entry {
                            case .success(let manifest):
                                .object([
                                    ("position", .int(Int64(manifest.position))),
                                    ("recorded-at", .string(Timestamp(millisecondsSince1970: manifest.recordedAt).iso8601)),
                                    ("bytes", .int(Int64(manifest.byteCount))), ("chunks", .int(Int64(manifest.chunkCount))),
                                    ("valid", .bool(true)), ("problem", .null),
                                ])
                            case .failure(let problem):
                                .object([
                                    ("position", .int(Int64(problem.position))), ("valid", .bool(false)),
                                    ("problem", .string(problem.what)),
                                ])
                            }
                        })),
                    ]).serialized(pretty: true))
                    return
                }
                print(interval == 0 ? "Snapshots are off." : "A snapshot every \(interval) events.")
                var table = TextTable(["POSITION", "RECORDED AT", "BYTES", "STATE"])
                for entry in entries {
                    switch entry {
                    case .success(let manifest):
                        table.add([
                            String(manifest.position), Timestamp(millisecondsSince1970: manifest.recordedAt).iso8601,
                            String(manifest.byteCount), "ok",
                        ])
                    case .failure(let problem):
                        table.add([String(problem.position), "-", "-", "not used: " + problem.what])
                    }
                }
                if !entries.isEmpty { print(table.rendered()) }
            }
        }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set", abstract: "Set every how many events a snapshot is taken (0: never).",
            discussion: """
                Store metadata, not an event: the interval changes how fast the past is read, not what it \
                was. It applies to the changes that follow; provctl replay rewrites the snapshots at the new \
                interval. The default, \(ProvisioningEngine.defaultSnapshotInterval), comes from measurement \
                (docs/performance.md). init --snapshot-every sets it when the store is created.

                Example:
                  provctl snapshots set --every 25
                """)
        @OptionGroup var global: GlobalOptions
        @Option(help: "Events between snapshots; 0 turns them off.") var every: UInt64

        func run() throws {
            let session = Session(global)
            try session.run {
                let engine = try session.openEngine()
                try engine.setSnapshotInterval(every)
                if global.json {
                    print(JSONValue.object([("interval", .int(Int64(every)))]).serialized(pretty: true))
                } else {
                    print(every == 0 ? "Snapshots are off." : "A snapshot every \(every) events from the next change on.")
                }
            }
        }
    }
}
