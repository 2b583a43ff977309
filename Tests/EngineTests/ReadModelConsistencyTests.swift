import Engine
import EventLog
import Foundation
import Provisioning
import ReadModels
import LMDB
import Testing
import TestSupport

@Suite struct ReadModelConsistencyTests {
    /// A random, mostly plausible command over a small universe, so that most are
    /// accepted and every kind of rejection happens too.
    /// How far the run has got: book-ins and imports take fresh items, every other
    /// command picks among the items already there (and sometimes one that is not).
    struct World {
        var simsBooked = 0
        var numbersImported = 0
    }

    static func randomLine(_ rng: inout SplitMix64, step: Int, world: inout World) -> [String: Any] {
        func iccid(_ index: Int) -> String { "89445300000" + String(1_000_000 + index) }
        func number(_ index: Int) -> String { String(18_332_950_000 + index) }
        // Lazily: only the picked items are formatted.
        let iccids = (0..<(world.simsBooked + 2)).lazy.map(iccid)
        let numbers = (0..<(world.numbersImported + 2)).lazy.map(number)
        let resellers = ["Talk_Mail", "AudioCodes_Reseller"]
        let groups = ["Trial", "AC_Internal"]
        let others = ["alice", "bob", "carol"]
        func pick<C: RandomAccessCollection>(_ items: C) -> C.Element where C.Index == Int {
            items[items.startIndex + Int(rng.next() % UInt64(items.count))]
        }
        func some<C: RandomAccessCollection>(_ items: C, max: Int) -> [C.Element] where C.Index == Int {
            (0..<(1 + Int(rng.next() % UInt64(max)))).map { _ in pick(items) }
        }
        // Mostly the distributor, so most commands pass the permission check; the
        // others are refused where their role says so.
        let user = rng.next() % 4 == 0 ? pick(others) : "mike"
        let args: [String: Any]
        let command: String
        switch rng.next() % 12 {
        case 0, 1:
            command = "sims bookin"
            let count = 1 + Int(rng.next() % 4)
            let fresh = (world.simsBooked..<(world.simsBooked + count)).map(iccid)
            world.simsBooked += count
            args = ["sim-type": "MXG-ET085", "form": pick(["esim", "physical"]),
                    "iccids": fresh.map { iccid -> Any in
                        rng.next() % 2 == 0 ? iccid : ["iccid": iccid, "activation-code": "LPA:1$smdp.example.com$M\(iccid.suffix(6))"]
                    }]
        case 2, 3:
            command = "sims reserve"
            args = ["reseller": pick(resellers), "iccids": Array(Set(some(iccids, max: 3)))]
        case 4:
            command = "sims allocate"
            args = ["group": pick(groups), "iccids": Array(Set(some(iccids, max: 3)))]
        case 5:
            command = pick(["sims unallocate", "sims unreserve"])
            args = ["iccids": [pick(iccids)]]
        case 6:
            command = "sims retire"
            args = ["why": pick(["lost", "stolen", "faulty"]), "iccids": [pick(iccids)]]
        case 7:
            command = "numbers import"
            let count = 1 + Int(rng.next() % 3)
            let fresh = (world.numbersImported..<(world.numbersImported + count)).map(number)
            world.numbersImported += count
            args = ["reseller": pick(resellers), "numbers": fresh]
        case 8, 9:
            command = "subscriber provision"
            var provision: [String: Any] = [
                "group": pick(groups), "name": "Sub\(rng.next() % 30)", "first-name": "Ann", "last-name": "Lee",
                "email": "ann@example.com", "home-location": "USA", "number": pick(numbers),
                "form": pick(["esim", "physical"]),
            ]
            if rng.next() % 3 == 0 { provision["sim"] = pick(iccids) }
            if rng.next() % 4 == 0 { provision["pbx"] = "MicrosoftTeams"; provision["pbx-password"] = "pw\(step)" }
            args = provision
        case 10:
            command = "subscriber terminate"
            args = ["subuid": SubUID.generate(fromPosition: UInt64(1 + rng.next() % UInt64(max(1, step * 2)))).rawValue,
                    "why": "contract-ended"]
        default:
            command = pick(["numbers release", "subscriber set", "group set"])
            switch command {
            case "numbers release": args = ["numbers": [pick(numbers)]]
            case "group set": args = ["name": pick(groups), "limit-sim-access": rng.next() % 2 == 0]
            default:
                args = ["subuid": SubUID.generate(fromPosition: UInt64(1 + rng.next() % UInt64(max(1, step * 2)))).rawValue,
                        "hotspot": rng.next() % 2 == 0]
            }
        }
        return ["command": command, "as": user, "args": args]
    }

