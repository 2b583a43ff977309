import ArgumentParser
import FoundationEssentials
import Provisioning
import ReadModels

struct SubscriberCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "subscriber", abstract: "Subscribers (guide 12-13).",
        subcommands: [Provision.self, Set.self, Terminate.self, Show.self, List.self, ESIM.self])

    struct Provision: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "provision", abstract: "The New Subscriber Wizard: SIM, number, bundle, PBX and features in one change.",
            discussion: """
                Without --sim the next available SIM of the form is taken (allocated to the group first, \
                then reserved to its reseller unless the group limits SIM access; smallest ICCID first). \
                Bundle, network profile and roaming policy default to the group's. Voice, data and messaging \
                are on, hotspot off, unless given. The PBX password is read from standard input and kept in \
                the secret store, never in the log. The SubUID is made from the log position.

                Example:
                  echo 'S3cret!' | provctl --as alice subscriber provision \\
                      --group Contoso_Sales --name MeganBowen --first-name Megan \\
                      --last-name Bowen --email MeganB@contoso.example --home-location USA \\
                      --number 18332954090 --pbx MicrosoftTeams --extension 1002 \\
                      --pbx-password-stdin
                """)
        @OptionGroup var global: GlobalOptions
        @Option(help: "The group.") var group: String
        @Option(help: "The subscriber's billing identifier (no spaces).") var name: String
        @Option(name: .customLong("first-name")) var firstName: String
        @Option(name: .customLong("last-name")) var lastName: String
        @Option var email: String
        @Option(name: .customLong("home-location"), help: "ISO alpha-3 country code.") var homeLocation: String
        @Option(help: "3-100 characters.") var description: String?
        @Option(help: "Bundle code (default: the group's default bundle).") var bundle: String?
        @Option(name: .customLong("billing-id")) var billingID: String?
        @Option(help: "esim or physical (default esim).") var form: String?
        @Option(name: .customLong("network-profile")) var networkProfile: String?
        @Option(help: "ICCID (default: the next available SIM).") var sim: String?
        @Option(help: "E.164 number without + from the reseller's inventory.") var number: String
        @Option(name: .customLong("roaming-policy")) var roamingPolicy: String?
        @Option var pbx: String?
        @Option(name: .customLong("extension")) var extensionNumber: String?
        @Option(name: .customLong("business-number")) var businessNumber: String?
        @Option(name: .customLong("sip-user"), help: "The user part of the SIP address.") var sipUser: String?
        @Option(name: .customLong("pbx-username")) var pbxUsername: String?
        @Flag(name: .customLong("pbx-password-stdin"), help: "Read the PBX password from standard input.") var pbxPasswordStdin = false
        @Option var voice: Switch?
        @Option var data: Switch?
        @Option var messaging: Switch?
        @Option var hotspot: Switch?

        func run() throws {
            var arguments: [String: Any] = [
                "group": group, "name": name, "first-name": firstName, "last-name": lastName, "email": email,
                "home-location": homeLocation, "number": number,
            ]
            arguments["description"] = description
            arguments["bundle"] = bundle
            arguments["billing-id"] = billingID
            arguments["form"] = form
            arguments["network-profile"] = networkProfile
            arguments["sim"] = sim
            arguments["roaming-policy"] = roamingPolicy
            arguments["pbx"] = pbx
            arguments["extension"] = extensionNumber
            arguments["business-number"] = businessNumber
            arguments["sip-user"] = sipUser
            arguments["pbx-username"] = pbxUsername
            arguments["voice"] = voice?.isOn
            arguments["data"] = data?.isOn
            arguments["messaging"] = messaging?.isOn
            arguments["hotspot"] = hotspot?.isOn
            if pbxPasswordStdin {
                var password = String(decoding: try StandardStreams.readInput(), as: UTF8.self)
                while password.last?.isNewline == true { password.removeLast() }
                arguments["pbx-password"] = password
            }
            try Session(global).change("subscriber provision", arguments)
        }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set", abstract: "Change a subscriber's features, bundle or roaming policy.",
            discussion: """
                A terminated subscriber cannot be changed.

                Example:
                  provctl --as alice subscriber set s00002g --hotspot on \\
                      --bundle BUN-USN-RATECARD
                """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The SubUID.") var subUID: String
        @Option var voice: Switch?
        @Option var data: Switch?
        @Option var messaging: Switch?
        @Option var hotspot: Switch?
        @Option var bundle: String?
        @Option(name: .customLong("roaming-policy")) var roamingPolicy: String?

        func run() throws {
            var arguments: [String: Any] = ["subuid": subUID]
            arguments["voice"] = voice?.isOn
            arguments["data"] = data?.isOn
            arguments["messaging"] = messaging?.isOn
            arguments["hotspot"] = hotspot?.isOn
            arguments["bundle"] = bundle
            arguments["roaming-policy"] = roamingPolicy
            try Session(global).change("subscriber set", arguments)
        }
    }

    struct Terminate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "terminate", abstract: "Terminate a subscriber: its SIM is retired and its number quarantined.",
            discussion: """
                The SIM is retired (never reused) and the number quarantined for the quarantine length of \
                the settings. --why other needs --note.

                Example:
                  provctl --as alice subscriber terminate s00002g --why customer-request
                """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The SubUID.") var subUID: String
        @Option(help: "contract-ended, customer-request, non-payment, lost-or-stolen, fraud or other.") var why: String
        @Option(help: "A note (required with --why other).") var note: String?

        func run() throws {
            var arguments: [String: Any] = ["subuid": subUID, "why": why]
            arguments["note"] = note
            try Session(global).change("subscriber terminate", arguments)
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "The Subscriber Summary of guide 13.1.",
            discussion: "Example:\n  provctl subscriber show s00001d")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The SubUID.") var subUID: String

        func run() throws {
            let session = Session(global)
            var subUID: SubUID?
            try session.run { subUID = try SubUID(self.subUID) }
            guard let subUID else { return }
            try Reading(global).show(itemTags: ["subscriber:\(subUID.rawValue)"]) { view, context in
                guard let subscriber = view.subscriber(subUID) else {
                    throw Failure(code: Failure.notFound, "Subscriber \(subUID) does not exist" + (global.at == nil ? ": see provctl subscriber list." : " at that point."))
                }
                guard context.visibility.mayRead(subscriber) else {
                    throw Failure(code: Failure.forbidden, "You may not see subscriber \(subUID): it is outside your scope.")
                }
                return SubscriberSummary(subscriber).rendered
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List subscribers, by group, reseller or status.",
            discussion: "Example:\n  provctl subscriber list --group Audiocodes_Trial_End_Customer")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Only this group's subscribers.") var group: String?
        @Option(help: "Only this reseller's subscribers.") var reseller: String?
        @Option(help: "provisioned or terminated.") var status: String?

        func run() throws {
            try Reading(global).showList(
                kinds: .subscribers, headers: ["SUBUID", "NAME", "NUMBER", "EMAIL", "SIM", "HOME LOCATION", "STATUS"]
            ) { view, context in
                var filter = SubscriberFilter(reseller: try Reading.name(reseller, option: "--reseller"), group: try Reading.name(group, option: "--group"))
                if let status {
                    guard let parsed = SubscriberStatus(rawValue: status.uppercased()) else {
                        throw Failure(code: Failure.usage, "--status '\(status)' is not a subscriber status: use provisioned or terminated.")
                    }
                    filter.status = parsed
                }
                return try view.subscribers(filter).filter(context.visibility.mayRead)
            } row: { subscriber, _ in
                [
                    subscriber.subUID.rawValue, subscriber.name.rawValue, subscriber.number.rawValue,
                    subscriber.email.rawValue, subscriber.iccid.rawValue, subscriber.homeLocation.rawValue,
                    subscriber.status.rawValue,
                ]
            } document: { subscriber, _ in
                SubscriberSummary(subscriber).document
            }
        }
    }
}

