import Foundation
import Provisioning
import Testing
import TestSupport

/// Reliability, bad input item 6, through the built binary: seeded variations of
/// `--file` lists, `run` files and `import` files. Whatever the input, provctl answers
/// with a contract exit code and one line on standard error; a refused input records
/// nothing (the store's `mdb_dump` unchanged, or a new store without events); an
/// accepted one round-trips. A few hundred processes in all; the in-process part
/// (thousands of cases) is `ProvisioningTests/FuzzScriptLineTests` and
/// `Values/ValuePropertyTests`.
@Suite("Fuzz: files through the binary")
struct BadInputFuzzTests {
    /// A small deterministic generator (SplitMix64), so every run sees the same inputs.
    struct Seeded: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let walkthroughSIMs = ["894453000000085788", "894453000000052371", "894453000000085791"]

    /// Text that breaks an ICCID in every way a file can: wrong digits, letters, other
    /// scripts, separators, control characters, CSV and JSON pieces.
    static let iccidFragments = [
        "0", "1", "8", "9", "89", "F", "f", "x", " ", "\t", "-", "+", ",", ";", ".", "#", "\"", "\u{0}", "\u{7}", "é",
        "٤", "８", "\u{FEFF}", "\u{200B}", "894453000000085788", "LPA:1$x$y", "\u{7F}",
    ]

    static func iccidEntry(_ random: inout Seeded) -> String {
        if Int.random(in: 0..<4, using: &random) == 0 {
            return (0..<Int.random(in: 1...6, using: &random)).map { _ in iccidFragments.randomElement(using: &random)! }.joined()
        }
        var characters = Array(walkthroughSIMs.randomElement(using: &random)!)
        for _ in 0..<Int.random(in: 1...3, using: &random) {
            let index = Int.random(in: 0..<characters.count, using: &random)
            switch Int.random(in: 0..<3, using: &random) {
            case 0: characters.remove(at: index)
            case 1: characters.insert(contentsOf: iccidFragments.randomElement(using: &random)!, at: index)
            default: characters[index] = iccidFragments.randomElement(using: &random)!.first ?? "x"
            }
        }
        return String(characters)
    }

    /// What ListInput makes of a line: trimmed of spaces, tabs and CR; blank and # lines skipped.
    static func listItem(_ line: String) -> String? {
        let trimmed = String(decoding: Array(line.utf8).drop { [0x20, 0x09, 0x0D].contains($0) }.reversed()
            .drop { [0x20, 0x09, 0x0D].contains($0) }.reversed(), as: UTF8.self)
        return trimmed.isEmpty || trimmed.hasPrefix("#") ? nil : trimmed
    }

    /// 120 list files of 1-4 or 1-40 entries, a third of them broken, each given to `sims reserve --file`.
    /// No entry can succeed (the walkthrough's SIMs are past Bookin), so every run is a
    /// refusal: 65 naming the first malformed entry if there is one, else 66 or 68.
    @Test("--file lists: refused with the first bad entry named, nothing recorded")
    func fileLists() throws {
        let store = try Walkthrough.copy()
        let provctl = ProvctlProcess(store: store.path)
        let before = try provctl.dump()
        var random = Seeded(state: 0x5EED_F11E_0000_0006)
        var codes: [Int32: Int] = [:]
        for round in 0..<120 {
            var lines = (0..<Int.random(in: 1...(round % 2 == 0 ? 40 : 4), using: &random)).map { _ in
                Int.random(in: 0..<3, using: &random) > 0 ? Self.walkthroughSIMs.randomElement(using: &random)! : Self.iccidEntry(&random)
            }
            if round % 10 == 0 { lines.insert("# a comment", at: 0) }
            let text = lines.joined(separator: "\n") + (round % 3 == 0 ? "\r\n" : "\n")
            let file = try store.file("list-\(round).txt", contents: text)
            let result = try provctl.run(["sims", "reserve", "--reseller", "Talk_Mail", "--file", file], as: "mike")
            codes[result.status, default: 0] += 1

            let items = text.utf8.split(separator: 0x0A).compactMap { Self.listItem(String(decoding: $0, as: UTF8.self)) }
            // The first entry neither ICCID form accepts, and the message provctl gives for it.
            let firstMalformed = items.lazy.compactMap { item -> String? in
                guard (try? ICCID(item)) == nil else { return nil }
                do {
                    _ = try ICCID(item, batchHasNoCheckDigit: true)
                    return nil
                } catch {
                    return "\(error)"
                }
            }.first
            let context = "list \(round) \(items.prefix(5)): \(result)"
            #expect(result.stderr.hasPrefix("provctl: ") && result.stderr.split(separator: "\n").count == 1, "\(context)")
            if items.isEmpty {
                #expect(result.status == 64, "\(context)")
            } else if let firstMalformed {
                #expect(result.status == 65, "\(context)")
                #expect(result.stderr.contains(firstMalformed), "expected \(firstMalformed): \(context)")
            } else {
                #expect([65, 66, 68].contains(result.status), "\(context)")
            }
        }
        #expect(try provctl.dump() == before)
        #expect(codes[65, default: 0] > 30 && codes[66, default: 0] + codes[68, default: 0] > 5, "\(codes)")
    }

