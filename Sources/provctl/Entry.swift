import ArgumentParser
/// The process entry: global options may come before the subcommand
/// (`provctl --store S --as mike sims list`) or after it; ArgumentParser reads them on
/// the leaf command, so those given first are moved to the end.
@main
enum Entry {
    static func main() {
        Provctl.main(GlobalOptions.movedAfterSubcommand(Array(CommandLine.arguments.dropFirst())))
    }
}

extension GlobalOptions {
    /// Options that take a value, and flags, of the global group.
    static let valued: Set<String> = ["--store", "--as", "--at", "--command-id", "--reason", "--correlation-id"]
    static let flags: Set<String> = ["--json"]

    static func movedAfterSubcommand(_ arguments: [String]) -> [String] {
        var leading: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            let name = argument.split(separator: "=", maxSplits: 1).first.map(String.init) ?? argument
            if flags.contains(argument) || (valued.contains(name) && argument.contains("=")) {
                leading.append(argument)
                index += 1
            } else if valued.contains(argument), index + 1 < arguments.count {
                leading += [argument, arguments[index + 1]]
                index += 2
            } else {
                break
            }
        }
        return Array(arguments[index...]) + leading
    }
}
