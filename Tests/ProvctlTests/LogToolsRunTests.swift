import Foundation
import Testing
import TestSupport

/// Issue 5, acceptance 5: `run` of the walkthrough builds the state the domain's own
/// walkthrough test checks (Tests/ProvisioningTests/WalkthroughTests.swift); a bad
/// line stops the run there with its own exit code; --keep-going reports every
/// failure; a second run applies nothing.
@Suite struct LogToolsRunTests {
    @Test func theWalkthroughBuildsTheStateOfTheDomainsWalkthroughTest() throws {
        let (directory, provctl) = try LogTools.walkthroughStore("run")
        _ = directory
        func object(_ arguments: [String]) throws -> [String: Any] {
            let result = try provctl.run(arguments + ["--json"])
            try #require(result.status == 0, "\(arguments): \(result.stderr)")
            return try LogTools.object(result.stdout)
        }
        func array(_ arguments: [String]) throws -> [[String: Any]] {
            let result = try provctl.run(arguments + ["--json"])
            try #require(result.status == 0, "\(arguments): \(result.stderr)")
            return try LogTools.array(result.stdout)
        }

        // Adele: terminated for contract-ended, with the group's defaults and the Teams PBX.
        let adele = try object(["subscriber", "show", LogTools.adele])
        #expect(adele["name"] as? String == "AdeleVance" && adele["status"] as? String == "TERMINATED")
        #expect(adele["termination-reason"] as? String == "contract-ended")
        #expect(adele["pbx"] as? String == "MicrosoftTeams")
        #expect(adele["bundle"] as? String == "BUN-USN-RATECARD" && adele["roaming-policy"] as? String == "PLCY_RMG_UNRESTRICTED")
        #expect(adele["network-profile"] as? String == "Mobile-X")
        #expect(adele["iccid"] as? String == LogTools.adelesSIM && adele["number"] as? String == LogTools.adelesNumber)

        // Her SIM: retired because the subscriber was terminated, still naming her.
        let sim = try object(["sims", "show", LogTools.adelesSIM])
        #expect(sim["status"] as? String == "RETIRED" && sim["retirement-reason"] as? String == "subscriber-terminated")
        #expect(sim["subscriber"] as? String == LogTools.adele)

        // Her number: quarantined for the 45 days of the settings, from the termination.
        let numbers = try array(["numbers", "list"])
        let number = try #require(numbers.first { $0["number"] as? String == LogTools.adelesNumber })
        #expect(number["status"] as? String == "QUARANTINED")
        let terminatedAt = try #require(adele["terminated-at"] as? String)
        let terminated = try #require(Self.milliseconds(terminatedAt))
        let until = try #require((number["quarantined-until"] as? String).flatMap(Self.milliseconds))
        #expect(until - terminated == 45 * 86_400_000)
        // And available again once the quarantine is over (a read at a later time).
        let later = try array(["numbers", "list", "--at", Self.iso(until + 1)])
        #expect(later.first { $0["number"] as? String == LogTools.adelesNumber }?["status"] as? String == "AVAILABLE")
        let sooner = try array(["numbers", "list", "--at", Self.iso(until - 60_000)])
        #expect(sooner.first { $0["number"] as? String == LogTools.adelesNumber }?["status"] as? String == "QUARANTINED")

        // The counts of the domain's test.
        #expect(try array(["reseller", "list"]).count == 2)
        #expect(try array(["group", "list"]).count == 2)
        #expect(try array(["user", "list"]).count == 7)
        #expect(try array(["subscriber", "list"]).count == 1)
        #expect(numbers.count == 3)
        let sims = try array(["sims", "list"])
        #expect(sims.map { $0["iccid"] as? String } == ["894453000000052371", LogTools.adelesSIM, "894453000000085791"])
        #expect(sims.map { $0["status"] as? String } == ["ALLOCATED", "RETIRED", "ALLOCATED"])
        #expect(try array(["bundle", "list"]).count == 6)
        let group = try object(["group", "show", "Audiocodes_Trial_End_Customer"])
        #expect((group["catalog"] as? [String: Any])?["default-bundle"] as? String == "BUN-USN-RATECARD")
        // The read models are those of a replay.
        #expect(try provctl.run(["replay", "--check"]).status == 0)
    }