    /// One `run --keep-going` file of 400 variations of the walkthrough's lines (without
    /// their command ids), on the walkthrough store: every line either applies or is
    /// reported with its number, a failed line records nothing (no event carries its
    /// command id), and the store still verifies and equals a replay.
    @Test("a run file of 400 broken lines: each applied or reported, failed lines record nothing")
    func runFile() throws {
        let store = try Walkthrough.copy()
        let provctl = ProvctlProcess(store: store.path)
        let eventsBefore = try LogTools.lines(try provctl.run(["log", "--json"]).stdout).count
        var random = Seeded(state: 0x5EED_2C41_0000_0006)
        let base = try LogTools.walkthroughLines.map {
            $0.replacingOccurrences(of: #""command-id": "walkthrough-\d+", "#, with: "", options: .regularExpression)
        }
        let lines = (0..<400).map { _ in Self.mutatedLine(base.randomElement(using: &random)!, &random) }
        let script = try store.file("fuzz.jsonl", contents: lines.joined(separator: "\n") + "\n")
        let result = try provctl.run(["run", script, "--keep-going", "--json"])
        #expect([0, 65, 66, 68, 77].contains(result.status), "\(result.status) \(result.stderr.prefix(2000))")
        let summary = try LogTools.object(result.stdout)
        let failures = try #require(summary["failures"] as? [[String: Any]])
        let failed = Set(failures.compactMap { ($0["line"] as? NSNumber)?.intValue })
        for failure in failures {
            let code = (failure["code"] as? NSNumber)?.int32Value ?? 0
            #expect([65, 66, 68, 77].contains(code), "\(failure)")
        }
        let reported = result.stderr.split(separator: "\n")
        #expect(reported.count == failures.count, "\(reported.filter { !$0.hasPrefix("provctl: \(script) line ") })")
        #expect(reported.allSatisfy { $0.hasPrefix("provctl: \(script) line ") })

        // Which lines recorded events: their default command id is the file's digest and line number.
        let log = try LogTools.lines(try provctl.run(["log", "--json"]).stdout)
        let recordedLines = Set(log.dropFirst(eventsBefore).compactMap { event -> Int? in
            (event["command-id"] as? String)?.split(separator: ":").last.flatMap { Int($0) }
        })
        #expect(recordedLines.isDisjoint(with: failed), "failed lines that recorded: \(recordedLines.intersection(failed).sorted())")
        #expect(failed.count > 300, "only \(failed.count) of 400 lines failed: the variations are too gentle")
        #expect(try provctl.run(["verify"]).status == 0)
        #expect(try provctl.run(["replay", "--check"]).status == 0)
    }

    static let jsonValues: [String] = [
        "0", "-1", "1.5", "1e300", "true", "false", "null", "\"\"", "\"x\"", "[]", "[1]", "{}", "{\"a\": 1}",
        "\"" + String(repeating: "9", count: 50_000) + "\"", "\"\\u0000\"", "\"\\ud800\"",
    ]

    /// A variation of a script line: truncated, a value replaced by another JSON type,
    /// a key duplicated, stray characters, a character deleted.
    static func mutatedLine(_ line: String, _ random: inout Seeded) -> String {
        var characters = Array(line)
        switch Int.random(in: 0..<5, using: &random) {
        case 0:
            return String(characters.prefix(Int.random(in: 1..<characters.count, using: &random)))
        case 1:
            // The value after a random `": ` replaced up to the next , or }.
            let starts = line.ranges(of: "\": ").map(\.upperBound)
            guard let start = starts.randomElement(using: &random) else { return line }
            let end = line[start...].firstIndex { $0 == "," || $0 == "}" } ?? line.endIndex
            return line.replacingCharacters(in: start..<end, with: jsonValues.randomElement(using: &random)!)
        case 2:
            let key = ["\"as\": \"mike\", ", "\"command\": \"init\", ", "\"args\": {}, "].randomElement(using: &random)!
            return "{" + key + line.dropFirst()
        case 3:
            let index = Int.random(in: 0...characters.count, using: &random)
            characters.insert(contentsOf: ["\"", "\\", "{", "]", "\u{0}", "\t", ",", "é"].randomElement(using: &random)!, at: index)
            return String(characters)
        default:
            characters.remove(at: Int.random(in: 0..<characters.count, using: &random))
            return String(characters)
        }
    }

    /// 40 variations of the walkthrough's export imported into new stores: accepted and
    /// exported again the same (the readable `summary` and `fields` aside, which import
    /// does not check), or refused (65) with a new store left without events.
    @Test("import files: refused with nothing imported, or accepted and round-tripping")
    func importFiles() throws {
        let source = ProvctlProcess(store: try Walkthrough.shared.get())
        let export = try source.run(["export"]).stdout.split(separator: "\n").map { Array($0.utf8) }
        try #require(export.count == 54)
        var random = Seeded(state: 0x5EED_1390_0000_0006)
        let scratch = TemporaryDirectory("fuzz-import")
        try FileManager.default.createDirectory(atPath: scratch.path, withIntermediateDirectories: true)
        var outcomes: [Int32: Int] = [:]
        for round in 0..<40 {
            var lines = export
            let what = Self.mutateExport(&lines, &random)
            let bytes = Array(lines.joined(separator: [0x0A])) + [0x0A]
            let file = scratch.path + "/import-\(round).jsonl"
            try Data(bytes).write(to: URL(fileURLWithPath: file))
            let target = ProvctlProcess(store: scratch.path + "/store-\(round)")
            let result = try target.run(["import", file])
            outcomes[result.status, default: 0] += 1
            let context = "round \(round) (\(what)): \(result.status) \(result.stderr)"
            switch result.status {
            case 0:
                let again = try target.run(["export"]).stdout.split(separator: "\n")
                let expected = lines.filter { !$0.allSatisfy { $0 == 0x20 || $0 == 0x0D } }
                #expect(again.count == expected.count, "\(context)")
                for (exported, original) in zip(again, expected) {
                    var a = try LogTools.object(String(exported))
                    var b = try LogTools.object(String(decoding: original, as: UTF8.self))
                    for key in ["summary", "fields"] {
                        a.removeValue(forKey: key)
                        b.removeValue(forKey: key)
                    }
                    #expect(try LogTools.serialized(a) == (try LogTools.serialized(b)), "\(context)")
                }
            case 65:
                #expect(result.stderr.hasPrefix("provctl: ") && result.stderr.split(separator: "\n").count == 1, "\(context)")
                #expect(result.stderr.contains("line ") || result.stderr.contains("Cannot import"), "\(context)")
                #expect(result.stderr.hasSuffix("nothing was imported.\n"), "\(context)")
                let stats = try target.run(["stats", "--json"])
                if stats.status == 0 {
                    #expect((try LogTools.object(stats.stdout)["events"] as? NSNumber)?.intValue == 0, "\(context)")
                }
            default:
                Issue.record("unexpected exit: \(context)")
            }
        }
        #expect(outcomes[65, default: 0] > 25, "\(outcomes)")
    }

    /// One damage to an export, named for messages.
    static func mutateExport(_ lines: inout [[UInt8]], _ random: inout Seeded) -> String {
        let index = Int.random(in: 0..<lines.count, using: &random)
        switch Int.random(in: 0..<9, using: &random) {
        case 0:
            lines.remove(at: index)
            return "line \(index + 1) deleted"
        case 1:
            let other = (index + 1) % lines.count
            lines.swapAt(index, other)
            return "lines \(index + 1) and \(other + 1) swapped"
        case 2:
            lines.insert(lines[index], at: index)
            return "line \(index + 1) twice"
        case 3:
            let cut = Int.random(in: 1..<lines[index].count, using: &random)
            lines[index] = Array(lines[index].prefix(cut))
            return "line \(index + 1) cut at \(cut)"
        case 4:
            let at = Int.random(in: 0..<lines[index].count, using: &random)
            lines[index][at] ^= UInt8(1 << Int.random(in: 0..<7, using: &random))
            return "line \(index + 1) byte \(at) flipped"
        case 5:
            lines[index].insert(contentsOf: [0xFF, 0xC0], at: Int.random(in: 0..<lines[index].count, using: &random))
            return "line \(index + 1) invalid UTF-8"
        case 6:
            let key = ["position", "type", "actor", "hash", "record", "tags"].randomElement(using: &random)!
            let value = jsonValues.randomElement(using: &random)!
            lines[index] = Array("{\"\(key)\": \(value), ".utf8) + lines[index].dropFirst()
            return "line \(index + 1) \(key) given twice"
        case 7:
            guard var object = try? LogTools.object(String(decoding: lines[index], as: UTF8.self)) else { return "none" }
            let key = ["position", "recorded-at-ms", "schema-version", "tags", "command-id", "reason"].randomElement(using: &random)!
            let value: Any = [true, "1", 1.5, [1], NSNull(), ["x": 1]].randomElement(using: &random)!
            object[key] = value
            lines[index] = Array((try? LogTools.serialized(object))?.utf8 ?? "".utf8)
            return "line \(index + 1) \(key) of another type"
        default:
            lines.insert(Array(String(repeating: "x", count: 200_000).utf8), at: index)
            return "a huge line before \(index + 1)"
        }
    }
}
