import ArgumentParser
import Provisioning
import ReadModels

/// `--reseller NAME | --group NAME`: the level a catalog choice applies to.
struct LevelOptions: ParsableArguments {
    @Option(help: "The reseller to change.") var reseller: String?
    @Option(help: "The group to change.") var group: String?

    func validate() throws {
        guard (reseller == nil) != (group == nil) else {
            throw ValidationError("Give exactly one of --reseller NAME or --group NAME.")
        }
    }

    func arguments() -> [String: Any] {
        var arguments: [String: Any] = [:]
        arguments["reseller"] = reseller
        arguments["group"] = group
        return arguments
    }
}

/// `products assign`, `bundles assign`, `roaming-policies assign`: an explicit set, or back to inherit.
struct AssignOptions: ParsableArguments {
    @OptionGroup var level: LevelOptions
    @Argument(help: "The codes to assign (replacing inheritance at this level).") var codes: [String] = []
    @Flag(help: "Follow the parent again.") var inherit = false

    func validate() throws {
        guard codes.isEmpty == inherit else {
            throw ValidationError("Give the codes to assign, or --inherit, not both.")
        }
    }

    func arguments() -> [String: Any] {
        var arguments = level.arguments()
        if inherit { arguments["inherit"] = true } else { arguments["codes"] = codes }
        return arguments
    }
}

struct ProductsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "products", abstract: "Which products a reseller or group has (guide 6).", subcommands: [Assign.self])

    struct Assign: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "assign", abstract: "Assign products to a reseller or group, or set it back to inherit.",
            discussion: """
                Only the distributor assigns to a reseller; a reseller user assigns to its groups. An \
                explicit set must be a subset of what the parent offers; --inherit follows the parent again.

                Example:
                  provctl --as mike products assign --reseller Talk_Mail UCC
                """)
        @OptionGroup var global: GlobalOptions
        @OptionGroup var assignment: AssignOptions
        func run() throws { try Session(global).change("products assign", assignment.arguments()) }
    }
}

struct BundlesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bundles", abstract: "Which bundles a reseller or group has, and its default (guide 7).",
        subcommands: [Assign.self, Default.self])

    struct Assign: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "assign", abstract: "Assign bundles to a reseller or group, or set it back to inherit.",
            discussion: """
                An explicit set replaces inheritance at this level; --inherit follows the parent again. \
                Removing the default bundle clears the default.

                Example:
                  provctl --as liziya bundles assign --group Contoso_Sales \\
                      BUN-USN-RATECARD BUN-USN-MX2G
                """)
        @OptionGroup var global: GlobalOptions
        @OptionGroup var assignment: AssignOptions
        func run() throws { try Session(global).change("bundles assign", assignment.arguments()) }
    }

    struct Default: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "default", abstract: "Make a bundle the default of a reseller or group.",
            discussion: """
                The default must be among the bundles the level has.

                Example:
                  provctl --as liziya bundles default --group Contoso_Sales BUN-USN-MX2G
                """)
        @OptionGroup var global: GlobalOptions
        @OptionGroup var level: LevelOptions
        @Argument(help: "The bundle code.") var code: String
        func run() throws {
            var arguments = level.arguments()
            arguments["code"] = code
            try Session(global).change("bundles default", arguments)
        }
    }
}

struct RoamingPoliciesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roaming-policies", abstract: "Which roaming policies a reseller or group has (guide 8).",
        subcommands: [Assign.self, Default.self])

    struct Assign: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "assign", abstract: "Assign roaming policies to a reseller or group, or set it back to inherit.",
            discussion: """
                An explicit set replaces inheritance at this level; --inherit follows the parent again.

                Example:
                  provctl --as mike roaming-policies assign --reseller Talk_Mail \\
                      PLCY_RMG_UNRESTRICTED
                """)
        @OptionGroup var global: GlobalOptions
        @OptionGroup var assignment: AssignOptions
        func run() throws { try Session(global).change("roaming-policies assign", assignment.arguments()) }
    }

    struct Default: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "default", abstract: "Set a group's default roaming policy (guide 8.1).",
            discussion: """
                Only groups have a default roaming policy; it must be among the policies the group has.

                Example:
                  provctl --as liziya roaming-policies default --group Contoso_Sales \\
                      PLCY_RMG_UNRESTRICTED
                """)
        @OptionGroup var global: GlobalOptions
        @Option(help: "The group.") var group: String
        @Argument(help: "The roaming policy.") var policy: String
        func run() throws {
            try Session(global).change("roaming-policies default", ["group": group, "code": policy])
        }
    }
}

