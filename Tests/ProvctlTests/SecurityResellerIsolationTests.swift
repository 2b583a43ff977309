import Foundation
import Testing
import TestSupport

/// Reliability, security item 8, second half: a reseller user cannot see or touch
/// another reseller's groups, SIMs, numbers or subscribers, reads included. Both
/// directions: liziya (Talk_Mail) against AudioCodes_Reseller, ran.inbar against Talk_Mail.
@Suite("Security: one reseller cannot reach another's items")
struct SecurityResellerIsolationTests {
    typealias Home = PermissionFixture.Home

    struct Trespass: Sendable, CustomTestStringConvertible {
        var user: String
        var own: Home
        var other: Home
        var testDescription: String { "\(user) (\(own.reseller)) on \(other.reseller)" }
    }

    static let trespasses = [
        Trespass(user: "liziya", own: PermissionFixture.talkMail, other: PermissionFixture.audioCodes),
        Trespass(user: "ran.inbar", own: PermissionFixture.audioCodes, other: PermissionFixture.talkMail),
    ]

    /// Everything that names the other reseller's items.
    static func otherItems(_ other: Home, _ subUIDs: [String: String]) -> [String] {
        [
            other.reseller, other.group, other.reservedToAllocate, other.reservedToUnreserve, other.allocatedToUnallocate,
            other.allocatedToProvision, other.availableNumber, other.quarantinedNumber,
            subUIDs[other.subscriberToChange] ?? "?", other.subscriberToChange,
        ]
    }

    @Test("reads of the other reseller's items exit 77 and show nothing", arguments: trespasses)
    func reads(_ trespass: Trespass) throws {
        let prepared = try PermissionFixture.shared.get()
        let provctl = ProvctlProcess(store: prepared.path)
        let other = trespass.other
        let subscriber = prepared.subUIDs[other.subscriberToChange] ?? "?"
        let refused: [[String]] = [
            ["reseller", "show", other.reseller],
            ["group", "show", other.group],
            ["catalog", "show", "--group", other.group],
            ["catalog", "show", "--reseller", other.reseller],
            ["sims", "show", other.allocatedToUnallocate],
            ["sims", "show", other.reservedToAllocate],
            ["sims", "show", other.allocatedToUnallocate, "--at", "2099-01-01T00:00:00Z"],
            ["subscriber", "show", subscriber],
            ["subscriber", "esim", subscriber],
            ["audit", "sim", other.allocatedToUnallocate],
            ["audit", "number", other.availableNumber],
            ["audit", "subscriber", subscriber],
            ["audit", "group", other.group],
            ["audit", "reseller", other.reseller],
        ]
        for arguments in refused {
            for json in [false, true] {
                let result = try provctl.run(arguments + (json ? ["--json"] : []), as: trespass.user)
                #expect(result.status == 77, "\(trespass.user) \(arguments): \(result)")
                if json {
                    #expect(result.stdout.contains("\"code\": 77"), "\(result.stdout)")
                } else {
                    #expect(result.stdout.isEmpty, "\(trespass.user) \(arguments): \(result.stdout)")
                }
            }
        }

        // Lists show the user's own items and none of the other's, also when filtered
        // on the other reseller or its group (an empty list, as for a name that is not there).
        let items = Self.otherItems(other, prepared.subUIDs)
        let lists = [
            ["reseller", "list"], ["group", "list"], ["sims", "list"], ["numbers", "list"], ["subscriber", "list"], ["user", "list"],
            ["group", "list", "--reseller", other.reseller], ["sims", "list", "--reseller", other.reseller],
            ["sims", "list", "--group", other.group], ["numbers", "list", "--reseller", other.reseller],
            ["subscriber", "list", "--group", other.group], ["subscriber", "list", "--reseller", other.reseller],
            ["sims", "list", "--at", "2099-01-01T00:00:00Z"], ["subscriber", "list", "--at", "2099-01-01T00:00:00Z"],
        ]
        for arguments in lists {
            for json in [false, true] {
                let result = try provctl.run(arguments + (json ? ["--json"] : []), as: trespass.user)
                #expect(result.status == 0, "\(arguments): \(result)")
                for item in items {
                    #expect(!result.stdout.contains(item), "\(trespass.user) \(arguments) shows \(item)")
                }
            }
        }
        let own = try provctl.run(["sims", "list"], as: trespass.user)
        #expect(own.stdout.contains(trespass.own.allocatedToUnallocate), "the user sees its own SIMs")
    }

