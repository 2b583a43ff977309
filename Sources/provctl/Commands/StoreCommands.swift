import ArgumentParser
import Engine
import EventLog
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LMDB
import Provisioning
import ReadModels

struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay", abstract: "Rebuild the read models from the log, or check them against a replay.",
        discussion: """
            Without options: every read model is cleared and rebuilt in one transaction (readers see the \
            old views or the new ones, never half). --check rebuilds aside and prints every difference \
            (exit 74 when any). --to/--at with --into DIR writes a new store holding the log up to that \
            point and its views, leaving the live store alone; --into DIR alone copies the store as of its head. \
            A record missing from the log (a gap in the positions) or one that does not decode stops a \
            rebuild with exit 74, naming its position, and nothing is changed: provctl verify tells what \
            else is wrong.

            Snapshots (see provctl snapshots): a rebuild rewrites them at the store's interval; --check \
            also compares each with the state replayed at its position; a copy keeps the snapshots up to \
            its point and starts its views from the newest of them.

            Example:
              provctl replay --check
              provctl replay --to 20 --into ./store-at-20
            """)
    @OptionGroup var global: GlobalOptions
    @Option(help: "Rebuild as of this position (with --into).") var to: UInt64?
    @Option(name: .customLong("at-time"), help: "Rebuild as of this UTC time (with --into); --at works too.") var atTime: String?
    @Option(help: "The new store for --to/--at (alone: a copy as of the head).") var into: String?
    @Flag(help: "Compare the stored read models with a replay, changing nothing.") var check = false

    func run() throws {
        let session = Session(global)
        try session.run {
            let time = atTime ?? global.at
            // The options exclude each other: a check or a rebuild that silently ignored one
            // would rebuild (or check) something other than what the operator asked for.
            if to != nil && time != nil {
                throw Failure(code: Failure.usage, "replay takes --to POSITION or --at TIMESTAMP, not both: give one.")
            }
            if check && (to != nil || time != nil || into != nil) {
                throw Failure(code: Failure.usage, "replay --check compares the live read models with a replay of the whole log: give it no --to, --at or --into.")
            }
            let engine = try session.openEngine()
            var point: HistoryPoint? =
                if let to { .position(to) } else if let time { try HistoryPoint(parsing: time) } else { nil }
            if check {
                let head = try engine.log.head().position
                let progress = ProgressBar("replay --check", total: head, json: global.json)
                let differences = try engine.readModelDifferences(progress: progress.update)
                progress.finish()
                let failure = differences.first.map { first in
                    Failure(code: Failure.storage, "The read models differ from a replay of the log in \(differences.count) place\(differences.count == 1 ? "" : "s") (first: \(first)): run provctl replay to rebuild them.")
                }
                if global.json {
                    // One document on standard output, the differences and the error together.
                    var members: [(String, JSONValue)] = [
                        ("differences", .array(differences.map { .object([
                            ("database", .string($0.database)), ("key", .string($0.key)), ("what", .string($0.what)),
                        ]) })),
                    ]
                    if let failure, case .object(let error) = failure.json { members += error }
                    print(JSONValue.object(members).serialized(pretty: true))
                } else {
                    for difference in differences { print(difference) }
                    if differences.isEmpty { print("The read models equal a replay of the log.") }
                }
                if let failure {
                    StandardStreams.writeError("provctl: " + failure.message + "\n")
                    throw ExitCode(failure.code)
                }
                return
            }
            // --into alone: a copy of the whole store as it is now.
            if into != nil && point == nil { point = .position(.max) }
            if let point {
                guard let into else {
                    throw Failure(code: Failure.usage, "replay --to/--at rebuilds into a new store: give --into DIR.")
                }
                if let contents = try? FileManager.default.contentsOfDirectory(atPath: into), !contents.isEmpty {
                    throw Failure(code: Failure.usage, "The directory \(into) is not empty: give a new directory to --into.")
                }
                let resolved = try engine.resolve(point)
                let progress = ProgressBar("replay", total: resolved.position, json: global.json)
                let copied = try engine.copy(upTo: resolved.position, into: into, progress: progress.update)
                progress.finish()
                print("Wrote \(into): \(copied) events, up to position \(resolved.position) (\(resolved.time.iso8601)), with its read models.")
                return
            }
            let head = try engine.log.head().position
            let progress = ProgressBar("replay", total: head, json: global.json)
            let last = try engine.replay(progress: progress.update)
            progress.finish()
            print(global.json ? JSONValue.object([("replayed", .int(Int64(last)))]).serialized(pretty: true) : "Rebuilt the read models from \(last) events.")
        }
    }
}

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify", abstract: "Check the hash chain, the positions, the tag index and the read models.",
        discussion: """
            Exit 0 with a one-line summary, or exit 74 naming the first bad position and what is wrong. \
            The read models and every snapshot are compared with a replay of the log (a snapshot is also \
            checked against its checksum); a difference exits 74 too: provctl replay rebuilds them.

            Example:
              provctl verify
            """)
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let session = Session(global)
        try session.run {
            let engine = try session.openEngine()
            let head = try engine.log.head().position
            // The log is checked as it is replayed for the read models: one pass.
            let progress = ProgressBar("verify (log, read models and snapshots)", total: head, json: global.json)
            let verification = try engine.verifyStore(differenceLimit: 1, progress: progress.update)
            progress.finish()
            let report = verification.log
            if let problem = report.problem {
                throw Failure(code: Failure.storage, "Verification failed at position \(problem.position): \(problem.what).")
            }
            if let first = verification.readModelDifferences.first {
                throw Failure(code: Failure.storage, "The log verifies but the read models differ from a replay (\(first)): run provctl replay.")
            }
            let summary = "Verified \(report.eventsChecked) events: positions 1-\(report.eventsChecked) gapless, hash chain intact (head \(EventJSON.hex(report.head.hash).prefix(16))), \(report.tagEntriesChecked) tag entries consistent, read models equal a replay."
            if global.json {
                print(JSONValue.object([
                    ("events", .int(Int64(report.eventsChecked))), ("head-hash", .string(EventJSON.hex(report.head.hash))),
                    ("tag-entries", .int(Int64(report.tagEntriesChecked))), ("valid", .bool(true)),
                ]).serialized(pretty: true))
            } else {
                print(summary)
            }
        }
    }
}

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Write the log as JSON lines, one event each, with its hash.",
        discussion: """
            The format is docs/export.md: another program can verify the chain without provctl. \
            Secrets are not in the log and so not in an export.

            Example:
              provctl export --output ledger.jsonl
            """)
    @OptionGroup var global: GlobalOptions
    @Option(help: "The first position.") var from: UInt64 = 1
    @Option(help: "The file to write (default: standard output).") var output: String?

    func run() throws {
        let session = Session(global)
        try session.run {
            let engine = try session.openEngine()
            try LogAccess.requireWholeStore(session, engine: engine, command: "an export")
            let handle = try output.map { try OutputFile(creating: $0) } ?? .standardOutput
            var buffer = ""
            try engine.log.environment.read { txn in
                try engine.log.forEachStored(from: from, in: txn) { record, stored in
                    let event = try? ProvisioningEvent(record)
                    buffer += EventJSON.record(record, event: event, stored: [UInt8](stored)).serialized() + "\n"
                    if buffer.utf8.count > 1 << 20 {
                        try handle.write(buffer)
                        buffer = ""
                    }
                    return true
                }
            }
            try handle.write(buffer)
            if output != nil { try handle.close() }
        }
    }
}

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Load an export into a new, empty store, checking the chain as it goes.",
        discussion: """
            Every line is checked: its position follows the one before, its hash chains, and its readable \
            fields agree with its record. A bad line stops the import with its line number and the store \
            stays empty (one transaction). The read models are rebuilt. FILE `-` reads standard input, \
            so a store can be copied through a pipe: provctl export | provctl --store ./copy import - \
            (standard input is held in memory; a file is mapped, so give a file for an export larger \
            than memory).

            Example:
              provctl --store ./copy import ledger.jsonl
            """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The export file (JSON lines), or - for standard input.") var file: String

    func run() throws {
        let session = Session(global)
        try session.run {
            // A file is mapped, not read: its pages are the page cache's, so an export
            // of ten million events (9.5 GB) does not have to fit in memory beside the
            // rebuild. (A file cut short while it is imported ends the process with
            // SIGBUS; the import is one transaction, so nothing is recorded.)
            guard let data = file == "-"
                ? Data(try StandardStreams.readInput())
                : try? Data(contentsOf: URL(fileURLWithPath: file), options: .alwaysMapped)
            else {
                throw Failure(code: Failure.notFound, "The file \(file) cannot be read: check its path and permissions.")
            }
            let engine = try session.openEngine(creating: true)
            let lines = Self.lineRanges(of: data)
            let progress = ProgressBar("import", total: UInt64(lines.count), json: global.json)
            var expected: [Int: [String: Any]] = [:]
            do {
                var index = 0
                // The export's size bounds what the log and its read models take.
                let count = try engine.importLog(
                    reserving: data.count,
                    rewind: { index = 0 },
                    next: {
                        while index < lines.count {
                            let number = index + 1
                            let range = lines[index]
                            index += 1
                            let parsed = try data.withUnsafeBytes { raw -> ([String: Any], [UInt8])? in
                                let line = UnsafeBufferPointer(rebasing: raw.bindMemory(to: UInt8.self)[range])
                                if line.allSatisfy({ $0 == 0x20 || $0 == 0x0D }) { return nil }
                                return try Self.parse(line, line: number)
                            }
                            guard let (fields, bytes) = parsed else { continue }
                            expected = [number: fields]
                            return (number, bytes)
                        }
                        return nil
                    },
                    check: { number, record in
                        if let fields = expected[number] { try Self.check(fields, against: record, line: number) }
                    },
                    progress: progress.update)
                progress.finish()
                print("Imported \(count) events from \(file) and rebuilt the read models.")
            } catch let error as ImportError {
                progress.finish()
                let place = error.label > 0 ? "\(file) line \(error.label)" : "Cannot import \(file)"
                throw Failure(code: Failure.malformed, "\(place): \(error.message); nothing was imported.")
            }
        }
    }

    /// The byte ranges of the lines of `data` (without their newlines), the last one
    /// possibly empty, as `split(omittingEmptySubsequences: false)` would give them
    /// but without a `Data` slice per line.
    static func lineRanges(of data: Data) -> [Range<Int>] {
        data.withUnsafeBytes { raw in
            guard raw.count > 0 else { return [0..<0] }
            var ranges: [Range<Int>] = []
            var start = 0
            while let newline = memchr(raw.baseAddress! + start, 0x0A, raw.count - start) {
                let end = raw.baseAddress!.distance(to: UnsafeRawPointer(newline))
                ranges.append(start..<end)
                start = end + 1
            }
            ranges.append(start..<raw.count)
            return ranges
        }
    }

    static func parse(_ line: UnsafeBufferPointer<UInt8>, line number: Int) throws -> ([String: Any], [UInt8]) {
        let parsed = try? JSONParser.parse(line)
        guard let parsed, let fields = parsed.value as? [String: Any] else {
            throw ImportError(label: number, message: "not a JSON object (an export has one event per line)")
        }
        if let key = parsed.duplicateKey {
            throw ImportError(label: number, message: "it gives the key \"\(key)\" twice (an export gives each field once)")
        }
        guard let encoded = fields["record"] as? String, let record = Data(base64Encoded: encoded) else {
            throw ImportError(label: number, message: "no \"record\" field with the base64 of the stored record")
        }
        return (fields, [UInt8](record))
    }

    /// The readable fields must say what the record says: an edit of one without the
    /// other is caught here, an edit of both by the hash chain.
    static func check(_ fields: [String: Any], against record: EventRecord, line number: Int) throws {
        func mismatch(_ name: String) -> ImportError {
            ImportError(label: number, message: "its \"\(name)\" does not match its record (the line was edited)")
        }
        // Whole numbers only (`30.0` counts, `true` and 1.5 do not).
        func integer(_ name: String) -> Int64? {
            switch fields[name] {
            case let integer as Int: Int64(integer)
            case let number as Double where number == number.rounded() && abs(number) < 9e15: Int64(number)
            default: nil
            }
        }
        guard integer("position") == Int64(exactly: record.position) else { throw mismatch("position") }
        guard integer("recorded-at-ms") == record.recordedAt else { throw mismatch("recorded-at-ms") }
        guard (fields["recorded-at"] as? String).flatMap({ try? Timestamp.parseISO8601($0).millisecondsSince1970 })
            == record.recordedAt
        else {
            throw mismatch("recorded-at")
        }
        guard fields["type"] as? String == record.type else { throw mismatch("type") }
        guard integer("schema-version") == Int64(record.schemaVersion) else { throw mismatch("schema-version") }
        guard fields["actor"] as? String == record.actor else { throw mismatch("actor") }
        guard fields["role"] as? String == record.role else { throw mismatch("role") }
        guard fields["command-id"] as? String == record.commandID else { throw mismatch("command-id") }
        // Absent or null when the record has none.
        func optional(_ name: String) -> String?? {
            switch fields[name] {
            case nil, is JSONNull: .some(nil)
            case let text as String: .some(text)
            default: .none
            }
        }
        guard optional("correlation-id") == .some(record.correlationID) else { throw mismatch("correlation-id") }
        guard optional("reason") == .some(record.reason) else { throw mismatch("reason") }
        guard fields["tags"] as? [String] == record.tags else { throw mismatch("tags") }
        guard (fields["payload"] as? String).flatMap({ Data(base64Encoded: $0) }) == Data(record.payload) else {
            throw mismatch("payload")
        }
        guard fields["hash"] as? String == EventJSON.hex(record.hash) else { throw mismatch("hash") }
    }
}

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Apply a file of commands, one JSON object a line, each as its own change.",
        discussion: """
            A line: {"command": "sims reserve", "as": "mike", "args": {"reseller": "Talk_Mail", "iccids": ["8944..."]}} \
            with optional "command-id", "correlation-id" and "reason"; a line without "as" acts as the user of \
            --as (or PROVCTL_USER). A line without a command id gets one \
            from the file's hash and its line number, so running the same file again applies nothing twice. \
            Stops at the first failure with its line number and exit code, unless --keep-going, which reports \
            every failure at the end (and exits with the first one's code).

            Example:
              provctl run Fixtures/walkthrough.jsonl
            """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The script ('-' for standard input).") var file: String
    @Flag(name: .customLong("keep-going"), help: "Apply every line and report all failures at the end.") var keepGoing = false

    func run() throws {
        let session = Session(global)
        try session.run {
            let script = try ScriptFile(path: file)
            let engine = try session.openEngine(creating: true)
            let summary = try ScriptRunner(engine: engine, session: session).apply(script, keepGoing: keepGoing)
            for (_, failure) in summary.failures {
                StandardStreams.writeError("provctl: " + failure.message + "\n")
            }
            let line = "Applied \(summary.changes) changes (\(summary.events) events) from \(file); \(summary.failures.count) failed."
            if global.json {
                print(JSONValue.object([
                    ("changes", .int(Int64(summary.changes))), ("events", .int(Int64(summary.events))),
                    ("failures", .array(summary.failures.map { .object([("line", .int(Int64($0.line))), ("code", .int(Int64($0.failure.code))), ("message", .string($0.failure.message))]) })),
                ]).serialized(pretty: true))
            } else {
                print(line)
            }
            if let first = summary.failures.first { throw ExitCode(first.failure.code) }
        }
    }
}

struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats", abstract: "Events, head, store size, and counts by event type and status.",
        discussion: "Example:\n  provctl stats")
    @OptionGroup var global: GlobalOptions

    /// The size of a file in bytes (stat(2)), 0 when it cannot be read.
    static func size(of file: String) -> Int {
        var info = stat()
        return stat(file, &info) == 0 ? Int(info.st_size) : 0
    }

    func run() throws {
        let session = Session(global)
        try session.run {
            let engine = try session.openEngine()
            try LogAccess.requireWholeStore(session, engine: engine, command: "the statistics")
            let info = engine.log.environment.info
            let fileSize = Self.size(of: global.storePath + "/data.mdb")
            let now = session.now
            // The head and every count from one snapshot: they agree even while a writer commits.
            let (head, types, sims, subscribers, numbers) = try engine.readWithHead(now: now) { store, context, head in
                let numbers = try store.numbers(ofReseller: nil)
                let byStatus = NumberStatus.allCases.map { status in
                    (status.rawValue, Int64(numbers.filter { $0.status(at: context.time) == status }.count))
                }
                return (
                    head,
                    try store.counters(withPrefix: "events:").map { (String($0.0.dropFirst("events:".count)), $0.1) },
                    try SIMStatus.allCases.map { ($0.rawValue, try store.count(Counter.sims($0))) },
                    try SubscriberStatus.allCases.map { ($0.rawValue, try store.count(Counter.subscribers($0))) },
                    byStatus
                )
            }
            func object(_ pairs: [(String, Int64)]) -> JSONValue { .object(pairs.map { ($0.0, .int($0.1)) }) }
            if global.json {
                print(JSONValue.object([
                    ("events", .int(Int64(head.position))), ("head-position", .int(Int64(head.position))),
                    ("head-time", head.position == 0 ? .null : .string(Timestamp(millisecondsSince1970: head.recordedAt).iso8601)),
                    ("store-bytes", .int(Int64(fileSize))), ("used-bytes", .int(Int64(info.usedBytes))),
                    ("map-bytes", .int(Int64(info.mapSize))),
                    ("events-by-type", object(types)), ("sims-by-status", object(sims)),
                    ("numbers-by-status", object(numbers)), ("subscribers-by-status", object(subscribers)),
                ]).serialized(pretty: true))
                return
            }
            var details = DetailList()
            details.add("Events", String(head.position))
            details.add("Head", head.position == 0 ? "-" : "position \(head.position) at \(Timestamp(millisecondsSince1970: head.recordedAt).iso8601)")
            details.add("Store on disk", "\(fileSize) bytes (\(info.usedBytes) in use, map \(info.mapSize))")
            print(details.rendered())
            for (title, pairs) in [("Events by type", types), ("SIMs by status", sims), ("Numbers by status", numbers), ("Subscribers by status", subscribers)] {
                print("\n\(title)")
                var table = TextTable(["", "COUNT"])
                for (name, count) in pairs { table.add([name, String(count)]) }
                print(table.rendered())
            }
        }
    }
}
