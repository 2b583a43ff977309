import Foundation
import Testing

@testable import Provisioning
import TestSupport

/// Reliability, bad input item 6, in process: thousands of seeded variations of the
/// walkthrough's script lines (truncated, wrong JSON types, duplicate keys, huge values,
/// stray characters, unknown keys) through `ScriptLineParser`. Each is either refused as
/// malformed with a sentence, or accepted and round-trips: the parsed JSON written back
/// canonically parses to the same line. (The value types alone are fuzzed by
/// `Values/ValuePropertyTests`; `run` files through the binary by `BadInputFuzzTests`.)
@Suite("Fuzz: script lines")
struct FuzzScriptLineTests {
    static let iterations = 4000

    static let baseLines: [String] = {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures/walkthrough.jsonl").path
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map(String.init)
    }()

    /// JSON values of every type, for "wrong type" mutations.
    nonisolated(unsafe) static let values: [Any] = [
        0, -1, 1.5, 1e300, 45, true, false, NSNull(), "", "x", "on", " ", [] as [Any], [1], ["a", 2] as [Any], [:] as [String: Any],
        ["iccid": 1], String(repeating: "9", count: 20_000), (0..<1_000).map { "89445300000\(1_000_000 + $0)" },
        "894453000000085788", "Talk_Mail", "LPA:1$smdp.mobile-x.example$X", "\u{0}", "é\u{301}", "🇬🇧", "a\"b",
    ]

    /// Text inserted at random places: JSON syntax, escapes, control and odd characters.
    static let fragments = [
        "{", "}", "[", "]", ",", ":", "\"", "\\", "\\u0000", "\\ud800", "\\n", "\u{0}", "\u{7}", "\t", "\n", "\r",
        "é", "\u{FEFF}", "\u{2028}", "null", "true", "1e999", "-0", "\"as\": \"nobody\", ", "\"args\": {}, ",
    ]

    enum Outcome {
        case accepted(ScriptLine)
        case refused(Rejection)
    }

    static func parse(_ line: String) -> Outcome {
        do {
            return .accepted(try ScriptLineParser.parse(line))
        } catch {
            return .refused(error)
        }
    }

    static func serialized(_ object: Any) -> String? {
        guard JSONSerialization.isValidJSONObject(object),
            let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// One variation of a base line.
    static func mutated(_ line: String, _ random: inout SplitMix64) -> String {
        var object = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] ?? [:]
        var args = object["args"] as? [String: Any] ?? [:]
        switch Int.random(in: 0..<9, using: &random) {
        case 0:  // truncated
            let characters = Array(line)
            return String(characters.prefix(Int.random(in: 0..<max(1, characters.count), using: &random)))
        case 1:  // an argument of the wrong type or a huge value
            let key = args.keys.sorted().randomElement(using: &random) ?? "iccids"
            args[key] = values.randomElement(using: &random)!
        case 2:  // a top-level field of the wrong type
            let key = ["command", "as", "args", "command-id", "reason", "correlation-id"].randomElement(using: &random)!
            object[key] = values.randomElement(using: &random)!
        case 3:  // a key given twice, textually
            let key = (args.keys.sorted() + ["as", "command"]).randomElement(using: &random)!
            let value = serialized([values.randomElement(using: &random)!]).map { String($0.dropFirst().dropLast()) } ?? "1"
            let pair = "\"\(key)\": \(value), "
            let anchor = args.keys.contains(key) ? "\"args\": {" : "{"
            guard let range = line.range(of: anchor) else { return line }
            return line.replacingCharacters(in: range, with: anchor + pair)
        case 4:  // stray text anywhere
            var characters = Array(line)
            let index = Int.random(in: 0...characters.count, using: &random)
            characters.insert(contentsOf: fragments.randomElement(using: &random)!, at: index)
            return String(characters)
        case 5:  // a character deleted
            var characters = Array(line)
            if !characters.isEmpty { characters.remove(at: Int.random(in: 0..<characters.count, using: &random)) }
            return String(characters)
        case 6:  // an argument missing, or an unknown one
            if Bool.random(using: &random), let key = args.keys.sorted().randomElement(using: &random) {
                args.removeValue(forKey: key)
            } else {
                args["colour"] = "red"
            }
        case 7:  // another command's arguments under this command's name
            let other = (try? JSONSerialization.jsonObject(with: Data(baseLines.randomElement(using: &random)!.utf8))) as? [String: Any]
            args = other?["args"] as? [String: Any] ?? [:]
        default:  // a string argument with a character changed
            guard let key = args.keys.sorted().randomElement(using: &random), let text = args[key] as? String, !text.isEmpty else { break }
            var characters = Array(text)
            characters[Int.random(in: 0..<characters.count, using: &random)] = fragments.randomElement(using: &random)!.first!
            args[key] = String(characters)
        }
        object["args"] = args
        return serialized(object) ?? line
    }