    @Test("changes to the other reseller's items exit 77 and record nothing", arguments: trespasses)
    func changes(_ trespass: Trespass) throws {
        let (store, prepared) = try PermissionFixture.copy()
        let provctl = ProvctlProcess(store: store.path)
        let own = trespass.own
        let other = trespass.other
        let subscriber = prepared.subUIDs[other.subscriberToChange] ?? "?"
        let attempts: [[String]] = [
            ["group", "create", "Trespass_Group", "--reseller", other.reseller, "--domain", "0b7c5c0e-5f1a-4b8e-9d2a-7e5f3c1d2a11", "--home-location", "USA"],
            ["group", "set", other.group, "--limit-sim-access", "on"],
            ["network-profiles", "default", "--group", other.group, "TangoExt"],
            ["sims", "allocate", "--group", other.group, own.reservedToAllocate],
            ["sims", "allocate", "--group", own.group, other.reservedToAllocate],
            ["sims", "unallocate", other.allocatedToUnallocate],
            ["numbers", "import", "--reseller", other.reseller, "14155550777"],
            ["numbers", "release", other.quarantinedNumber],
            [
                "subscriber", "provision", "--group", other.group, "--name", "Trespasser", "--first-name", "T", "--last-name", "P",
                "--email", "t@example.com", "--home-location", "USA", "--sim", other.allocatedToProvision, "--number", other.availableNumber,
            ],
            [
                "subscriber", "provision", "--group", own.group, "--name", "Trespasser", "--first-name", "T", "--last-name", "P",
                "--email", "t@example.com", "--home-location", "USA", "--sim", other.allocatedToProvision, "--number", own.availableNumber,
            ],
            [
                "subscriber", "provision", "--group", own.group, "--name", "Trespasser", "--first-name", "T", "--last-name", "P",
                "--email", "t@example.com", "--home-location", "USA", "--sim", own.allocatedToProvision, "--number", other.availableNumber,
            ],
            ["subscriber", "set", subscriber, "--hotspot", "on"],
            ["subscriber", "terminate", subscriber, "--why", "fraud"],
            ["user", "add", "trespass.one", "--name", "T One", "--email", "t1@example.com", "--role", "customer", "--group", other.group],
            ["user", "add", "trespass.two", "--name", "T Two", "--email", "t2@example.com", "--role", "reseller", "--reseller", other.reseller],
        ]
        let before = try provctl.dump()
        for arguments in attempts {
            let result = try provctl.run(arguments, as: trespass.user)
            #expect(result.status == 77, "\(trespass.user) \(arguments): \(result)")
            #expect(try provctl.dump() == before, "\(arguments) changed the store")
        }
    }

    /// The log, an export and the statistics show the whole store: only a distributor
    /// user (or no `--as`, the store's owner) may read them; an audit needs the item in
    /// scope, and `audit user` is one's own changes.
    @Test("log, export, stats and another's audit are refused to a reseller user", arguments: trespasses)
    func storeWideTools(_ trespass: Trespass) throws {
        let prepared = try PermissionFixture.shared.get()
        let provctl = ProvctlProcess(store: prepared.path)
        for arguments in [["log"], ["log", "--json"], ["export"], ["stats"], ["stats", "--json"], ["audit", "user", "mike"]] {
            let result = try provctl.run(arguments, as: trespass.user)
            #expect(result.status == 77, "\(trespass.user) \(arguments): \(result.status) \(result.stderr)")
            #expect(result.stdout.isEmpty || result.stdout.contains("\"code\": 77"))
        }
        #expect(try provctl.run(["log", "--limit", "1"], as: "mike").status == 0)
        #expect(try provctl.run(["log", "--limit", "1"]).status == 0)
        let own = try provctl.run(["audit", "sim", trespass.own.allocatedToUnallocate], as: trespass.user)
        #expect(own.status == 0 && own.stdout.contains("sim.allocated"), "\(own)")
        let mine = try provctl.run(["audit", "user", trespass.user], as: trespass.user)
        #expect(mine.status == 0 && mine.stdout.contains(trespass.user), "\(mine)")
    }
}
