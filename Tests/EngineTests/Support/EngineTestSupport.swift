import Engine
import EventLog
import Foundation
import LMDB
import Provisioning
import Testing
import TestSupport

extension ProvisioningEngine {
    /// Applies one script line (the `run` format) as its own change.
    @discardableResult
    func apply(_ line: [String: Any], at time: Int64) throws -> ChangeOutcome {
        let data = try JSONSerialization.data(withJSONObject: line)
        let parsed = try ScriptLineParser.parse(String(decoding: data, as: UTF8.self))
        return try execute(
            parsed.command, as: parsed.actor, options: ChangeOptions(commandID: parsed.commandID, reason: parsed.reason),
            now: Timestamp(millisecondsSince1970: time))
    }

    /// Every key and value of every database, for byte-for-byte comparisons.
    func dump() throws -> [String: [[UInt8]]] {
        try dumpDatabases(log.environment, log.environment.databaseNames)
    }

    /// Replays the whole log and expects every database, byte for byte, as the
    /// changes wrote it.
    func expectReplayRebuildsEveryDatabaseAsWritten(sourceLocation: SourceLocation = #_sourceLocation) throws {
        let head = try log.head().position
        let changeByChange = try dump()
        #expect(try replay() == head, sourceLocation: sourceLocation)
        let afterReplay = try dump()
        for name in changeByChange.keys.sorted() {
            #expect(afterReplay[name] == changeByChange[name], "\(name) differs after a replay", sourceLocation: sourceLocation)
        }
    }
}

/// The guide's world in a few lines: the catalog, two resellers with a group each,
/// users of every role.
func seedLines() -> [[String: Any]] {
    func line(_ command: String, _ args: [String: Any], as user: String? = "mike") -> [String: Any] {
        var line: [String: Any] = ["command": command, "args": args]
        line["as"] = user
        return line
    }
    return [
        line("init", ["distributor": "AudioCodes", "admin": "mike", "admin-email": "mike@audiocodes.com"], as: nil),
        line("pbx add", ["name": "MicrosoftTeams", "type": "microsoft-teams", "home-location": "USA", "country": "USA"]),
        line("product define", ["code": "UCC", "name": "UC Link - PBX", "type": "enterprise"]),
        line("bundle define", ["code": "BUN-USN-RATECARD", "name": "Subscriber Bundle Ratecard", "home-location": "USA"]),
        line("bundle define", ["code": "BUN-UKN-MX2G", "name": "Unlimited Voice and Text, 2GB Data", "home-location": "GBR"]),
        line("roaming-policy define", ["name": "PLCY_RMG_UNRESTRICTED", "home-location": "ALL"]),
        line("network-profile define", ["name": "Mobile-X", "spn": "Mobile-X"]),
        line("reseller create", ["name": "Talk_Mail", "home-location": "GBR,USA", "country": "GBR", "address1": "1 High St"]),
        line("reseller create", ["name": "AudioCodes_Reseller", "home-location": "USA", "country": "USA", "address1": "2 Main St"]),
        line("network-profiles assign", ["reseller": "Talk_Mail", "codes": ["Mobile-X"]]),
        line("network-profiles assign", ["reseller": "AudioCodes_Reseller", "codes": ["Mobile-X"]]),
        line("group create", ["name": "Trial", "reseller": "Talk_Mail", "domain": "0f3c2b9e-6a43-4f0e-9d55-1c7a8e2b4d10", "home-location": "USA"]),
        line("group create", ["name": "AC_Internal", "reseller": "AudioCodes_Reseller", "domain": "1f3c2b9e-6a43-4f0e-9d55-1c7a8e2b4d10", "home-location": "USA", "limit-sim-access": true]),
        line("network-profiles assign", ["group": "Trial", "codes": ["Mobile-X"]]),
        line("network-profiles assign", ["group": "AC_Internal", "codes": ["Mobile-X"]]),
        line("bundles default", ["group": "Trial", "code": "BUN-USN-RATECARD"]),
        line("bundles default", ["group": "AC_Internal", "code": "BUN-USN-RATECARD"]),
        line("roaming-policies default", ["group": "Trial", "code": "PLCY_RMG_UNRESTRICTED"]),
        line("roaming-policies default", ["group": "AC_Internal", "code": "PLCY_RMG_UNRESTRICTED"]),
        line("user add", ["username": "alice", "name": "Alice", "email": "alice@talkmail.co.uk", "role": "reseller", "reseller": "Talk_Mail"]),
        line("user add", ["username": "bob", "name": "Bob", "email": "bob@audiocodes.com", "role": "reseller-downgraded", "reseller": "AudioCodes_Reseller"]),
        line("user add", ["username": "carol", "name": "Carol", "email": "carol@contoso.com", "role": "customer", "group": ["Trial"]]),
    ]
}
