import Foundation
import Testing
import TestSupport

/// Reliability, security item 8: the role × action table of shared/docs/domain.md
/// ("Control Panel users and roles"), every pair through the built binary. Each role's
/// user acts in its own scope, so a refusal can only come from the role: every
/// forbidden pair exits 77 and leaves the store byte for byte as it was; every allowed
/// pair exits 0. The expected table is written here from domain.md, not taken from
/// `Permissions.swift`, so a wrong table in the code fails. (The domain-level test of
/// the same table is `ProvisioningTests/UsersAndRolesTests`.)
@Suite("Security: the role × action matrix through the CLI")
struct SecurityPermissionMatrixTests {
    typealias Home = PermissionFixture.Home

    /// A walkthrough user of each role and the scope it works in.
    struct RoleUser: Sendable, CustomTestStringConvertible {
        var role: String
        var user: String
        var home: Home
        var testDescription: String { "\(role) (\(user))" }
    }

    static let users: [RoleUser] = [
        RoleUser(role: "distributor", user: "mike", home: PermissionFixture.talkMail),
        RoleUser(role: "reseller", user: "liziya", home: PermissionFixture.talkMail),
        RoleUser(role: "reseller-downgraded", user: "irene.wang", home: PermissionFixture.talkMail),
        RoleUser(role: "reseller-subs-view-only", user: "noa.fried", home: PermissionFixture.talkMail),
        RoleUser(role: "multi-customer", user: "tughril", home: PermissionFixture.audioCodes),
        RoleUser(role: "customer", user: "megan.it", home: PermissionFixture.talkMail),
    ]

    /// One CLI change and the roles domain.md lets make it.
    struct Change: Sendable {
        var name: String
        var allowed: Set<String>
        var arguments: @Sendable (Home, [String: String]) -> [String]
    }

    static let everyone: Set<String> = ["distributor", "reseller", "reseller-downgraded", "reseller-subs-view-only", "multi-customer", "customer"]

    /// domain.md: distributor "everything"; reseller "its reseller: groups, group catalog
    /// choices, SIM allocation to its groups, numbers, subscribers, users of its reseller";
    /// reseller-downgraded "subscribers and SIM allocation within its reseller";
    /// reseller-subs-view-only "nothing"; multi-customer "subscribers of the groups it is
    /// given"; customer "subscribers of its one group". "Reserving SIMs from stock (Bookin)
    /// and defining the catalog are the Distributor's alone." Settings, resellers, a
    /// reseller's own catalog and branding, unreserve and retire are in no other role's list.
    static let changes: [Change] = [
        Change(name: "settings set", allowed: ["distributor"]) { _, _ in ["settings", "set", "--number-quarantine-days", "30"] },
        Change(name: "bundle define", allowed: ["distributor"]) { _, _ in
            ["bundle", "define", "BUN-MATRIX", "--name", "Matrix bundle", "--home-location", "USA"]
        },
        Change(name: "pbx add", allowed: ["distributor"]) { _, _ in
            ["pbx", "add", "MatrixPBX", "--type", "generic-sip", "--home-location", "USA", "--country", "USA"]
        },
        Change(name: "product define", allowed: ["distributor"]) { _, _ in
            ["product", "define", "UCM", "--name", "Matrix product", "--type", "enterprise"]
        },
        Change(name: "roaming-policy define", allowed: ["distributor"]) { _, _ in
            ["roaming-policy", "define", "PLCY_MATRIX", "--home-location", "ALL"]
        },
        Change(name: "network-profile define", allowed: ["distributor"]) { _, _ in
            ["network-profile", "define", "Matrix-Net", "--spn", "MatrixNet"]
        },
        Change(name: "reseller create", allowed: ["distributor"]) { _, _ in
            ["reseller", "create", "Matrix_Reseller", "--home-location", "USA", "--country", "USA", "--address1", "1 Main St"]
        },
        Change(name: "network-profiles default --reseller", allowed: ["distributor"]) { home, _ in
            ["network-profiles", "default", "--reseller", home.reseller, "TangoExt"]
        },
        Change(name: "branding set", allowed: ["distributor"]) { home, _ in
            ["branding", "set", "--reseller", home.reseller, "--product-name", "Matrix Phone"]
        },
        Change(name: "group create", allowed: ["distributor", "reseller"]) { home, _ in
            ["group", "create", "Matrix_Group", "--reseller", home.reseller, "--domain", "0b7c5c0e-5f1a-4b8e-9d2a-7e5f3c1d2a10", "--home-location", "USA"]
        },
        Change(name: "group set", allowed: ["distributor", "reseller"]) { home, _ in
            ["group", "set", home.group, "--limit-sim-access", "on"]
        },
        Change(name: "network-profiles default --group", allowed: ["distributor", "reseller"]) { home, _ in
            ["network-profiles", "default", "--group", home.group, "TangoExt"]
        },
        Change(name: "products assign --group", allowed: ["distributor", "reseller"]) { home, _ in
            ["products", "assign", "--group", home.group, "UCC"]
        },
        Change(name: "bundles default --group", allowed: ["distributor", "reseller"]) { home, _ in
            ["bundles", "default", "--group", home.group, "BUN-USN-MX2G"]
        },
        Change(name: "roaming-policies assign --group", allowed: ["distributor", "reseller"]) { home, _ in
            ["roaming-policies", "assign", "--group", home.group, "PLCY_RMG_UNRESTRICTED"]
        },
        Change(name: "user add", allowed: ["distributor", "reseller"]) { home, _ in
            ["user", "add", "matrix.user", "--name", "Matrix User", "--email", "matrix.user@example.com", "--role", "customer", "--group", home.group]
        },
        Change(name: "sims bookin", allowed: ["distributor"]) { _, _ in
            ["sims", "bookin", "--sim-type", "MXG-ET085", "--form", "esim", PermissionFixture.newSIM]
        },
        Change(name: "sims reserve", allowed: ["distributor"]) { home, _ in
            ["sims", "reserve", "--reseller", home.reseller, PermissionFixture.bookinSIM]
        },
        Change(name: "sims unreserve", allowed: ["distributor"]) { home, _ in ["sims", "unreserve", home.reservedToUnreserve] },
        Change(name: "sims retire", allowed: ["distributor"]) { home, _ in ["sims", "retire", "--why", "lost", home.reservedToRetire] },
        Change(name: "sims allocate", allowed: ["distributor", "reseller", "reseller-downgraded"]) { home, _ in
            ["sims", "allocate", "--group", home.group, home.reservedToAllocate]
        },
        Change(name: "sims unallocate", allowed: ["distributor", "reseller", "reseller-downgraded"]) { home, _ in
            ["sims", "unallocate", home.allocatedToUnallocate]
        },
        Change(name: "numbers import", allowed: ["distributor", "reseller"]) { home, _ in
            ["numbers", "import", "--reseller", home.reseller, home.newNumber]
        },
        Change(name: "numbers release", allowed: ["distributor", "reseller"]) { home, _ in ["numbers", "release", home.quarantinedNumber] },
        Change(name: "subscriber provision", allowed: everyone.subtracting(["reseller-subs-view-only"])) { home, _ in
            [
                "subscriber", "provision", "--group", home.group, "--name", "MatrixSub", "--first-name", "Matrix", "--last-name", "Sub",
                "--email", "matrix@example.com", "--home-location", "USA", "--sim", home.allocatedToProvision, "--number", home.availableNumber,
            ]
        },
        Change(name: "subscriber set", allowed: everyone.subtracting(["reseller-subs-view-only"])) { home, subUIDs in
            ["subscriber", "set", subUIDs[home.subscriberToChange] ?? "?", "--hotspot", "on"]
        },
        Change(name: "subscriber terminate", allowed: everyone.subtracting(["reseller-subs-view-only"])) { home, subUIDs in
            ["subscriber", "terminate", subUIDs[home.subscriberToTerminate] ?? "?", "--why", "customer-request"]
        },
    ]