    @Test("every variation is refused as malformed with a sentence, or accepted and round-trips")
    func variations() throws {
        try #require(Self.baseLines.count > 30)
        var random = SplitMix64(seed: 0x5EED_5C41_7000_0006)
        var failures: [String] = []
        var accepted = 0
        var refused = 0
        for _ in 0..<Self.iterations {
            let line = Self.mutated(Self.baseLines.randomElement(using: &random)!, &random)
            switch Self.parse(line) {
            case .refused(let rejection):
                refused += 1
                if rejection.kind != .malformed { failures.append("\(line.prefix(200)): \(rejection.kind), not malformed") }
                if rejection.message.count < 20 || !(rejection.message.hasSuffix(".") || rejection.message.hasSuffix(")")) {
                    failures.append("\(line.prefix(200)): not a sentence: \(rejection.message.prefix(200))")
                }
            case .accepted(let parsed):
                accepted += 1
                let object = try? JSONSerialization.jsonObject(with: Data(line.utf8))
                guard let canonical = object.flatMap(Self.serialized) else {
                    failures.append("\(line.prefix(200)): accepted but not a JSON object")
                    continue
                }
                switch Self.parse(canonical) {
                case .accepted(let again) where again == parsed: break
                case .accepted: failures.append("\(line.prefix(200)): its canonical form parses to another line")
                case .refused(let rejection): failures.append("\(line.prefix(200)): its canonical form is refused: \(rejection)")
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.count) failures, first: \(failures.prefix(5))")
        #expect(accepted > 100, "accepted only \(accepted)")
        #expect(refused > Self.iterations / 2, "refused only \(refused)")
    }

    /// A key given twice would let one line say two things (which `as` acts?): refused,
    /// naming the key, at any depth.
    @Test(arguments: [
        (#"{"command": "sims reserve", "as": "mike", "as": "liziya", "args": {"reseller": "Talk_Mail", "iccids": ["894453000000085788"]}}"#, "\"as\""),
        (#"{"command": "sims reserve", "as": "mike", "args": {"reseller": "Talk_Mail", "reseller": "AudioCodes_Reseller", "iccids": ["894453000000085788"]}}"#, "\"reseller\""),
        (#"{"command": "sims reserve", "as": "mike", "\u0061s": "liziya", "args": {"reseller": "Talk_Mail", "iccids": ["894453000000085788"]}}"#, "\"as\""),
        (#"{"command": "sims bookin", "as": "mike", "args": {"sim-type": "X", "form": "esim", "iccids": [{"iccid": "894453000000085788", "iccid": "894453000000052371"}]}}"#, "\"iccid\""),
    ])
    func aDuplicateKeyIsRefused(line: String, key: String) {
        guard case .refused(let rejection) = Self.parse(line) else {
            Issue.record("accepted \(line)")
            return
        }
        #expect(rejection.kind == .malformed)
        #expect(rejection.message.contains(key) && rejection.message.contains("twice"), "\(rejection.message)")
    }

    @Test("the same key in two different objects is not a duplicate")
    func sameKeyInSeparateObjects() {
        let line = #"{"command": "sims bookin", "as": "mike", "args": {"sim-type": "MXG-ET085", "form": "esim", "iccids": [{"iccid": "894453000000085788"}, {"iccid": "894453000000052371"}]}}"#
        guard case .accepted = Self.parse(line) else {
            Issue.record("refused \(line)")
            return
        }
    }
}