struct NetworkProfilesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "network-profiles", abstract: "Which SIM network profiles a reseller or group has (guide 9).",
        subcommands: [Assign.self, Default.self])

    struct Assign: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "assign", abstract: "Assign network profiles (never inherited).",
            discussion: """
                Network profiles are never inherited: a reseller has those assigned to it, a group a subset \
                of its reseller's.

                Example:
                  provctl --as liziya network-profiles assign --group Contoso_Sales Mobile-X
                """)
        @OptionGroup var global: GlobalOptions
        @OptionGroup var level: LevelOptions
        @Argument(help: "The profile names.") var names: [String]
        func run() throws {
            var arguments = level.arguments()
            arguments["codes"] = names
            try Session(global).change("network-profiles assign", arguments)
        }
    }

    struct Default: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "default", abstract: "Make a network profile the default of a reseller or group.",
            discussion: "Example:\n  provctl --as liziya network-profiles default --group Contoso_Sales Mobile-X")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var level: LevelOptions
        @Argument(help: "The profile name.") var name: String
        func run() throws {
            var arguments = level.arguments()
            arguments["code"] = name
            try Session(global).change("network-profiles default", arguments)
        }
    }
}

struct CatalogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog", abstract: "What a reseller or group holds of the catalog.", subcommands: [Show.self])

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "Every catalog item a level has, and where it comes from.",
            discussion: """
                SOURCE is 'inherited' (from the parent, live), 'assigned' (an explicit set at this level) or \
                'always' (PBXs, which every level has); DEFAULT marks the level's defaults.

                Example:
                  provctl catalog show --group Contoso_Sales
                """)
        @OptionGroup var global: GlobalOptions
        @OptionGroup var level: LevelOptions

        func run() throws {
            try Reading(global).show { view, context in
                let catalogLevel: CatalogLevel
                let choices: CatalogChoices
                if let name = try Reading.name(level.group, option: "--group") {
                    guard let group = view.group(name) else {
                        throw Failure(code: Failure.notFound, "Group \(name) does not exist: see provctl group list.")
                    }
                    guard context.visibility.mayRead(group: name, ofReseller: group.reseller) else {
                        throw Failure(code: Failure.forbidden, "You may not see group \(name): it is outside your scope.")
                    }
                    catalogLevel = .group(name)
                    choices = group.catalog
                } else {
                    let name = try Reading.name(level.reseller ?? "", option: "--reseller")
                    guard let reseller = view.reseller(name) else {
                        throw Failure(code: Failure.notFound, "Reseller \(name) does not exist: see provctl reseller list.")
                    }
                    guard context.visibility.mayRead(reseller: name) else {
                        throw Failure(code: Failure.forbidden, "You may not see reseller \(name): it is not your reseller.")
                    }
                    catalogLevel = .reseller(name)
                    choices = reseller.catalog
                }
                var table = TextTable(["KIND", "ITEM", "SOURCE", "DEFAULT"])
                var items: [JSONValue] = []
                func add(_ kind: String, _ code: String, _ source: String, _ isDefault: Bool) {
                    table.add([kind, code, source, isDefault ? "yes" : ""])
                    items.append(.object([
                        ("kind", .string(kind)), ("item", .string(code)), ("source", .string(source)),
                        ("default", .bool(isDefault)),
                    ]))
                }
                for pbx in try view.pbxs() { add("pbx", pbx.name.rawValue, "always", false) }
                for kind in CatalogKind.allCases {
                    let source: String
                    if kind.isInheritable, case .inherit = choices.selection(kind) { source = "inherited" } else { source = "assigned" }
                    let defaultCode: CatalogCode? =
                        switch kind {
                        case .bundles: choices.defaultBundle
                        case .networkProfiles: choices.defaultNetworkProfile
                        case .roamingPolicies: choices.defaultRoamingPolicy
                        case .products: nil
                        }
                    for code in view.effectiveCatalog(catalogLevel, kind) {
                        add(kind.singular, code.rawValue, source, code == defaultCode)
                    }
                }
                return (table, .object([
                    ("level", .string(level.group.map { "group:\($0)" } ?? "reseller:\(level.reseller ?? "")")),
                    ("items", .array(items)),
                ]))
            }
        }
    }
}