    static func milliseconds(_ iso: String) -> Int64? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: iso).map { Int64(($0.timeIntervalSince1970 * 1000).rounded()) }
    }

    static func iso(_ milliseconds: Int64) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date(timeIntervalSince1970: Double(milliseconds) / 1000))
    }

    /// Bad seventh lines, one for each kind of failure.
    static let badSeventhLines: [(String, Int32)] = [
        (#"{"command": "bundle define", "as": "mike", "args": {"code": "X", "name": "x", "home-location": "XX"}}"#, 65),
        (#"{"command": "bundle define", "as": "mike""#, 65),
        (#"{"command": "sims reserve", "as": "nobody", "args": {"reseller": "Talk_Mail", "iccids": ["894453000000085788"]}}"#, 77),
        (#"{"command": "sims reserve", "as": "mike", "args": {"reseller": "Talk_Mail", "iccids": ["894453000000085788"]}}"#, 66),
        (#"{"command": "bundle define", "as": "mike", "args": {"code": "BUN-UKN-CPLUS-RATECARD", "name": "again", "home-location": "GBR"}}"#, 68),
        (#"{"command": "no such command", "as": "mike", "args": {}}"#, 65),
    ]

    @Test(arguments: badSeventhLines)
    func aBadSeventhLineStopsTheRunThereWithItsExitCode(_ bad: String, _ code: Int32) throws {
        let walkthrough = try LogTools.walkthroughLines
        let files = TemporaryDirectory("run-bad")
        let script = try LogTools.write(Array(walkthrough.prefix(6)) + [bad] + walkthrough.dropFirst(7), named: "bad7.jsonl", in: files)

        // The line's own exit code: that line alone, after lines 1-6.
        let alone = TemporaryDirectory("run-alone")
        let reference = ProvctlProcess(store: alone.path)
        #expect(try reference.run(["run", try LogTools.write(Array(walkthrough.prefix(6)), named: "first6.jsonl", in: files)]).status == 0)
        let expectedLog = try reference.run(["export"]).stdout
        let single = try reference.run(["run", try LogTools.write([bad], named: "one.jsonl", in: files)])
        #expect(single.status == code, "\(single.stderr)")

        let store = TemporaryDirectory("run-bad-store")
        let provctl = ProvctlProcess(store: store.path)
        let result = try provctl.run(["run", script])
        #expect(result.status == code, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("provctl: \(script) line 7: "), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
        // Lines 1-6 applied, nothing from line 7 on: the same events as lines 1-6 alone.
        let log = try LogTools.lines(try provctl.run(["log", "--json"]).stdout)
        #expect(log.compactMap { $0["command-id"] as? String }.allSatisfy { ["walkthrough-01", "walkthrough-02", "walkthrough-03", "walkthrough-04", "walkthrough-05", "walkthrough-06"].contains($0) })
        #expect(log.count == (try LogTools.lines(expectedLog)).count && log.count == 7)

        // Again: nothing new, the same stop.
        let again = try provctl.run(["run", script])
        #expect(again.status == code && again.stderr.contains("line 7: "))
        #expect(try LogTools.lines(try provctl.run(["log", "--json"]).stdout).count == 7)

        // --json: the error document, naming the line.
        let json = try provctl.run(["run", script, "--json"])
        #expect(json.status == code)
        let error = try #require(try LogTools.object(json.stdout)["error"] as? [String: Any])
        #expect((error["code"] as? NSNumber)?.int32Value == code && (error["message"] as? String)?.contains("line 7:") == true)
    }

    @Test func aLineWithoutAsActsAsTheUserOfDashDashAs() throws {
        let (directory, provctl) = try LogTools.walkthroughStore("run-default-actor")
        let files = TemporaryDirectory("run-default-actor-files")
        _ = directory
        let line = #"{"command": "bundle define", "args": {"code": "BUN-GBR-EXTRA", "name": "Extra", "home-location": "GBR"}}"#
        let script = try LogTools.write([line], named: "no-as.jsonl", in: files)
        let refused = try provctl.run(["run", script])
        #expect(refused.status == 65 && refused.stderr.contains("--as USER"), "\(refused.stderr)")
        #expect(try provctl.run(["run", script, "--as", "mike"]).status == 0)
        let last = try LogTools.lines(try provctl.run(["log", "--json", "--type", "bundle.defined"]).stdout).last
        #expect(last?["actor"] as? String == "mike")
    }

    @Test func keepGoingAppliesTheOtherLinesAndReportsEveryFailure() throws {
        let walkthrough = try LogTools.walkthroughLines
        let files = TemporaryDirectory("run-keep-going")
        // Two extra bad lines that nothing depends on: line 7 and the last line (43).
        let first = #"{"command": "bundle define", "as": "mike", "args": {"code": "X", "name": "x", "home-location": "XX"}}"#
        let last = #"{"command": "sims reserve", "as": "mike", "args": {"reseller": "Talk_Mail", "iccids": ["894453000000085788"]}}"#
        let script = try LogTools.write(Array(walkthrough.prefix(6)) + [first] + walkthrough.dropFirst(6) + [last], named: "two-bad.jsonl", in: files)

        let store = TemporaryDirectory("run-keep-going-store")
        let provctl = ProvctlProcess(store: store.path)
        let result = try provctl.run(["run", script, "--keep-going"])
        #expect(result.status == 65, "the first failure's code: \(result.stderr)")
        let reported = result.stderr.split(separator: "\n").map(String.init)
        #expect(reported.count == 2)
        #expect(reported.first?.hasPrefix("provctl: \(script) line 7: ") == true)
        #expect(reported.last?.hasPrefix("provctl: \(script) line 43: ") == true && reported.last?.contains("RETIRED") == true)
        #expect(result.stdout.contains("Applied 41 changes (54 events)") && result.stdout.contains("2 failed"), "\(result.stdout)")
        // Every good line was applied: the walkthrough's state.
        #expect((try LogTools.object(try provctl.run(["stats", "--json"]).stdout)["events"] as? NSNumber)?.intValue == 54)
        #expect(try provctl.run(["replay", "--check"]).status == 0)

        // --json: every failure with its line and code.
        let json = try provctl.run(["run", script, "--keep-going", "--json"])
        #expect(json.status == 65)
        let summary = try LogTools.object(json.stdout)
        let failures = try #require(summary["failures"] as? [[String: Any]])
        #expect(failures.compactMap { ($0["line"] as? NSNumber)?.intValue } == [7, 43])
        #expect(failures.compactMap { ($0["code"] as? NSNumber)?.intValue } == [65, 68])
        #expect((summary["events"] as? NSNumber)?.intValue == 0, "the second run applies nothing")
    }

    /// A script saved with Windows line ends ("\r\n", one Character in Swift) is still
    /// one command a line, and a bad line keeps its number.
    @Test func aScriptWithWindowsLineEndsRunsLineByLine() throws {
        let files = TemporaryDirectory("run-crlf")
        try FileManager.default.createDirectory(atPath: files.path, withIntermediateDirectories: true)
        let walkthrough = try LogTools.walkthroughLines
        let good = files.path + "/crlf.jsonl"
        try (walkthrough.joined(separator: "\r\n") + "\r\n").write(toFile: good, atomically: false, encoding: .utf8)
        let store = TemporaryDirectory("run-crlf-store")
        let provctl = ProvctlProcess(store: store.path)
        let result = try provctl.run(["run", good])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Applied 41 changes (54 events)"), "\(result.stdout)")

        let bad = files.path + "/bad-crlf.jsonl"
        let lines = Array(walkthrough.prefix(6)) + [Self.badSeventhLines[0].0] + walkthrough.dropFirst(7)
        try (lines.joined(separator: "\r\n") + "\r\n").write(toFile: bad, atomically: false, encoding: .utf8)
        let other = TemporaryDirectory("run-crlf-bad")
        let stopped = try ProvctlProcess(store: other.path).run(["run", bad])
        #expect(stopped.status == 65 && stopped.stderr.contains("bad-crlf.jsonl line 7: "), "\(stopped.stderr)")
    }

    @Test func runningTheSameFileTwiceAppliesNothingTheSecondTime() throws {
        let (directory, provctl) = try LogTools.walkthroughStore("run-twice")
        _ = directory
        let before = try provctl.run(["export"]).stdout
        let again = try provctl.run(["run", LogTools.walkthrough])
        #expect(again.status == 0 && again.stdout.contains("(0 events)"), "\(again.stdout)")
        #expect(try provctl.run(["export"]).stdout == before)

        // Without command ids in the file: each line's id is the file's hash and its line number.
        let files = TemporaryDirectory("run-twice-files")
        let anonymous = try LogTools.walkthroughLines.map { line in
            line.replacingOccurrences(of: #""command-id": "walkthrough-\d+", "#, with: "", options: .regularExpression)
        }
        #expect(!anonymous.joined().contains("command-id"))
        let script = try LogTools.write(anonymous, named: "anonymous.jsonl", in: files)
        let store = TemporaryDirectory("run-twice-anonymous")
        let fresh = ProvctlProcess(store: store.path)
        let first = try fresh.run(["run", script, "--json"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect((try LogTools.object(first.stdout)["events"] as? NSNumber)?.intValue == 54)
        let exported = try fresh.run(["export"]).stdout
        let second = try fresh.run(["run", script, "--json"])
        #expect(second.status == 0)
        #expect((try LogTools.object(second.stdout)["events"] as? NSNumber)?.intValue == 0)
        #expect(try fresh.run(["export"]).stdout == exported)
        // The same state as the walkthrough with its own ids.
        #expect(try fresh.run(["sims", "list", "--json"]).stdout == (try provctl.run(["sims", "list", "--json"])).stdout)
        let statuses = try [fresh, provctl].map { provctl in
            try LogTools.array(try provctl.run(["numbers", "list", "--json"]).stdout).map { $0["status"] as? String }
        }
        #expect(statuses[0] == statuses[1] && statuses[0] == ["QUARANTINED", "AVAILABLE", "AVAILABLE"])
    }
}
