import Foundation
import Testing
import TestSupport

/// Issue 5, acceptance 6: `log --follow` in one process prints, within a second, the
/// events another process commits, and stops cleanly on SIGINT.
@Suite struct LogToolsFollowTests {
    static func lines(_ text: String) -> [Substring] { text.split(separator: "\n") }

    @Test func followPrintsWhatAnotherProcessCommitsWithinASecond() throws {
        let (directory, provctl) = try LogTools.walkthroughStore("follow")
        let follower = try RunningProvctl(["log", "--follow", "--from", "53"], store: directory.path)
        // Positions 53 and 54 first: once printed, the follower is polling (and handles SIGINT).
        let started = follower.wait(upTo: 10) { Self.lines($0).count >= 2 }
        try #require(started != nil, "log --follow printed nothing: \(follower.stderr)")
        #expect(Self.lines(follower.stdout).map { $0.prefix(4) } == ["53  ", "54  "])

        // Another process commits a change of two events; then another of one.
        let bookin = try provctl.run(
            ["sims", "bookin", "--sim-type", "MXG-ET085", "--form", "physical", "894453000000099990", "894453000000099991", "--no-check-digit"],
            as: "mike")
        #expect(bookin.status == 0, "\(bookin.stderr)")
        let first = follower.wait(upTo: 5) { Self.lines($0).count >= 4 }
        #expect(first != nil && first! < 1.0, "printed after \(first ?? -1) s")
        let reserve = try provctl.run(["sims", "reserve", "--reseller", "Talk_Mail", "894453000000099990"], as: "mike")
        #expect(reserve.status == 0, "\(reserve.stderr)")
        let second = follower.wait(upTo: 5) { Self.lines($0).count >= 5 }
        #expect(second != nil && second! < 1.0, "printed after \(second ?? -1) s")

        let printed = Self.lines(follower.stdout)
        #expect(printed.count == 5)
        #expect(printed.map { Int($0.prefix { $0 != " " }) } == [53, 54, 55, 56, 57])
        #expect(printed[2].contains("mike (distributor)  sim.booked-in  sim:894453000000099990"))
        #expect(printed[4].contains("sim.reserved") && printed[4].contains("Talk_Mail"))

        let end = follower.interrupt()
        #expect(end?.reason == .exit && end?.status == 0, "SIGINT should end log --follow with exit 0, got \(String(describing: end))")
        #expect(follower.stderr.isEmpty, "\(follower.stderr)")
        #expect(Self.lines(follower.stdout).count == 5, "nothing half-printed at the end")
    }

    @Test func followWithJSONAndATypePrintsOnlyThatTypeAsJSONLines() throws {
        let (directory, provctl) = try LogTools.walkthroughStore("follow-json")
        let follower = try RunningProvctl(["log", "--follow", "--json", "--type", "sim.reserved"], store: directory.path)
        try #require(follower.wait(upTo: 10) { Self.lines($0).count >= 3 } != nil, "\(follower.stderr)")
        // A book-in (not shown) and a reserve (shown), from another process.
        #expect(try provctl.run(["sims", "bookin", "--sim-type", "MXG-ET085", "--form", "esim", "894453000000099990", "--no-check-digit"], as: "mike").status == 0)
        #expect(try provctl.run(["sims", "reserve", "--reseller", "Talk_Mail", "894453000000099990"], as: "mike").status == 0)
        let seen = follower.wait(upTo: 5) { Self.lines($0).count >= 4 }
        #expect(seen != nil && seen! < 1.0)
        let end = follower.interrupt()
        #expect(end?.reason == .exit && end?.status == 0)
        let events = try LogTools.lines(follower.stdout)
        #expect(events.map { $0["type"] as? String } == Array(repeating: "sim.reserved", count: 4))
        #expect(events.compactMap { ($0["position"] as? NSNumber)?.intValue } == [40, 41, 42, 56])
    }

    @Test func followDoesNotKeepAReadTransactionOpen() throws {
        let (directory, provctl) = try LogTools.walkthroughStore("follow-readers")
        let follower = try RunningProvctl(["log", "--follow", "--from", "54"], store: directory.path)
        try #require(follower.wait(upTo: 10) { !$0.isEmpty } != nil)
        // The reader table (mdb_stat -r): the follower's slot must hold no snapshot between polls.
        // Sampled a few times, it is idle ("-") nearly always; a held transaction would show a txnid every time.
        var idle = 0
        for _ in 0..<10 {
            let table = try LogTools.tool(["mdb_stat", "-r", directory.path]).stdout
            let mine = table.split(separator: "\n").filter { $0.split(separator: " ", omittingEmptySubsequences: true).first == "\(follower.processIdentifier)" }
            if mine.allSatisfy({ $0.split(separator: " ", omittingEmptySubsequences: true).last == "-" }) { idle += 1 }
            usleep(30_000)
        }
        #expect(idle >= 7, "the follower held a read transaction in \(10 - idle) of 10 samples")
        #expect(try provctl.run(["sims", "bookin", "--sim-type", "MXG-ET085", "--form", "esim", "894453000000099990", "--no-check-digit"], as: "mike").status == 0)
        #expect(follower.wait(upTo: 5) { Self.lines($0).count >= 2 } != nil)
        #expect(follower.interrupt()?.status == 0)
    }
}
