import ArgumentParser
import Provisioning
import ReadModels

struct ResellerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reseller", abstract: "Resellers: the channels (guide 4).", subcommands: [Create.self, List.self, Show.self])

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create", abstract: "Create a reseller.",
            discussion: """
                Inherit configuration is on unless --no-inherit-configuration: the reseller sees the \
                distributor's products, bundles and roaming policies, live. --home-location, --country and \
                --address1 are required unless --inherit-data copies the distributor's.

                Example:
                  provctl --as mike reseller create Contoso_Mobile --home-location GBR \\
                      --country GBR --address1 "2 Kingdom St" --city London \\
                      --description "Contoso Mobile Ltd"
                """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The reseller's billing identifier (no spaces).") var name: String
        @Option(name: .customLong("home-location"), help: "ISO alpha-3 codes, comma separated (required unless --inherit-data).")
        var homeLocation: String?
        @Option(help: "ISO alpha-3 country code (required unless --inherit-data).") var country: String?
        @Option(help: "Address line 1 (required unless --inherit-data).") var address1: String?
        @Option(help: "Address line 2.") var address2: String?
        @Option(help: "Town or city.") var city: String?
        @Option(help: "County or state.") var state: String?
        @Option(help: "The company's name, 3-100 characters.") var description: String?
        @Flag(name: .customLong("no-inherit-configuration"), help: "Start with empty catalog sets.") var noInheritConfiguration = false
        @Flag(name: .customLong("inherit-data"), help: "Copy the distributor's home location, address and contact data.") var inheritData = false

        func run() throws {
            var arguments: [String: Any] = [
                "name": name, "no-inherit-configuration": noInheritConfiguration, "inherit-data": inheritData,
            ]
            arguments["home-location"] = homeLocation
            arguments["country"] = country
            arguments["address1"] = address1
            arguments["address2"] = address2
            arguments["city"] = city
            arguments["state"] = state
            arguments["description"] = description
            try Session(global).change("reseller create", arguments)
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List the resellers.", discussion: """
                GROUPS is the number of groups of each reseller.

                Example:
                  provctl reseller list
                """)
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try Reading(global).show { view, context in
                var table = TextTable(["NAME", "DESCRIPTION", "HOME LOCATION", "GROUPS"])
                let resellers = try view.resellers().filter { context.visibility.mayRead(reseller: $0.name) }
                for reseller in resellers {
                    table.add([
                        reseller.name.rawValue, reseller.description?.rawValue ?? "-",
                        reseller.homeLocations.map(\.rawValue).joined(separator: ","),
                        String(view.groupNames(ofReseller: reseller.name).count),
                    ])
                }
                return (table, .array(resellers.map { Render.reseller($0) }))
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "Show one reseller: address, catalog choices, branding and counts.",
            discussion: """
                SIMs counts the reseller's SIMs by status; Subscribers counts those provisioned.

                Example:
                  provctl reseller show Talk_Mail
                """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The reseller's name.") var name: String

        func run() throws {
            try Reading(global).show { view, context in
                let name = try Name(name)
                guard let reseller = view.reseller(name) else {
                    throw Failure(code: Failure.notFound, "Reseller \(name) does not exist: see provctl reseller list.")
                }
                guard context.visibility.mayRead(reseller: name) else {
                    throw Failure(code: Failure.forbidden, "You may not see reseller \(name): it is not your reseller.")
                }
                let sims = try view.sims(SIMFilter(reseller: name))
                let numbers = try view.numbers(ofReseller: name)
                let subscribers = try view.subscribers(SubscriberFilter(reseller: name))
                var table = TextTable(["FIELD", "VALUE"])
                table.add(["Name", reseller.name.rawValue])
                table.add(["Description", reseller.description?.rawValue ?? "-"])
                table.add(["Home location", reseller.homeLocations.map(\.rawValue).joined(separator: ",")])
                table.add(["Country", reseller.country.rawValue])
                table.add(["Address", reseller.address.rendered])
                table.add(["Groups", view.groupNames(ofReseller: name).map(\.rawValue).joined(separator: ", ")])
                table.add(["Products", reseller.catalog.products.rendered])
                table.add(["Bundles", reseller.catalog.bundles.rendered])
                table.add(["Roaming policies", reseller.catalog.roamingPolicies.rendered])
                table.add(["Network profiles", CatalogSelection.explicit(reseller.catalog.networkProfiles).rendered])
                table.add(["Default bundle", reseller.catalog.defaultBundle?.rawValue ?? "-"])
                table.add(["Default network profile", reseller.catalog.defaultNetworkProfile?.rawValue ?? "-"])
                table.add(["Product name", reseller.branding.productName?.rawValue ?? "-"])
                table.add(["Support email", reseller.branding.supportEmail?.rawValue ?? "-"])
                let counts = Counts.sims(sims) + [
                    ("numbers", .int(Int64(numbers.count))),
                    ("subscribers", .int(Int64(subscribers.filter { $0.status == .provisioned }.count))),
                ]
                table.add(["SIMs", Counts.simLine(sims)])
                table.add(["Numbers", String(numbers.count)])
                table.add(["Subscribers", String(subscribers.filter { $0.status == .provisioned }.count)])
                return (table, Render.reseller(reseller, counts: counts))
            }
        }
    }
}

/// Counts for the reseller and group views.
enum Counts {
    static func sims(_ sims: [SIMRecord]) -> [(String, JSONValue)] {
        SIMStatus.allCases.map { status in
            ("sims-\(status.rawValue.lowercased())", .int(Int64(sims.filter { $0.status == status }.count)))
        }
    }

    static func simLine(_ sims: [SIMRecord]) -> String {
        SIMStatus.allCases.map { status in "\(status.rawValue) \(sims.filter { $0.status == status }.count)" }
            .joined(separator: ", ")
    }
}

struct GroupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "group", abstract: "Customer groups: one Teams tenant each (guide 5).",
        subcommands: [Create.self, List.self, Show.self, Set.self])

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create", abstract: "Create a customer group under a reseller.",
            discussion: """
                --domain is the customer's Microsoft Teams tenant id (a GUID). --home-location is required \
                unless --inherit-data copies the reseller's. A reseller user may create groups of its own \
                reseller only.

                Example:
                  provctl --as liziya group create Contoso_Sales --reseller Talk_Mail \\
                      --domain 6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b --home-location USA \\
                      --limit-sim-access --description "Contoso sales team"
                """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The group's billing identifier (no spaces).") var name: String
        @Option(help: "The reseller the group belongs to.") var reseller: String
        @Option(help: "The customer's Azure AD tenant id (a GUID).") var domain: String
        @Option(name: .customLong("home-location"), help: "ISO alpha-3 codes, comma separated (required unless --inherit-data).")
        var homeLocation: String?
        @Option(name: .customLong("enterprise-number"), help: "E.164 number without +.") var enterpriseNumber: String?
        @Flag(name: .customLong("limit-sim-access"), help: "Provision only with SIMs allocated to the group.") var limitSIMAccess = false
        @Option(help: "The company's name, 3-100 characters.") var description: String?
        @Flag(name: .customLong("no-inherit-configuration"), help: "Start with empty catalog sets.") var noInheritConfiguration = false
        @Flag(name: .customLong("inherit-data"), help: "Copy the reseller's home location, address and contact data.") var inheritData = false

        func run() throws {
            var arguments: [String: Any] = [
                "name": name, "reseller": reseller, "domain": domain,
                "limit-sim-access": limitSIMAccess, "no-inherit-configuration": noInheritConfiguration,
                "inherit-data": inheritData,
            ]
            arguments["home-location"] = homeLocation
            arguments["enterprise-number"] = enterpriseNumber
            arguments["description"] = description
            try Session(global).change("group create", arguments)
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List the groups, of one reseller or all.",
            discussion: "Example:\n  provctl group list --reseller Talk_Mail")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Only this reseller's groups.") var reseller: String?

        func run() throws {
            try Reading(global).show { view, context in
                let groups = try view.groups(ofReseller: try Reading.name(reseller, option: "--reseller"))
                    .filter { context.visibility.mayRead(group: $0.name, ofReseller: $0.reseller) }
                var table = TextTable(["NAME", "RESELLER", "DESCRIPTION", "HOME LOCATION", "LIMIT SIM ACCESS"])
                for group in groups {
                    table.add([
                        group.name.rawValue, group.reseller.rawValue, group.description?.rawValue ?? "-",
                        group.homeLocations.map(\.rawValue).joined(separator: ","), group.limitSIMAccess ? "on" : "off",
                    ])
                }
                return (table, .array(groups.map { Render.group($0) }))
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "Show one group: domain, SIM settings, catalog choices and counts.",
            discussion: "Example:\n  provctl group show Audiocodes_Trial_End_Customer")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The group's name.") var name: String

        func run() throws {
            try Reading(global).show { view, context in
                let name = try Name(name)
                guard let group = view.group(name) else {
                    throw Failure(code: Failure.notFound, "Group \(name) does not exist: see provctl group list.")
                }
                guard context.visibility.mayRead(group: name, ofReseller: group.reseller) else {
                    throw Failure(code: Failure.forbidden, "You may not see group \(name): it is outside your scope.")
                }
                let sims = try view.sims(SIMFilter(group: name))
                let subscribers = try view.subscribers(SubscriberFilter(group: name))
                var table = TextTable(["FIELD", "VALUE"])
                table.add(["Name", group.name.rawValue])
                table.add(["Reseller", group.reseller.rawValue])
                table.add(["Description", group.description?.rawValue ?? "-"])
                table.add(["Domain", group.domain.rawValue])
                table.add(["Enterprise number", group.enterpriseNumber?.rawValue ?? "-"])
                table.add(["Home location", group.homeLocations.map(\.rawValue).joined(separator: ",")])
                table.add(["Limit SIM access", group.limitSIMAccess ? "on" : "off"])
                table.add(["Products", group.catalog.products.rendered])
                table.add(["Bundles", group.catalog.bundles.rendered])
                table.add(["Roaming policies", group.catalog.roamingPolicies.rendered])
                table.add(["Network profiles", CatalogSelection.explicit(group.catalog.networkProfiles).rendered])
                table.add(["Default bundle", group.catalog.defaultBundle?.rawValue ?? "-"])
                table.add(["Default network profile", group.catalog.defaultNetworkProfile?.rawValue ?? "-"])
                table.add(["Default roaming policy", group.catalog.defaultRoamingPolicy?.rawValue ?? "-"])
                table.add(["SIMs", Counts.simLine(sims)])
                let active = subscribers.filter { $0.status == .provisioned }.count
                table.add(["Subscribers", String(active)])
                let counts = Counts.sims(sims) + [("subscribers", .int(Int64(active)))]
                return (table, Render.group(group, counts: counts))
            }
        }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set", abstract: "Change a group's SIM settings.",
            discussion: """
                With limit SIM access on, the group provisions only with SIMs allocated to it; off (the \
                default), SIMs reserved to its reseller may be used too.

                Example:
                  provctl --as liziya group set Contoso_Sales --limit-sim-access off
                """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The group's name.") var name: String
        @Option(name: .customLong("limit-sim-access"), help: "on: provision only with allocated SIMs.") var limitSIMAccess: Switch

        func run() throws {
            try Session(global).change("group set", ["name": name, "limit-sim-access": limitSIMAccess.isOn])
        }
    }
}
