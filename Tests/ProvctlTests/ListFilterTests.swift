import Foundation
import Testing
import TestSupport

/// A name that narrows a listing or a view (`--reseller`, `--group`) is checked as a
/// new name would be: one that cannot be a name is refused with exit 65 naming the
/// option (it once gave an empty list, as if no such reseller had any SIM); a valid
/// name of no reseller or group still lists nothing (docs/cli.md, Global options).
@Suite("List filters: names are checked")
struct ListFilterTests {
    static let filters: [[String]] = [
        ["sims", "list", "--reseller"], ["sims", "list", "--group"],
        ["subscriber", "list", "--reseller"], ["subscriber", "list", "--group"],
        ["group", "list", "--reseller"], ["numbers", "list", "--reseller"],
        ["catalog", "show", "--reseller"], ["catalog", "show", "--group"],
    ]

    @Test("a filter that cannot be a name exits 65, names the option, records nothing", arguments: filters)
    func invalidName(_ command: [String]) throws {
        let provctl = ProvctlProcess(store: try Walkthrough.shared.get())
        let before = try provctl.dump()
        let result = try provctl.run(command + ["Talk Mail"], as: "mike")
        #expect(result.status == 65, "\(result)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "provctl: name 'Talk Mail' is invalid: must have no spaces: 1 to 64 characters of A-Z a-z 0-9 _ - . (option \(command.last!)).\n")
        #expect(try provctl.dump() == before)
    }

    @Test("a valid name of no reseller lists nothing")
    func unknownName() throws {
        let provctl = ProvctlProcess(store: try Walkthrough.shared.get())
        let result = try provctl.run(["sims", "list", "--reseller", "No_Such_Reseller", "--json"], as: "mike")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[]", "\(result.stdout)")
    }
}
