import ArgumentParser
import Provisioning
import ReadModels

struct PBXCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pbx", abstract: "PBXs: inherited by every reseller and group (guide 3).",
        subcommands: [Add.self, List.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add", abstract: "Add a PBX.",
            discussion: """
                A PBX is seen by every reseller and group, always.

                Example:
                  provctl --as mike pbx add CiscoWebex --type cisco-webex \\
                      --home-location GBR --country GBR --domain webex.talkmail.example \\
                      --voicemail-deposit '*79' --voicemail-retrieval '*80'
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The PBX name.") var name: String
        @Option(help: "microsoft-teams, cisco-webex or generic-sip.") var type: String
        @Option(name: .customLong("home-location"), help: "ISO alpha-3 country code, or ALL.") var homeLocation: String
        @Option(help: "ISO alpha-3 country code.") var country: String
        @Option(help: "The SIP domain (mysippbx.com).") var domain: String?
        @Flag(name: .customLong("emergency-callback"), help: "The PBX supports emergency callback.") var emergencyCallback = false
        @Option(name: .customLong("voicemail-deposit"), help: "Voicemail deposit number (*79, 6245).") var voicemailDeposit: String?
        @Option(name: .customLong("voicemail-retrieval"), help: "Voicemail retrieval number.") var voicemailRetrieval: String?

        func run() throws {
            var arguments: [String: Any] = [
                "name": name, "type": type, "home-location": homeLocation, "country": country,
                "emergency-callback": emergencyCallback,
            ]
            arguments["domain"] = domain
            arguments["voicemail-deposit"] = voicemailDeposit
            arguments["voicemail-retrieval"] = voicemailRetrieval
            try Session(global).change("pbx add", arguments)
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List the PBXs.",
            discussion: "Example:\n  provctl pbx list")
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try Reading(global).show { view, _ in
                var table = TextTable(["NAME", "TYPE", "HOME", "COUNTRY", "DOMAIN", "EMERGENCY CALLBACK"])
                let pbxs = try view.pbxs()
                for pbx in pbxs {
                    table.add([
                        pbx.name.rawValue, pbx.type.rawValue, pbx.homeLocation.rawValue, pbx.country.rawValue,
                        pbx.domain?.rawValue ?? "-", pbx.emergencyCallback ? "on" : "off",
                    ])
                }
                return (table, .array(pbxs.map(Render.pbx)))
            }
        }
    }
}

struct ProductCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "product", abstract: "Products of the catalog (guide 6).", subcommands: [Define.self, List.self])

    struct Define: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "define", abstract: "Define a product.",
            discussion: """
                Example:
                  provctl --as mike product define UCW --name "UC Link - Webex" \\
                      --type enterprise
                """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The product code.") var code: String
        @Option(help: "The product name.") var name: String
        @Option(help: "The product type (enterprise).") var type: String

        func run() throws {
            try Session(global).change("product define", ["code": code, "name": name, "type": type])
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List the products.", discussion: "Example:\n  provctl product list")
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try Reading(global).show { view, _ in
                var table = TextTable(["CODE", "NAME", "TYPE"])
                let items = view.catalogCodes(.products).compactMap(view.product)
                for item in items { table.add([item.code.rawValue, item.name.rawValue, item.type.rawValue]) }
                return (table, .array(items.map(Render.product)))
            }
        }
    }
}

struct BundleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bundle", abstract: "Bundles of the catalog (guide 7).", subcommands: [Define.self, List.self])

    struct Define: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "define", abstract: "Define a bundle.",
            discussion: """
                A subscriber's bundle must match its home location.

                Example:
                  provctl --as mike bundle define BUN-UKN-MX10G \\
                      --name "Unlimited Voice and Text, 10GB Data" --home-location GBR \\
                      --description "Mobile-X UK Enterprise subscriber bundle with 10GB data"
                """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The bundle code.") var code: String
        @Option(help: "The bundle name.") var name: String
        @Option(name: .customLong("home-location"), help: "ISO alpha-3 country code.") var homeLocation: String
        @Option(help: "3-100 characters.") var description: String?

        func run() throws {
            var arguments: [String: Any] = ["code": code, "name": name, "home-location": homeLocation]
            arguments["description"] = description
            try Session(global).change("bundle define", arguments)
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List the bundles.", discussion: "Example:\n  provctl bundle list")
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try Reading(global).show { view, _ in
                var table = TextTable(["CODE", "NAME", "HOME", "DESCRIPTION"])
                let items = view.catalogCodes(.bundles).compactMap(view.bundle)
                for item in items {
                    table.add([item.code.rawValue, item.name.rawValue, item.homeLocation.rawValue, item.description?.rawValue ?? "-"])
                }
                return (table, .array(items.map(Render.bundle)))
            }
        }
    }
}

struct RoamingPolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roaming-policy", abstract: "Roaming policies of the catalog (guide 8).",
        subcommands: [Define.self, List.self])

    struct Define: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "define", abstract: "Define a roaming policy.",
            discussion: """
                The home location may be ALL.

                Example:
                  provctl --as mike roaming-policy define PLCY_RMG_EUROPE \\
                      --home-location GBR \\
                      --description "Roaming in Europe only"
                """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The policy name.") var name: String
        @Option(name: .customLong("home-location"), help: "ISO alpha-3 country code, or ALL.") var homeLocation: String
        @Option(help: "3-100 characters.") var description: String?

        func run() throws {
            var arguments: [String: Any] = ["name": name, "home-location": homeLocation]
            arguments["description"] = description
            try Session(global).change("roaming-policy define", arguments)
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List the roaming policies.", discussion: "Example:\n  provctl roaming-policy list")
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try Reading(global).show { view, _ in
                var table = TextTable(["NAME", "TYPE", "HOME", "DESCRIPTION"])
                let items = view.catalogCodes(.roamingPolicies).compactMap(view.roamingPolicy)
                for item in items {
                    table.add([item.name.rawValue, item.type.rawValue, item.homeLocation.rawValue, item.description?.rawValue ?? "-"])
                }
                return (table, .array(items.map(Render.roamingPolicy)))
            }
        }
    }
}

struct NetworkProfileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "network-profile", abstract: "SIM network profiles (guide 9); never inherited.",
        subcommands: [Define.self, List.self])

    struct Define: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "define", abstract: "Define a SIM network profile.",
            discussion: """
                Network profiles are never inherited: assign them to each reseller and group with \
                network-profiles assign.

                Example:
                  provctl --as mike network-profile define Mobile-Y --spn Mobile-Y
                """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The profile name.") var name: String
        @Option(help: "The service provider name shown on the phone (at most 16 characters).") var spn: String

        func run() throws {
            try Session(global).change("network-profile define", ["name": name, "spn": spn])
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List the network profiles.", discussion: "Example:\n  provctl network-profile list")
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try Reading(global).show { view, _ in
                var table = TextTable(["PROFILE", "SPN"])
                let items = view.catalogCodes(.networkProfiles).compactMap(view.networkProfile)
                for item in items { table.add([item.name.rawValue, item.spn.rawValue]) }
                return (table, .array(items.map(Render.networkProfile)))
            }
        }
    }
}
