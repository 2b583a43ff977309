import ArgumentParser
import Engine

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create the store, its distributor and the distributor's first user.",
        discussion: """
            The first user gets the role distributor; every later change names the user who acts (--as \
            or PROVCTL_USER). The distributor's home locations, country and address are optional here; a \
            reseller created with --inherit-data copies them.

            Example:
              provctl --store ./store init --distributor AudioCodes --admin mike \\
                  --admin-email Mike.Dubb@audiocodes.com --admin-name "Mike Dubb" \\
                  --home-location GBR,USA --country USA --address1 "80 Kingsbridge Rd"
            """)

    @OptionGroup var global: GlobalOptions
    @Option(help: "The distributor's name (a billing identifier: letters, digits, _ - .).") var distributor: String
    @Option(help: "The first user's username.") var admin: String
    @Option(name: .customLong("admin-email"), help: "The first user's email.") var adminEmail: String
    @Option(name: .customLong("admin-name"), help: "The first user's full name.") var adminName: String?
    @Option(name: .customLong("home-location"), help: "The distributor's home locations: ISO alpha-3 codes, comma separated.")
    var homeLocation: String?
    @Option(help: "The distributor's country (ISO alpha-3).") var country: String?
    @Option(help: "Address line 1.") var address1: String?
    @Option(help: "Address line 2.") var address2: String?
    @Option(help: "Town or city.") var city: String?
    @Option(help: "County or state.") var state: String?
    @Option(name: .customLong("snapshot-every"), help: "Take a snapshot of the whole state every N events (0: never; see provctl snapshots).")
    var snapshotEvery: UInt64?

    func run() throws {
        var arguments: [String: Any] = ["distributor": distributor, "admin": admin, "admin-email": adminEmail]
        arguments["admin-name"] = adminName
        arguments["home-location"] = homeLocation
        arguments["country"] = country
        arguments["address1"] = address1
        arguments["address2"] = address2
        arguments["city"] = city
        arguments["state"] = state
        let session = Session(global)
        try session.change("init", arguments)
        // Store metadata, set once the store exists (a refused init leaves nothing behind).
        if let snapshotEvery {
            try session.run { try session.openEngine().setSnapshotInterval(snapshotEvery) }
        }
    }
}

struct SettingsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "settings", abstract: "Store-wide settings of the distributor.", subcommands: [Set.self])

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Change the number quarantine length or the SM-DP+ address.",
            discussion: """
                Only the given settings change. A new quarantine length applies to numbers quarantined from \
                then on.

                Example:
                  provctl --as mike settings set --number-quarantine-days 30
                """)

        @OptionGroup var global: GlobalOptions
        @Option(name: .customLong("number-quarantine-days"), help: "Days a number stays quarantined after termination (default 45).")
        var numberQuarantineDays: Int?
        @Option(name: .customLong("smdp-address"), help: "The SM-DP+ server of the eSIM activation codes.") var smdpAddress: String?

        func run() throws {
            var arguments: [String: Any] = [:]
            arguments["number-quarantine-days"] = numberQuarantineDays
            arguments["smdp-address"] = smdpAddress
            try Session(global).change("settings set", arguments)
        }
    }
}
