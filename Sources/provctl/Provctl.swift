import ArgumentParser

/// The root of `provctl`: it only lists the subcommands (one file each under Commands/).

struct Provctl: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "provctl",
        abstract: "The back office of a mobile service provider, event-sourced on LMDB.",
        discussion: """
            Every change is recorded as an immutable event in the store's append-only log, with the
            acting user (--as or PROVCTL_USER), the time, a command id and an optional reason.
            Reads take --at POSITION|TIMESTAMP to show the state at a past point.

            Exit codes: 0 done, 64 usage, 65 malformed input, 66 not found, 68 refused by a rule,
            74 store cannot be opened or failed verification, 75 concurrent conflict (retry),
            77 not permitted.
            """,
        subcommands: [
            InitCommand.self, SettingsCommand.self,
            PBXCommand.self, ProductCommand.self, BundleCommand.self, RoamingPolicyCommand.self,
            NetworkProfileCommand.self,
            ResellerCommand.self, GroupCommand.self,
            ProductsCommand.self, BundlesCommand.self, RoamingPoliciesCommand.self, NetworkProfilesCommand.self,
            CatalogCommand.self,
            UserCommand.self, SimsCommand.self, NumbersCommand.self, SubscriberCommand.self, BrandingCommand.self,
            LogCommand.self, AuditCommand.self, ReplayCommand.self, VerifyCommand.self, ExportCommand.self,
            ImportCommand.self, RunCommand.self, StatsCommand.self, SnapshotsCommand.self,
            DemoCommand.self,
        ]
    )
}
