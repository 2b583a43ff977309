import ArgumentParser
import Engine
import EventLog
import Dispatch
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Provisioning
import ReadModels
import Synchronization

/// Set by SIGINT so that `log --follow` stops cleanly between polls.
let interrupted = Atomic<Bool>(false)

struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log", abstract: "The events in order, one line each.",
        discussion: """
            Each line: position, time, user (role), event type, the first item it touched, a summary. \
            --json prints JSON lines (the fields of docs/export.md, without the raw record). --follow \
            keeps printing events as other processes commit them, until Ctrl-C.

            Example:
              provctl log --from 85 --limit 5
            """)
    @OptionGroup var global: GlobalOptions
    @Option(help: "The first position.") var from: UInt64 = 1
    @Option(help: "At most this many events.") var limit: Int?
    @Option(help: "Only events of this type (wire name, e.g. sim.reserved).") var type: String?
    @Flag(help: "Keep printing new events until interrupted.") var follow = false

    /// Records read in one read transaction.
    static let page = 10_000

    func run() throws {
        let session = Session(global)
        try session.run {
            if let limit, limit < 0 {
                throw Failure(code: Failure.usage, "log --limit takes a count of 0 or more, not \(limit).")
            }
            let engine = try session.openEngine()
            try LogAccess.requireWholeStore(session, engine: engine, command: "the log")
            if limit == 0 { return }
            var next = from
            var printed = 0
            var signals: (any DispatchSourceSignal)?
            if follow {
                // Ctrl-C ends the loop between polls instead of killing the process mid-line.
                signal(SIGINT, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
                source.setEventHandler { interrupted.store(true, ordering: .relaxed) }
                source.resume()
                signals = source
            }
            defer { signals?.cancel() }
            // A page of records at a time, each in a short read transaction: a reader
            // held open would make writers grow the file. A full page means more to
            // read now; a short one is the head, where only --follow waits and polls.
            while !interrupted.load(ordering: .relaxed) {
                let records = try engine.log.records(from: next, limit: Self.page)
                for record in records {
                    next = record.position + 1
                    if let type, record.type != type { continue }
                    let event = try? ProvisioningEvent(record)
                    print(global.json ? EventJSON.record(record, event: event).serialized() : EventJSON.line(record, event: event))
                    printed += 1
                    if let limit, printed >= limit { return }
                }
                fflush(nil)  // every stream: the lines reach a pipe as they are printed
                if records.count == Self.page { continue }
                guard follow else { return }
                usleep(200_000)
            }
        }
    }
}

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Every event that touched an item: who, when, from what to what.",
        discussion: """
            KIND is sim, number, subscriber, group, reseller or user (for a user: the changes it made). \
            For a SIM or a number each row shows the status before and after and the holder after. \
            Read from the item's index, not the whole log. Rows are written as they are read, a page \
            at a time: an audit of millions of events does not hold them (the table reads them twice, \
            first to size its columns).

            Example:
              provctl audit sim 894453000000085788
              provctl audit user liziya --since 2026-11-01 --until 2026-12-01T00:00:00Z
            """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "sim, number, subscriber, group, reseller or user.") var kind: Kind
    @Argument(help: "The ICCID, number, SubUID, name or username.") var item: String
    @Option(help: "Only events recorded at or after this UTC time (ISO 8601).") var since: String?
    @Option(help: "Only events recorded at or before this UTC time (ISO 8601).") var until: String?

    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case sim, number, subscriber, group, reseller, user

        var noun: String {
            switch self {
            case .sim: "ICCID"
            case .number: "number"
            case .subscriber: "SubUID"
            case .group, .reseller: "name"
            case .user: "username"
            }
        }

        var listCommand: String {
            switch self {
            case .sim: "sims list"
            case .number: "numbers list"
            case .subscriber: "subscriber list"
            case .group: "group list"
            case .reseller: "reseller list"
            case .user: "user list"
            }
        }
    }

    func run() throws {
        let session = Session(global)
        try session.run {
            let subject: AuditSubject =
                switch kind {
                case .sim: .sim(try ICCID(item, batchHasNoCheckDigit: true))
                case .number: .number(try PhoneNumber(item))
                case .subscriber: .subscriber(try SubUID(item))
                case .group: .group(try Name(item))
                case .reseller: .reseller(try Name(item))
                case .user: .user(try Username(item))
                }
            let sinceTime = try since.map { try Timestamp.parseISO8601($0).millisecondsSince1970 }
            let untilTime = try until.map { try Timestamp.parseISO8601($0).millisecondsSince1970 }
            let engine = try session.openEngine()
            try LogAccess.requireVisible(subject, session, engine: engine)
            // Rows are handed one by one and never all held: an item's history may be
            // millions of events. JSON lines are written as they come; the table is
            // made twice, once to measure its columns and once to write it, both up
            // to the last position the first pass read.
            let showsStatus = kind == .sim || kind == .number
            var table = StreamedTable(
                ["POSITION", "TIME", "USER", "ROLE", "EVENT"] + (showsStatus ? ["BEFORE", "AFTER", "HOLDER"] : []) + ["WHAT"])
            let through = try engine.audit(subject, since: sinceTime, until: untilTime) { row in
                if global.json {
                    print(Self.json(row).serialized())
                } else {
                    table.measure(Self.cells(row, showsStatus: showsStatus))
                }
            }
            // No position at all (not merely none in --since/--until): the log never touched it.
            if through == 0 {
                throw Failure(
                    code: Failure.notFound,
                    "No event in the log touched \(kind.rawValue) \(item): check the \(kind.noun) (provctl \(kind.listCommand) lists what exists).")
            }
            if global.json { return }
            try table.write { emit in
                try engine.audit(subject, since: sinceTime, until: untilTime, through: through) { row in
                    try emit(Self.cells(row, showsStatus: showsStatus))
                }
            }
        }
    }

    static func cells(_ row: AuditRow, showsStatus: Bool) -> [String] {
        var cells = [
            String(row.record.position), Timestamp(millisecondsSince1970: row.record.recordedAt).iso8601,
            row.record.actor, row.record.role, row.record.type,
        ]
        if showsStatus {
            cells += [Self.status(row, after: false), Self.status(row, after: true), Self.holder(row)]
        }
        return cells + [row.event.summary]
    }

    static func status(_ row: AuditRow, after: Bool) -> String {
        if let sim = after ? row.simAfter : row.simBefore { return sim.status.rawValue }
        if let number = after ? row.numberAfter : row.numberBefore { return number.storedStatus.rawValue }
        return "-"
    }

    /// reseller / group / subscriber after the event.
    static func holder(_ row: AuditRow) -> String {
        if let sim = row.simAfter {
            return [sim.reseller?.rawValue, sim.group?.rawValue, sim.subscriber?.rawValue]
                .map { $0 ?? "-" }.joined(separator: " / ")
        }
        if let number = row.numberAfter {
            return [number.reseller.rawValue, number.subscriber?.rawValue ?? "-"].joined(separator: " / ")
        }
        return "-"
    }

    static func json(_ row: AuditRow) -> JSONValue {
        guard case .object(var members) = EventJSON.record(row.record, event: row.event) else { return .null }
        members.removeAll { $0.0 == "payload" || $0.0 == "hash" }
        if row.simAfter != nil || row.numberAfter != nil {
            members.append(("status-before", .optional(row.simBefore?.status.rawValue ?? row.numberBefore?.storedStatus.rawValue)))
            members.append(("status-after", .optional(row.simAfter?.status.rawValue ?? row.numberAfter?.storedStatus.rawValue)))
            members.append(("reseller", .optional(row.simAfter?.reseller?.rawValue ?? row.numberAfter?.reseller.rawValue)))
            members.append(("group", .optional(row.simAfter?.group?.rawValue)))
            members.append(("subscriber", .optional(row.simAfter?.subscriber?.rawValue ?? row.numberAfter?.subscriber?.rawValue)))
        }
        return .object(members)
    }
}
