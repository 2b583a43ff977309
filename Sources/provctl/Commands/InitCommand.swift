import ArgumentParser

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create the store, its distributor and the distributor's first user.",
        discussion: """
            The first user gets the role distributor; every later change acts as a named user (--as).

            Example:
              provctl --store ./store init --distributor AudioCodes --admin mike --admin-email mike@audiocodes.com --admin-name "Mike Smith"
            """)

    @OptionGroup var global: GlobalOptions
    @Option(help: "The distributor's name (a billing identifier: letters, digits, _ - .).") var distributor: String
    @Option(help: "The first user's username.") var admin: String
    @Option(name: .customLong("admin-email"), help: "The first user's email.") var adminEmail: String
    @Option(name: .customLong("admin-name"), help: "The first user's full name.") var adminName: String?

    func run() throws {
        var arguments: [String: Any] = ["distributor": distributor, "admin": admin, "admin-email": adminEmail]
        arguments["admin-name"] = adminName
        try Session(global).change("init", arguments)
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
                Example:
                  provctl --as mike settings set --number-quarantine-days 45 --smdp-address smdp.example.com
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
