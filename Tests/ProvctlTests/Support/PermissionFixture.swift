import Foundation
import TestSupport

/// A walkthrough store with, for each of its two resellers, one of every item a
/// permission test needs: SIMs reserved (to allocate, unreserve, retire) and allocated
/// (to unallocate, to provision with), numbers available and quarantined, and active
/// subscribers (to change, to terminate). Built once per test process through `run`;
/// tests work on copies.
enum PermissionFixture {
    /// What one user's scope holds: the reseller and group it works in, and the items
    /// of each kind a change may use without depending on another change.
    struct Home: Sendable {
        var reseller: String
        var group: String
        var reservedToAllocate: String
        var reservedToUnreserve: String
        var reservedToRetire: String
        var allocatedToUnallocate: String
        var allocatedToProvision: String
        var availableNumber: String
        var quarantinedNumber: String
        var newNumber: String
        /// Subscriber names; `subUID(of:)` gives their SubUIDs.
        var subscriberToChange: String
        var subscriberToTerminate: String
    }

    static let talkMail = Home(
        reseller: "Talk_Mail", group: "Audiocodes_Trial_End_Customer",
        reservedToAllocate: "894453000000400005", reservedToUnreserve: "894453000000400006",
        reservedToRetire: "894453000000400007", allocatedToUnallocate: "894453000000400003",
        allocatedToProvision: "894453000000400004", availableNumber: "18332954090",
        quarantinedNumber: "18332954087", newNumber: "18332954095",
        subscriberToChange: "TrialOne", subscriberToTerminate: "TrialTwo")

    static let audioCodes = Home(
        reseller: "AudioCodes_Reseller", group: "AC_Internal",
        reservedToAllocate: "894453000000400016", reservedToUnreserve: "894453000000400017",
        reservedToRetire: "894453000000400018", allocatedToUnallocate: "894453000000400014",
        allocatedToProvision: "894453000000400015", availableNumber: "14155550104",
        quarantinedNumber: "14155550103", newNumber: "14155550199",
        subscriberToChange: "AcOne", subscriberToTerminate: "AcTwo")

    /// A SIM in stock (BOOKIN), for `sims reserve`.
    static let bookinSIM = "894453000000400020"
    /// A new ICCID, for `sims bookin`.
    static let newSIM = "894453000000500001"

    static let setupLines: [String] = {
        let talk = (1...7).map { "8944530000004000\(String(format: "%02d", $0))" }
        let ac = (11...18).map { "8944530000004000\($0)" }
        func list(_ items: [String]) -> String { "[" + items.map { "\"\($0)\"" }.joined(separator: ", ") + "]" }
        func provision(_ user: String, _ group: String, _ name: String, _ sim: String, _ number: String) -> String {
            #"{"command": "subscriber provision", "as": "\#(user)", "args": {"group": "\#(group)", "name": "\#(name)", "first-name": "\#(name)", "last-name": "Test", "email": "\#(name)@example.com", "home-location": "USA", "sim": "\#(sim)", "number": "\#(number)"}}"#
        }
        return [
            #"{"command": "sims bookin", "as": "mike", "args": {"sim-type": "MXG-ET085", "form": "esim", "iccids": \#(list(talk + ac + [bookinSIM]))}}"#,
            #"{"command": "sims reserve", "as": "mike", "args": {"reseller": "Talk_Mail", "iccids": \#(list(talk))}}"#,
            #"{"command": "sims reserve", "as": "mike", "args": {"reseller": "AudioCodes_Reseller", "iccids": \#(list(ac))}}"#,
            #"{"command": "sims allocate", "as": "liziya", "args": {"group": "Audiocodes_Trial_End_Customer", "iccids": \#(list(Array(talk.prefix(4))))}}"#,
            #"{"command": "sims allocate", "as": "ran.inbar", "args": {"group": "AC_Internal", "iccids": \#(list(Array(ac.prefix(5))))}}"#,
            #"{"command": "numbers import", "as": "liziya", "args": {"reseller": "Talk_Mail", "numbers": ["18332954090"]}}"#,
            #"{"command": "numbers import", "as": "ran.inbar", "args": {"reseller": "AudioCodes_Reseller", "numbers": ["14155550101", "14155550102", "14155550103", "14155550104"]}}"#,
            provision("liziya", "Audiocodes_Trial_End_Customer", "TrialOne", talk[0], "18332954088"),
            provision("liziya", "Audiocodes_Trial_End_Customer", "TrialTwo", talk[1], "18332954089"),
            provision("ran.inbar", "AC_Internal", "AcOne", ac[0], "14155550101"),
            provision("ran.inbar", "AC_Internal", "AcTwo", ac[1], "14155550102"),
            provision("ran.inbar", "AC_Internal", "AcGone", ac[2], "14155550103"),
        ]
    }()

    struct Prepared: Sendable {
        var path: String
        var subUIDs: [String: String]
    }

    /// The prepared store (kept beside the shared walkthrough store, removed with the process).
    static let shared: Result<Prepared, any Error> = Result {
        let walkthrough = try Walkthrough.copy()
        let provctl = ProvctlProcess(store: walkthrough.path)
        let script = try walkthrough.file("permission-setup.jsonl", contents: setupLines.joined(separator: "\n") + "\n")
        let setup = try provctl.run(["run", script])
        guard setup.status == 0 else { throw SetupFailed(result: setup) }
        let list = try LogTools.array(try provctl.run(["subscriber", "list", "--json"]).stdout)
        var subUIDs: [String: String] = [:]
        for subscriber in list {
            if let name = subscriber["name"] as? String, let subUID = subscriber["subuid"] as? String { subUIDs[name] = subUID }
        }
        guard let gone = subUIDs["AcGone"] else { throw SetupFailed(result: setup) }
        let terminate = try provctl.run(["subscriber", "terminate", gone, "--why", "contract-ended"], as: "ran.inbar")
        guard terminate.status == 0 else { throw SetupFailed(result: terminate) }
        // Moved out of the temporary directory, so that it outlives this closure.
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("provctl-permissions-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: walkthrough.path + "/data.mdb", toPath: path + "/data.mdb")
        preparedPath = path
        atexit { if let path = preparedPath { try? FileManager.default.removeItem(atPath: path) } }
        return Prepared(path: path, subUIDs: subUIDs)
    }

    struct SetupFailed: Error, CustomStringConvertible {
        var result: ProvctlProcess.Result
        var description: String { "the permission fixture could not be built: \(result)" }
    }

    /// A private copy of the prepared store, removed with the returned directory.
    static func copy() throws -> (TemporaryDirectory, Prepared) {
        let prepared = try shared.get()
        let copy = TemporaryDirectory("permissions-copy")
        try FileManager.default.createDirectory(atPath: copy.path, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: prepared.path + "/data.mdb", toPath: copy.path + "/data.mdb")
        return (copy, prepared)
    }
}

nonisolated(unsafe) private var preparedPath: String?