/// The Subscriber Summary pane (guide 13.1), as lines and as a JSON document.
struct SubscriberSummary {
    let subscriber: SubscriberRecord

    init(_ subscriber: SubscriberRecord) {
        self.subscriber = subscriber
    }

    /// "Tango Extend" for a subscriber with a PBX line, "Mobile" for a mobile-only one.
    var type: String { subscriber.pbx == nil ? "Mobile" : "Tango Extend" }

    var rendered: (TextTable, JSONValue) {
        let s = subscriber
        var table = TextTable(["FIELD", "VALUE"])
        table.add(["ID", s.subUID.rawValue])
        table.add(["Status", s.status.rawValue])
        table.add(["Type", type])
        table.add(["Home Location", s.homeLocation.rawValue])
        table.add(["Group", s.group.rawValue])
        table.add(["SIM ICCID", s.iccid.rawValue])
        table.add(["SIM Type", "\(s.simForm == .esim ? "eSIM" : "Physical") / \(s.simType.rawValue)"])
        table.add(["Network Profile", s.networkProfile?.rawValue ?? "-"])
        table.add(["Voice", Render.onOff(s.features.voice)])
        table.add(["Data", Render.onOff(s.features.data)])
        table.add(["Messaging", Render.onOff(s.features.messaging)])
        table.add(["Mobile Hotspot", Render.onOff(s.features.hotspot)])
        table.add(["PBX", s.pbx?.pbx.rawValue ?? "-"])
        table.add(["Extension", s.pbx?.extensionNumber?.rawValue ?? "-"])
        table.add(["Business Number", s.pbx?.businessNumber?.rawValue ?? "-"])
        table.add(["Name", s.name.rawValue])
        table.add(["First Name", s.firstName.rawValue])
        table.add(["Last Name", s.lastName.rawValue])
        table.add(["Email", s.email.rawValue])
        table.add(["Number", s.number.rawValue])
        table.add(["Bundle", s.bundle.rawValue])
        table.add(["Roaming Policy", s.roamingPolicy.rawValue])
        if let termination = s.termination {
            table.add(["Terminated", "\(termination.at.iso8601) (\(termination.reason.rawValue))"])
        }
        return (table, document)
    }