    /// One CLI read of an item in the user's scope and the roles domain.md lets see it:
    /// reseller roles "its reseller" (view-only: "subscribers of its reseller"),
    /// multi-customer "those groups", customer "its group".
    static let reads: [Change] = [
        Change(name: "reseller show", allowed: ["distributor", "reseller", "reseller-downgraded"]) { home, _ in
            ["reseller", "show", home.reseller]
        },
        Change(name: "group show", allowed: everyone.subtracting(["reseller-subs-view-only"])) { home, _ in
            ["group", "show", home.group]
        },
        Change(name: "sims show", allowed: everyone.subtracting(["reseller-subs-view-only"])) { home, _ in
            ["sims", "show", home.allocatedToUnallocate]
        },
        Change(name: "subscriber show", allowed: everyone) { home, subUIDs in
            ["subscriber", "show", subUIDs[home.subscriberToChange] ?? "?"]
        },
    ]

    @Test("every change: allowed pairs work, forbidden pairs exit 77 and record nothing", arguments: users)
    func changes(_ actor: RoleUser) throws {
        let (store, prepared) = try PermissionFixture.copy()
        let provctl = ProvctlProcess(store: store.path)
        for change in Self.changes {
            let arguments = change.arguments(actor.home, prepared.subUIDs)
            let before = try provctl.dump()
            let result = try provctl.run(arguments, as: actor.user)
            if change.allowed.contains(actor.role) {
                #expect(result.status == 0, "\(actor.role) may \(change.name): \(result)")
                #expect(try provctl.dump() != before, "\(change.name) recorded nothing")
            } else {
                #expect(result.status == 77, "\(actor.role) may not \(change.name): \(result)")
                #expect(result.stderr.hasPrefix("provctl: ") && result.stderr.contains(actor.user), "\(result.stderr)")
                #expect(try provctl.dump() == before, "\(actor.role) \(change.name) changed the store")
            }
        }
        #expect(try provctl.run(["verify"]).status == 0)
    }

    @Test("every read of the user's own scope: allowed pairs show it, forbidden pairs exit 77", arguments: users)
    func reads(_ actor: RoleUser) throws {
        let prepared = try PermissionFixture.shared.get()
        let provctl = ProvctlProcess(store: prepared.path)
        for read in Self.reads {
            let arguments = read.arguments(actor.home, prepared.subUIDs)
            let result = try provctl.run(arguments, as: actor.user)
            if read.allowed.contains(actor.role) {
                #expect(result.status == 0, "\(actor.role) may \(read.name): \(result)")
                #expect(result.stdout.contains(arguments[2]), "\(read.name) shows \(arguments[2])")
            } else {
                #expect(result.status == 77, "\(actor.role) may not \(read.name): \(result)")
                #expect(result.stdout.isEmpty)
            }
        }
    }
}
