import ArgumentParser
import Provisioning
import ReadModels

struct NumbersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "numbers", abstract: "The number inventory (guide 12.1).", subcommands: [Import.self, Release.self, List.self])

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import", abstract: "Import E.164 numbers (without +) into a reseller's inventory.",
            discussion: """
                Numbers are E.164 digits without +, unique in the store; all or nothing.

                Example:
                  provctl --as alice numbers import --reseller Talk_Mail \\
                      18332954090 18332954091
                """)
        @OptionGroup var global: GlobalOptions
        @Option(help: "The reseller.") var reseller: String
        @OptionGroup var list: ListInput
        @Argument(help: "Numbers.") var numbers: [String] = []

        func run() throws {
            let session = Session(global)
            try session.run {
                try session.change("numbers import", ["reseller": reseller, "numbers": try list.items(numbers, what: "number")])
            }
        }
    }

    struct Release: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "release", abstract: "End the quarantine of numbers early.",
            discussion: """
                Only quarantined numbers are released.

                Example:
                  provctl --as alice numbers release 18332954087
                """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Numbers.") var numbers: [String]

        func run() throws {
            try Session(global).change("numbers release", ["numbers": numbers])
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List numbers; a quarantine whose date has passed shows as available.",
            discussion: """
                The status is computed for the time asked (now, or --at): a number whose quarantine has \
                ended is AVAILABLE.

                Example:
                  provctl numbers list --reseller Talk_Mail
                """)
        @OptionGroup var global: GlobalOptions
        @Option(help: "Only this reseller's numbers.") var reseller: String?
        @Option(help: "available, assigned or quarantined.") var status: String?

        func run() throws {
            try Reading(global).showList(
                kinds: [.numbers, .subscribers], headers: ["NUMBER", "RESELLER", "STATUS", "SUBSCRIBER", "QUARANTINED UNTIL"]
            ) { view, context in
                var wanted: NumberStatus?
                if let status {
                    guard let parsed = NumberStatus(rawValue: status.uppercased()) else {
                        throw Failure(code: Failure.usage, "--status '\(status)' is not a number status: use available, assigned or quarantined.")
                    }
                    wanted = parsed
                }
                return try view.numbers(ofReseller: try Reading.name(reseller, option: "--reseller")).filter { number in
                    let group = number.subscriber.flatMap(view.subscriber)?.group
                    return (wanted == nil || number.status(at: context.time) == wanted)
                        && context.visibility.mayRead(number, subscriberGroup: group)
                }
            } row: { number, context in
                let status = number.status(at: context.time)
                return [
                    number.number.rawValue, number.reseller.rawValue, status.rawValue,
                    status == .assigned ? (number.subscriber?.rawValue ?? "-") : "-",
                    status == .quarantined ? (number.quarantinedUntil?.iso8601 ?? "-") : "-",
                ]
            } document: { number, context in
                Render.number(number, at: context.time)
            }
        }
    }
}
