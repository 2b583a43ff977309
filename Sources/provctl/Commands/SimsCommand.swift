import ArgumentParser
import FoundationEssentials
import Provisioning
import ReadModels
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

struct SimsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sims", abstract: "The SIM inventory (guide 11).",
        subcommands: [Bookin.self, Reserve.self, Allocate.self, Unallocate.self, Unreserve.self, Retire.self, List.self, Show.self])

    struct Bookin: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "bookin", abstract: "Book SIMs into stock (all or nothing).",
            discussion: """
                All or nothing: one bad ICCID rejects the batch and the message names it. A --file line may \
                be ICCID,IMSI,ACTIVATION-CODE (the last two optional). Activation codes go to the secret \
                store; the log keeps only their fingerprint. Distributor only.

                Example:
                  provctl --as mike sims bookin --sim-type MXG-ET085 --form esim \\
                      --file shipment.csv
                  provctl --as mike sims bookin --sim-type MXG-PT100 --form physical \\
                      894453000000085802 894453000000085803
                """)
        @OptionGroup var global: GlobalOptions
        @Option(name: .customLong("sim-type"), help: "The vendor's SIM type code (MXG-ET085).") var simType: String
        @Option(help: "esim or physical.") var form: String
        @Flag(name: .customLong("no-check-digit"), help: "20-digit ICCIDs of this batch carry no Luhn check digit.") var noCheckDigit = false
        @OptionGroup var list: ListInput
        @Argument(help: "ICCIDs.") var iccids: [String] = []

        func run() throws {
            let session = Session(global)
            try session.run {
                let lines = try list.items(iccids, what: "ICCID")
                // Plain ICCIDs go over as they are (`ScriptArguments.stringArray`); a line
                // with a comma carries an IMSI or an activation code and becomes an object.
                let entries: Any =
                    if !lines.contains(where: Self.hasComma) { lines } else { lines.map(Self.entry) }
                try session.change(
                    "sims bookin",
                    ["sim-type": simType, "form": form, "no-check-digit": noCheckDigit, "iccids": entries])
            }
        }

        /// A line of a book-in file as a script line's item: the ICCID, or with a comma
        /// an object of the ICCID, the IMSI and the activation code.
        static func entry(_ line: String) -> Any {
            guard Self.hasComma(line) else { return line }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
                .map { $0.trimmingWhitespace() }
            guard fields.count > 1 else { return line }
            var entry: [String: Any] = ["iccid": fields[0]]
            if fields.count > 1, !fields[1].isEmpty { entry["imsi"] = fields[1] }
            if fields.count > 2, !fields[2].isEmpty { entry["activation-code"] = fields[2...].joined(separator: ",") }
            return entry
        }

        /// Whether a line of the file is CSV (ICCID,IMSI,activation code): one
        /// `memchr` over the line's bytes (the generic `contains` of the UTF-8 view
        /// took 60 ms on a million lines).
        static func hasComma(_ line: String) -> Bool {
            line.utf8.withContiguousStorageIfAvailable { bytes in
                guard let base = bytes.baseAddress else { return false }
                return memchr(base, 0x2C, bytes.count) != nil
            }
                ?? line.utf8.contains(UInt8(ascii: ","))
        }
    }

    struct Reserve: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reserve", abstract: "Reserve Bookin SIMs for a reseller (distributor only).",
            discussion: """
                Only Bookin SIMs are reserved, all or nothing. Distributor only.

                Example:
                  provctl --as mike sims reserve --reseller Talk_Mail 894453000000085800 \\
                      894453000000085801 894453000000085802 894453000000085803
                """)
        @OptionGroup var global: GlobalOptions
        @Option(help: "The reseller.") var reseller: String
        @OptionGroup var list: ListInput
        @Argument(help: "ICCIDs.") var iccids: [String] = []

        func run() throws {
            let session = Session(global)
            try session.run {
                try session.change("sims reserve", ["reseller": reseller, "iccids": try list.items(iccids, what: "ICCID")])
            }
        }
    }

    struct Allocate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "allocate", abstract: "Allocate Reserved SIMs to a group of the same reseller.",
            discussion: """
                Only SIMs reserved to the group's reseller are allocated, all or nothing.

                Example:
                  provctl --as alice sims allocate --group Contoso_Sales \\
                      894453000000085800 894453000000085801
                """)
        @OptionGroup var global: GlobalOptions
        @Option(help: "The group.") var group: String
        @OptionGroup var list: ListInput
        @Argument(help: "ICCIDs.") var iccids: [String] = []

        func run() throws {
            let session = Session(global)
            try session.run {
                try session.change("sims allocate", ["group": group, "iccids": try list.items(iccids, what: "ICCID")])
            }
        }
    }

    struct Unallocate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "unallocate", abstract: "Return Allocated SIMs to their reseller.",
            discussion: "Example:\n  provctl --as alice sims unallocate 894453000000085801")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var list: ListInput
        @Argument(help: "ICCIDs.") var iccids: [String] = []

        func run() throws {
            let session = Session(global)
            try session.run { try session.change("sims unallocate", ["iccids": try list.items(iccids, what: "ICCID")]) }
        }
    }

    struct Unreserve: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "unreserve", abstract: "Return Reserved SIMs to stock.",
            discussion: """
                Distributor only.

                Example:
                  provctl --as mike sims unreserve 894453000000085803
                """)
        @OptionGroup var global: GlobalOptions
        @OptionGroup var list: ListInput
        @Argument(help: "ICCIDs.") var iccids: [String] = []

        func run() throws {
            let session = Session(global)
            try session.run { try session.change("sims unreserve", ["iccids": try list.items(iccids, what: "ICCID")]) }
        }
    }

    struct Retire: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "retire", abstract: "Retire lost, stolen or faulty SIMs that are not active (never reused).",
            discussion: """
                An active SIM is retired by terminating its subscriber. Distributor only.

                Example:
                  provctl --as mike sims retire --why faulty 894453000000085803
                """)
        @OptionGroup var global: GlobalOptions
        @Option(help: "lost, stolen or faulty.") var why: String
        @OptionGroup var list: ListInput
        @Argument(help: "ICCIDs.") var iccids: [String] = []

        func run() throws {
            let session = Session(global)
            try session.run {
                try session.change("sims retire", ["why": why, "iccids": try list.items(iccids, what: "ICCID")])
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List SIMs, filtered by status, reseller or group.",
            discussion: """
                Sorted by ICCID; a user named with --as sees only the SIMs of its scope.

                Example:
                  provctl sims list --reseller Talk_Mail
                """)
        @OptionGroup var global: GlobalOptions
        @Option(help: "bookin, reserved, allocated, active or retired.") var status: String?
        @Option(help: "Only this reseller's SIMs.") var reseller: String?
        @Option(help: "Only this group's SIMs.") var group: String?

        func run() throws {
            try Reading(global).showList(
                kinds: .sims, headers: ["ICCID", "SIM TYPE", "STATUS", "RESELLER", "GROUP", "SUBSCRIBER"]
            ) { view, context in
                var filter = SIMFilter(reseller: try Reading.name(reseller, option: "--reseller"), group: try Reading.name(group, option: "--group"))
                if let status {
                    guard let parsed = SIMStatus(rawValue: status.uppercased()) else {
                        throw Failure(code: Failure.usage, "--status '\(status)' is not a SIM status: use bookin, reserved, allocated, active or retired.")
                    }
                    filter.status = parsed
                }
                return try view.sims(filter).filter(context.visibility.mayRead)
            } row: { sim, _ in
                [
                    sim.iccid.rawValue, sim.simType.rawValue, sim.status.rawValue, sim.reseller?.rawValue ?? "-",
                    sim.group?.rawValue ?? "-", sim.subscriber?.rawValue ?? "-",
                ]
            } document: { sim, _ in
                Render.sim(sim)
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "Show one SIM: type, form, status and holder.",
            discussion: """
                With --at, the SIM as it was right after that position (folded from the SIM's own events) or \
                at that time. The activation code itself is never shown here, only its fingerprint: see \
                subscriber esim.

                Example:
                  provctl sims show 894453000000085788 --at 43
                """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The ICCID.") var iccid: String

        func run() throws {
            let iccid: ICCID
            do {
                iccid = try ICCID(self.iccid, batchHasNoCheckDigit: true)
            } catch {
                try Session(global).run { throw error }
                return
            }
            try Reading(global).show(itemTags: ["sim:\(iccid.rawValue)"]) { view, context in
                guard let sim = view.sim(iccid) else {
                    throw Failure(code: Failure.notFound, "SIM \(iccid) is not in the inventory" + (global.at == nil ? ": book it in with provctl sims bookin." : " at that point."))
                }
                guard context.visibility.mayRead(sim) else {
                    throw Failure(code: Failure.forbidden, "You may not see SIM \(iccid): it is outside your scope.")
                }
                var table = TextTable(["FIELD", "VALUE"])
                table.add(["ICCID", sim.iccid.rawValue])
                table.add(["SIM type", sim.simType.rawValue])
                table.add(["Form", sim.form.rawValue])
                table.add(["Status", sim.status.rawValue])
                table.add(["Reseller", sim.reseller?.rawValue ?? "-"])
                table.add(["Group", sim.group?.rawValue ?? "-"])
                table.add(["Subscriber", sim.subscriber?.rawValue ?? "-"])
                table.add(["IMSI", sim.imsi?.rawValue ?? "-"])
                table.add(["Activation code", sim.activation.map { "\($0.fingerprint) (SM-DP+ \($0.smdpAddress.rawValue))" } ?? "-"])
                if let reason = sim.retirementReason { table.add(["Retired because", reason.rawValue]) }
                return (table, Render.sim(sim))
            }
        }
    }
}
