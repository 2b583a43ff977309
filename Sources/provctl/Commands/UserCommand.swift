import ArgumentParser
import Provisioning
import ReadModels

struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Control Panel users and their roles (guide 10).", subcommands: [Add.self, List.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add", abstract: "Add a user with a role and its scope.",
            discussion: """
                Roles: distributor; reseller, reseller-downgraded and reseller-subs-view-only (with \
                --reseller); multi-customer (with one or more --group); customer (with one --group). A \
                reseller user adds users of its own reseller.

                Example:
                  provctl --as liziya user add alice --name "Alice Jones" \\
                      --email alice@talkmail.example --role reseller --reseller Talk_Mail
                """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The username.") var username: String
        @Option(help: "The user's full name.") var name: String
        @Option(help: "The user's email.") var email: String
        @Option(help: "The role.") var role: String
        @Option(help: "The reseller of a reseller-bound role.") var reseller: String?
        @Option(help: "A group of a customer or multi-customer user (repeat for several).") var group: [String] = []

        func run() throws {
            var arguments: [String: Any] = ["username": username, "name": name, "email": email, "role": role]
            arguments["reseller"] = reseller
            if !group.isEmpty { arguments["group"] = group }
            try Session(global).change("user add", arguments)
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List the users.", discussion: """
                SCOPE is the user's reseller, or its groups.

                Example:
                  provctl user list
                """)
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try Reading(global).show { view, context in
                let users = try view.users().filter(context.visibility.mayRead)
                var table = TextTable(["USERNAME", "NAME", "EMAIL", "ROLE", "SCOPE"])
                for user in users {
                    let scope = user.groups.isEmpty ? (user.reseller?.rawValue ?? "-") : user.groups.map(\.rawValue).joined(separator: ",")
                    table.add([user.username.rawValue, user.name.rawValue, user.email.rawValue, user.role.rawValue, scope])
                }
                return (table, .array(users.map(Render.user)))
            }
        }
    }
}