    var document: JSONValue {
        let s = subscriber
        return .object([
            ("subuid", .string(s.subUID.rawValue)), ("status", .string(s.status.rawValue)), ("type", .string(type)),
            ("home-location", .string(s.homeLocation.rawValue)), ("group", .string(s.group.rawValue)),
            ("reseller", .string(s.reseller.rawValue)), ("iccid", .string(s.iccid.rawValue)),
            ("sim-type", .string(s.simType.rawValue)), ("sim-form", .string(s.simForm.rawValue)),
            ("network-profile", Render.text(s.networkProfile)),
            ("voice", .bool(s.features.voice)), ("data", .bool(s.features.data)),
            ("messaging", .bool(s.features.messaging)), ("hotspot", .bool(s.features.hotspot)),
            ("pbx", Render.text(s.pbx?.pbx)), ("extension", Render.text(s.pbx?.extensionNumber)),
            ("business-number", Render.text(s.pbx?.businessNumber)), ("sip-user", Render.text(s.pbx?.sipUser)),
            ("pbx-username", Render.text(s.pbx?.username)),
            ("name", .string(s.name.rawValue)), ("first-name", .string(s.firstName.rawValue)),
            ("last-name", .string(s.lastName.rawValue)), ("email", .string(s.email.rawValue)),
            ("description", Render.text(s.description)), ("billing-id", Render.text(s.billingID)),
            ("number", .string(s.number.rawValue)), ("bundle", .string(s.bundle.rawValue)),
            ("roaming-policy", .string(s.roamingPolicy.rawValue)),
            ("provisioned-at", .string(s.provisionedAt.iso8601)),
            ("terminated-at", .optional(s.termination?.at.iso8601)),
            ("termination-reason", .optional(s.termination?.reason.rawValue)),
        ])
    }
}