    @Test func readModelsEqualAFreshReplayAfterTenThousandRandomCommands() throws {
        let directory = TemporaryDirectory()
        var options = LMDBOptions.fast
        options.mapSize = 8 << 20
        let engine = try ProvisioningEngine(path: directory.path, options: options)
        var time: Int64 = 1_764_000_000_000
        for line in seedLines() {
            try engine.apply(line, at: time)
            time += 1_000
        }
        var rng = SplitMix64(seed: 20_261_126)
        var world = World()
        var accepted = 0
        var rejectedKinds = Set<Rejection.Kind>()
        for step in 0..<10_000 {
            // Time moves by hours so that some quarantines end during the run.
            time += Int64(rng.next() % 7_200_000)
            do {
                try engine.apply(Self.randomLine(&rng, step: step, world: &world), at: time)
                accepted += 1
            } catch let rejection as Rejection {
                rejectedKinds.insert(rejection.kind)
            }
        }
        #expect(accepted > 2_000, "the generator should exercise the accepted paths")
        #expect(rejectedKinds.isSuperset(of: [.notFound, .ruleViolation, .forbidden]))

        let replayed = InMemoryState(replaying: try engine.allEvents())
        let stored = try engine.readModelsInMemory()
        #expect(stored == replayed)
        #expect(stored.subscriberCount > 10)
        // The counters the views show agree with the records of a replay.
        let resellers = [try Name("Talk_Mail"), try Name("AudioCodes_Reseller")]
        var counters: [String] = []
        var expected: [Int64] = []
        for reseller in resellers {
            for status in SIMStatus.allCases {
                counters.append(Counter.sims(status, reseller: reseller))
                let held = replayed.allSIMs.filter { $0.reseller == reseller && $0.status == status }
                expected.append(Int64(held.count))
            }
            counters.append(Counter.numbers(reseller: reseller))
            expected.append(Int64(replayed.allNumbers.filter { $0.reseller == reseller }.count))
        }
        let counted: [Int64] = try engine.read(now: Timestamp(millisecondsSince1970: time)) { store, _ in
            try counters.map { try store.count($0) }
        }
        #expect(counted == expected)
        let differences = try engine.readModelDifferences()
        #expect(differences.isEmpty, "\(differences.prefix(5))")
        #expect(try engine.log.verify().isValid)

        // A past state (`--at`, from the nearest snapshot) must equal evolving the
        // events one by one; a replay must write every database byte for byte as the
        // changes wrote it one by one, counters, indexes and checkpoint included.
        let events = try engine.allEvents()
        for position in [events.count / 3, events.count / 2 + 1, events.count] {
            #expect(try engine.state(at: UInt64(position)) == InMemoryState(replaying: events.prefix(position)))
        }

        try engine.expectReplayRebuildsEveryDatabaseAsWritten()
    }

    @Test func aRefusedChangeLeavesEveryDatabaseAsItWas() throws {
        let directory = TemporaryDirectory()
        let engine = try ProvisioningEngine(path: directory.path, options: .fast)
        for line in seedLines() { try engine.apply(line, at: 1_764_000_000_000) }
        try engine.apply(
            ["command": "sims bookin", "as": "mike",
             "args": ["sim-type": "MXG-ET085", "form": "esim", "iccids": ["894453000000085788"]]],
            at: 1_764_000_100_000)
        let before = try engine.dump()
        let refused: [[String: Any]] = [
            // one bad ICCID in a batch rejects it all
            ["command": "sims bookin", "as": "mike",
             "args": ["sim-type": "MXG-ET085", "form": "esim", "iccids": ["894453000000052371", "894453000000085788"]]],
            ["command": "sims allocate", "as": "alice", "args": ["group": "Trial", "iccids": ["894453000000085788"]]],
            ["command": "sims reserve", "as": "alice", "args": ["reseller": "Talk_Mail", "iccids": ["894453000000085788"]]],
            ["command": "reseller create", "as": "mike",
             "args": ["name": "Talk_Mail", "home-location": "GBR", "country": "GBR", "address1": "x y"]],
        ]
        for line in refused {
            #expect(throws: Rejection.self) { try engine.apply(line, at: 1_764_000_200_000) }
        }
        #expect(try engine.dump() == before)
    }

    @Test func secretsStayOutOfTheLogAndARepeatedCommandIDChangesNothing() throws {
        let directory = TemporaryDirectory()
        let engine = try ProvisioningEngine(path: directory.path, options: .fast)
        for line in seedLines() { try engine.apply(line, at: 1_764_000_000_000) }
        let code = "LPA:1$smdp.example.com$QR-SECRET-7734"
        try engine.apply(
            ["command": "sims bookin", "as": "mike",
             "args": ["sim-type": "MXG-ET085", "form": "esim",
                      "iccids": [["iccid": "894453000000085788", "activation-code": code]]]],
            at: 1_764_000_100_000)
        try engine.apply(
            ["command": "sims reserve", "as": "mike", "args": ["reseller": "Talk_Mail", "iccids": ["894453000000085788"]]],
            at: 1_764_000_100_000)
        try engine.apply(["command": "numbers import", "as": "alice", "args": ["reseller": "Talk_Mail", "numbers": ["18332954087"]]], at: 1_764_000_100_000)
        let provision: [String: Any] = [
            "command": "subscriber provision", "as": "alice", "command-id": "wizard-1",
            "args": ["group": "Trial", "name": "AdeleVance", "first-name": "Adele", "last-name": "Vance",
                     "email": "adele@contoso.com", "home-location": "USA", "number": "18332954087",
                     "pbx": "MicrosoftTeams", "pbx-password": "Hunter2-Teams!"],
        ]
        let first = try engine.apply(provision, at: 1_764_000_200_000)
        let afterFirst = try engine.dump()
        let second = try engine.apply(provision, at: 1_764_000_300_000)
        #expect(second.alreadyApplied)
        #expect(second.result.positions == first.result.positions)
        #expect(second.events == first.events)
        #expect(try engine.dump() == afterFirst)

        let events = afterFirst["events"]!.flatMap { $0 }
        for secret in [code, "QR-SECRET-7734", "Hunter2-Teams!"] {
            #expect(events.firstRange(of: Array(secret.utf8)) == nil, "\(secret) leaked into the log")
        }
        #expect(try engine.secret("esim:894453000000085788") == Array(code.utf8))
        let subUID = SubUID.generate(fromPosition: first.result.firstPosition)
        #expect(try engine.secret("pbx-password:\(subUID.rawValue)") == Array("Hunter2-Teams!".utf8))
    }
}

extension LMDBOptions {
    /// Throwaway test stores skip the fsync: the tests are about logic, not durability.
    static var fast: LMDBOptions {
        var options = LMDBOptions()
        options.noSync = true
        return options
    }
}
