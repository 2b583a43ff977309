import Foundation
import Testing
import TestSupport

/// Reliability, bad input item 7: the corpus of `Fixtures/bad-input/`, one file per
/// parser, each case with the exit code and message provctl gives. The test runs every
/// case through the built binary and compares the whole file, so a changed message
/// shows as a diff of that file. Each case must be refused (64 or 65, one line on
/// standard error, or ArgumentParser's usage message) and record nothing. To accept new messages deliberately:
/// `PROVCTL_REFRESH_BAD_INPUT=1 swift test --skip-build --filter BadInputCorpusTests`,
/// then review `git diff Fixtures/bad-input`.
@Suite("Bad input: the corpus of Fixtures/bad-input")
struct BadInputCorpusTests {
    static let refresh = ProcessInfo.processInfo.environment["PROVCTL_REFRESH_BAD_INPUT"] != nil

    /// The walkthrough's export, for `{line N}` and `{record N}` in import cases.
    static let export: Result<[String], any Error> = Result {
        let result = try ProvctlProcess(store: try Walkthrough.shared.get()).run(["export"])
        return result.stdout.split(separator: "\n").map(String.init)
    }

    @Test("each case gives the message the corpus expects and records nothing", arguments: try BadInputCorpus.files)
    func corpus(_ name: String) throws {
        let corpus = try BadInputCorpus(named: name)
        try #require(!corpus.command.isEmpty && !corpus.cases.isEmpty, "\(name) has no command: or no cases")
        let scratch = TemporaryDirectory("bad-input-files")
        try FileManager.default.createDirectory(atPath: scratch.path, withIntermediateDirectories: true)
        let walkthrough = corpus.store == "walkthrough" ? try Walkthrough.copy() : nil
        let shared = walkthrough.map { ProvctlProcess(store: $0.path) }
        let before = try shared?.dump()

        var answers: [String] = []
        for (index, (input, _)) in corpus.cases.enumerated() {
            let bytes = try Self.expand(BadInputCorpus.bytes(input))
            let file = scratch.path + "/case-\(index + 1)"
            let fileBytes = corpus.fileTemplate.map { Self.replacing(BadInputCorpus.bytes($0), "{input}", with: bytes) } ?? bytes
            try Data(fileBytes).write(to: URL(fileURLWithPath: file))
            let store = shared?.store ?? scratch.path + "/store-\(index + 1)"
            let provctl = shared ?? ProvctlProcess(store: store)

            var arguments: [String] = []
            for word in Self.words(corpus.command) {
                if word == "{input}" {
                    guard let text = String(validating: bytes, as: UTF8.self), !bytes.contains(0) else {
                        Issue.record("\(name): \(input) cannot be a command-line argument (NUL or invalid UTF-8): use a file")
                        continue
                    }
                    arguments.append(text)
                } else {
                    arguments.append(word.replacingOccurrences(of: "{file}", with: file))
                }
            }
            let result = try provctl.run(arguments, as: corpus.user)
            answers.append(BadInputCorpus.answer(
                status: result.status, stderr: result.stderr, replacing: [(file, "<file>"), (store, "<store>")]))

            #expect([64, 65].contains(result.status), "\(name): \(input) gave \(result)")
            // A command line that does not parse at all is ArgumentParser's usage message (64).
            let usage = result.status == 64 && result.stderr.hasPrefix("Error: ")
            #expect(usage || result.stderr.hasPrefix("provctl: ") && result.stderr.split(separator: "\n").count == 1, "\(name): \(input): \(result.stderr)")
            if let before, let shared {
                #expect(try shared.dump() == before, "\(name): \(input) changed the store")
            } else if FileManager.default.fileExists(atPath: store + "/data.mdb") {
                let stats = try LogTools.object(try provctl.run(["stats", "--json"]).stdout)
                #expect((stats["events"] as? NSNumber)?.intValue == 0, "\(name): \(input) left events in a new store")
            }
        }

        let actual = corpus.rendered(answers)
        let path = BadInputCorpus.directory.appendingPathComponent(name).path
        let expected = try String(contentsOfFile: path, encoding: .utf8)
        if Self.refresh {
            try actual.write(toFile: path, atomically: false, encoding: .utf8)
        } else {
            let difference = actual == expected ? "" : try Self.diff(expected, actual)
            #expect(actual == expected, "Fixtures/bad-input/\(name) differs from what provctl says now:\n\(difference)")
        }
    }

    /// The words of a `command:` directive: split on spaces, "double quotes" keep spaces.
    static func words(_ command: String) -> [String] {
        var words: [String] = []
        var current = ""
        var quoted = false
        for character in command {
            if character == "\"" {
                quoted.toggle()
            } else if character == " " && !quoted {
                if !current.isEmpty { words.append(current) }
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// `{line N}`, `{record N}`, `{fields N}`: the walkthrough export's line N, its
    /// `record` field, the line without its opening brace.
    static func expand(_ bytes: [UInt8]) throws -> [UInt8] {
        guard ["{line ", "{record ", "{fields "].contains(where: { bytes.firstRange(of: Array($0.utf8)) != nil }) else {
            return bytes
        }
        let lines = try export.get()
        var out = bytes
        for (number, line) in lines.enumerated().reversed() {
            let record = try LogTools.object(line)["record"] as? String ?? ""
            out = replacing(out, "{line \(number + 1)}", with: Array(line.utf8))
            out = replacing(out, "{record \(number + 1)}", with: Array(record.utf8))
            out = replacing(out, "{fields \(number + 1)}", with: Array(line.utf8.dropFirst()))
        }
        return out
    }

    static func replacing(_ bytes: [UInt8], _ placeholder: String, with replacement: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var rest = bytes[...]
        let pattern = Array(placeholder.utf8)
        while let range = rest.firstRange(of: pattern) {
            out += rest[..<range.lowerBound]
            out += replacement
            rest = rest[range.upperBound...]
        }
        return out + rest
    }

    /// `diff -u` of the two texts, for the failure message.
    static func diff(_ expected: String, _ actual: String) throws -> String {
        let directory = TemporaryDirectory("bad-input-diff")
        let old = try directory.file("expected", contents: expected)
        let new = try directory.file("actual", contents: actual)
        return try LogTools.tool(["diff", "-u", old, new]).stdout
    }
}
