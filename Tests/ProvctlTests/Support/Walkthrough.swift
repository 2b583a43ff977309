import Foundation
import TestSupport

/// The guide's walkthrough (`Fixtures/walkthrough.jsonl`), each line turned into the
/// `provctl` invocation an operator would type: the command's words, its positional
/// arguments, its options, `--as`, `--command-id`, `--reason`; a PBX password on
/// standard input; a book-in with IMSIs and activation codes as a `--file`.
struct CLIInvocation {
    var arguments: [String]
    var user: String?
    var stdin: String?
    var files: [String: String] = [:]
}

/// The shared walkthrough store's directory, removed when the test process exits.
nonisolated(unsafe) private var sharedWalkthroughPath: String?

enum Walkthrough {
    static let fixture = ProvctlProcess.projectDirectory.appendingPathComponent("Fixtures/walkthrough.jsonl").path

    static func lines() throws -> [[String: Any]] {
        let text = try String(contentsOfFile: fixture, encoding: .utf8)
        return try text.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
        }
    }

    /// Keys that are positional arguments on the command line, in order of preference.
    static let positionalKeys = ["username", "codes", "code", "iccids", "numbers", "subuid"]
    /// Commands whose `name` is positional (elsewhere `--name` is an option).
    static let positionalName: Set<String> = [
        "pbx add", "roaming-policy define", "network-profile define", "reseller create", "group create", "group set",
    ]
    /// Options that take `on|off` rather than being flags.
    static let switches: Set<String> = ["voice", "data", "messaging", "hotspot"]

    /// The CLI invocation of one fixture line; `directory` receives any file it needs.
    static func invocation(_ line: [String: Any], index: Int, directory: String) throws -> CLIInvocation {
        let command = line["command"] as! String
        var args = line["args"] as? [String: Any] ?? [:]
        var invocation = CLIInvocation(arguments: command.split(separator: " ").map(String.init))
        invocation.user = line["as"] as? String
        for key in ["command-id", "reason", "correlation-id"] {
            if let value = line[key] as? String { invocation.arguments += ["--\(key)", value] }
        }
        var positional: [String] = []
        if let key = positionalKeys.first(where: { args[$0] != nil }) ?? (positionalName.contains(command) ? "name" : nil) {
            let value = args.removeValue(forKey: key)
            if let items = value as? [Any], items.contains(where: { $0 is [String: Any] }) {
                // ICCID,IMSI,ACTIVATION-CODE lines of a shipment file.
                let text = items.map { item -> String in
                    guard let object = item as? [String: Any] else { return item as! String }
                    return [object["iccid"], object["imsi"], object["activation-code"]]
                        .map { ($0 as? String) ?? "" }.joined(separator: ",")
                }.joined(separator: "\n") + "\n"
                let file = directory + "/walkthrough-\(index).csv"
                invocation.files[file] = text
                invocation.arguments += ["--file", file]
            } else if let items = value as? [String] {
                positional = items
            } else if let item = value as? String {
                positional = [item]
            }
        }
        if let password = args.removeValue(forKey: "pbx-password") as? String {
            invocation.stdin = password + "\n"
            invocation.arguments.append("--pbx-password-stdin")
        }
        for key in args.keys.sorted() {
            let value = args[key]!
            let isSwitch = switches.contains(key) || (command == "group set" && key == "limit-sim-access")
            switch value {
            case let number as NSNumber where String(cString: number.objCType) == "c":
                if isSwitch {
                    invocation.arguments += ["--\(key)", number.boolValue ? "on" : "off"]
                } else if number.boolValue {
                    invocation.arguments.append("--\(key)")
                }
            case let number as NSNumber:
                invocation.arguments += ["--\(key)", number.stringValue]
            case let string as String:
                invocation.arguments += ["--\(key)", string]
            case let list as [String]:
                for item in list { invocation.arguments += ["--\(key)", item] }
            default:
                throw UnsupportedArgument(command: command, key: key)
            }
        }
        invocation.arguments += positional
        return invocation
    }

    struct UnsupportedArgument: Error {
        var command: String
        var key: String
    }

    /// Applies the whole fixture to `store` through the CLI, one process a line;
    /// returns each line's result.
    @discardableResult
    static func apply(to store: String) throws -> [(CLIInvocation, ProvctlProcess.Result)] {
        let provctl = ProvctlProcess(store: store)
        let scratch = TemporaryDirectory("walkthrough-files")
        try FileManager.default.createDirectory(atPath: scratch.path, withIntermediateDirectories: true)
        var results: [(CLIInvocation, ProvctlProcess.Result)] = []
        for (index, line) in try lines().enumerated() {
            let invocation = try invocation(line, index: index + 1, directory: scratch.path)
            for (path, text) in invocation.files { try text.write(toFile: path, atomically: false, encoding: .utf8) }
            let result = try provctl.run(invocation.arguments, as: invocation.user, stdin: invocation.stdin)
            results.append((invocation, result))
            if result.status != 0 { break }
        }
        return results
    }

    /// One walkthrough store per test process, built through the CLI the first time it
    /// is asked for; tests that change a store work on a copy.
    static let shared: Result<String, any Error> = Result {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("provctl-walkthrough-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)").path
        sharedWalkthroughPath = directory
        atexit { if let path = sharedWalkthroughPath { try? FileManager.default.removeItem(atPath: path) } }
        let results = try apply(to: directory)
        if let failed = results.first(where: { $0.1.status != 0 }) {
            throw WalkthroughFailed(invocation: failed.0, result: failed.1)
        }
        return directory
    }

    struct WalkthroughFailed: Error, CustomStringConvertible {
        var invocation: CLIInvocation
        var result: ProvctlProcess.Result
        var description: String { "provctl \(invocation.arguments.joined(separator: " ")) failed: \(result)" }
    }

    /// A private copy of the shared walkthrough store, removed with the returned directory.
    static func copy() throws -> TemporaryDirectory {
        let source = try shared.get()
        let copy = TemporaryDirectory("walkthrough-copy")
        try FileManager.default.createDirectory(atPath: copy.path, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: source + "/data.mdb", toPath: copy.path + "/data.mdb")
        return copy
    }

    /// The SubUID the walkthrough gives Adele Vance (made from the log position).
    static let adele = "s00001d"
}
