import Foundation
import Testing
import TestSupport

/// A change of 10,000 events and more ends its process without freeing its memory
/// (`ProcessEnd`): what it printed still arrives whole, on a pipe, and the store holds
/// the whole change. Its file goes to the parser as plain strings when no line has a
/// comma (`ScriptArguments.stringArray`), as objects when one has.
@Suite struct BulkChangeEndTests {
    @Test func aLargeBookInPrintsItsWholeResultAndLeavesAWholeStore() throws {
        let (directory, provctl) = try Reliability.initializedStore("bulk-end")
        let count = 12_000
        let iccids = Reliability.iccids(series: 7, count: count)
        let plain = try directory.file("plain.txt", contents: iccids.joined(separator: "\n"))
        let text = try provctl.run(Reliability.bookIn(file: plain), as: "mike")
        #expect(text.status == 0, "\(text)")
        #expect(text.stdout.hasSuffix("Recorded \(count) events at positions 3-\(count + 2).\n"), "\(text.stdout.suffix(200))")

        // A file with one CSV line (an IMSI) among plain ICCIDs, read as JSON: one
        // whole document.
        let more = Reliability.iccids(series: 8, count: count)
        let mixed = try directory.file(
            "mixed.txt", contents: ([more[0] + ",234150000000001"] + more.dropFirst()).joined(separator: "\n"))
        let json = try provctl.run(Reliability.bookIn(file: mixed) + ["--json"], as: "mike")
        #expect(json.status == 0, "\(json)")
        #expect(try LogTools.object(json.stdout)["event-count"] as? Int == count)

        let verified = try provctl.run(["verify"])
        #expect(verified.status == 0, "\(verified)")
        #expect(verified.stdout.contains("read models equal a replay"), "\(verified.stdout)")
        let shown = try provctl.run(["sims", "show", more[0], "--json"])
        #expect(shown.stdout.contains("234150000000001"), "\(shown)")
        let last = try provctl.run(["sims", "show", iccids[count - 1]])
        #expect(last.status == 0 && last.stdout.contains("BOOKIN"), "\(last)")
    }
}
