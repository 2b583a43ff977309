import Foundation
import Testing

extension ReliabilityTests {
    /// Reliability, item 2: four `provctl run --keep-going` processes started at once, each
    /// making 500 changes (reserve, allocate, provision) on overlapping SIMs and numbers.
    /// Every accepted change is in the log once, positions are gapless, no SIM is active
    /// for two subscribers, no number is assigned twice, and every refusal is a documented
    /// one (68: the SIM or number was taken by another writer first; 75: a conflict).
    @Suite struct ConcurrentWriters {
        static let writers = 4
        static let changesPerWriter = 500
        static let pool = 300
        static let group = "Audiocodes_Trial_End_Customer"

        @Test(.timeLimit(.minutes(10)))
        func fourWritersAtOnceLoseNothingDoubleNothingAndRefuseOnlyByTheRules() throws {
            let (directory, provctl) = try LogTools.walkthroughStore("concurrent-writers")
            let sims = Reliability.iccids(series: 4, count: Self.pool)
            let numbers = Reliability.numbers(count: Self.pool)
            let simFile = try LogTools.write(sims, named: "sims.txt", in: directory)
            try #require(try provctl.run(Reliability.bookIn(file: simFile), as: "mike").status == 0)
            let numberFile = try LogTools.write(numbers, named: "numbers.txt", in: directory)
            try #require(
                try provctl.run(["numbers", "import", "--reseller", "Talk_Mail", "--file", numberFile], as: "liziya").status == 0)
            let headBefore = Reliability.events(try Reliability.stats(provctl))

            let scripts = try (0..<Self.writers).map { writer in
                try LogTools.write(Self.script(writer: writer, sims: sims, numbers: numbers), named: "writer-\(writer).jsonl", in: directory)
            }
            let results = Locked([ProvctlProcess.Result?](repeating: nil, count: Self.writers))
            DispatchQueue.concurrentPerform(iterations: Self.writers) { writer in
                let result = try? provctl.run(["run", scripts[writer], "--keep-going", "--json"])
                results.withLock { $0[writer] = result }
            }

            // Each writer: a JSON summary, every line applied or refused with 68 or 75.
            var accepted: Set<String> = []
            var refused: Set<String> = []
            for (writer, result) in results.withLock({ $0 }).enumerated() {
                let result = try #require(result, "writer \(writer) did not run")
                #expect([0, 68, 75].contains(result.status), "writer \(writer): \(result)")
                let summary = try LogTools.object(result.stdout)
                let failures = try #require(summary["failures"] as? [[String: Any]], "writer \(writer): \(result.stdout)")
                let codes = Set(failures.compactMap { ($0["code"] as? NSNumber)?.int32Value })
                #expect(codes.isSubset(of: [68, 75]), "writer \(writer): refusals \(codes): \(failures.prefix(3))")
                let failedLines = Set(failures.compactMap { ($0["line"] as? NSNumber)?.intValue })
                #expect((summary["changes"] as? NSNumber)?.intValue == Self.changesPerWriter - failedLines.count)
                for line in 1...Self.changesPerWriter {
                    if failedLines.contains(line) { refused.insert(Self.commandID(writer, line)) } else { accepted.insert(Self.commandID(writer, line)) }
                }
            }

            // The log: every accepted change once, as one run of consecutive positions; no refused one.
            let exported = try provctl.run(["export"])
            try #require(exported.status == 0)
            let records = try LogTools.lines(exported.stdout)
            let positions = records.compactMap { ($0["position"] as? NSNumber)?.intValue }
            #expect(positions == Array(1...records.count), "positions are not gapless")
            var runs: [(id: String, count: Int)] = []
            for record in records.dropFirst(headBefore) {
                let id = record["command-id"] as? String ?? ""
                if runs.last?.id == id { runs[runs.count - 1].count += 1 } else { runs.append((id, 1)) }
            }
            let logged = runs.map(\.id)
            #expect(Set(logged).count == logged.count, "a change's events are split or repeated in the log")
            #expect(Set(logged) == accepted, "accepted and logged changes differ: \(Set(logged).symmetricDifference(accepted).prefix(5))")
            #expect(refused.isDisjoint(with: Set(logged)))
            try Reliability.expectVerifies(provctl, "after four writers")

            // The state: one SIM and one number per provisioned subscriber, each held once.
            let subscribers = try LogTools.array(try provctl.run(["subscriber", "list", "--status", "PROVISIONED", "--json"]).stdout)
            let heldSIMs = subscribers.compactMap { $0["iccid"] as? String }
            let heldNumbers = subscribers.compactMap { $0["number"] as? String }
            #expect(heldSIMs.count == subscribers.count && heldNumbers.count == subscribers.count, "\(subscribers.first ?? [:])")
            #expect(Set(heldSIMs).count == heldSIMs.count, "a SIM is held by two subscribers")
            #expect(Set(heldNumbers).count == heldNumbers.count, "a number is assigned twice")
            let active = try LogTools.array(try provctl.run(["sims", "list", "--status", "ACTIVE", "--json"]).stdout)
            #expect(Set(active.compactMap { $0["iccid"] as? String }) == Set(heldSIMs))
            let holder = Dictionary(subscribers.map { ($0["iccid"] as? String ?? "", $0["subuid"] as? String) }) { first, _ in first }
            for sim in active {
                #expect(holder[sim["iccid"] as? String ?? ""] == sim["subscriber"] as? String, "SIM \(sim) and its subscriber disagree")
            }
            let assigned = try LogTools.array(try provctl.run(["numbers", "list", "--status", "ASSIGNED", "--json"]).stdout)
            #expect(Set(assigned.compactMap { $0["number"] as? String }) == Set(heldNumbers))
            let provisions = accepted.filter { Self.operation(ofCommandID: $0) == 2 }.count
            #expect(subscribers.count == provisions, "\(subscribers.count) subscribers from \(provisions) accepted provisions")
            print("four writers: \(accepted.count) changes accepted, \(refused.count) refused (68), \(subscribers.count) subscribers")
        }

        /// Writer `w` walks SIMs w*75 ..< w*75+167 of the pool (neighbours share more than
        /// half of theirs): reserve, allocate, provision each, with a number chosen so that
        /// writers also collide on numbers of different SIMs.
        static func script(writer: Int, sims: [String], numbers: [String]) -> [String] {
            var lines: [String] = []
            var step = 0
            while lines.count < changesPerWriter {
                let index = (writer * 75 + step / 3) % pool
                let sim = sims[index]
                let line = lines.count + 1
                let object: [String: Any]
                switch step % 3 {
                case 0:
                    object = ["command": "sims reserve", "as": "mike", "args": ["reseller": "Talk_Mail", "iccids": [sim]]]
                case 1:
                    object = ["command": "sims allocate", "as": "liziya", "args": ["group": group, "iccids": [sim]]]
                default:
                    let name = "W\(writer)S\(index)"
                    object = [
                        "command": "subscriber provision", "as": "megan.it",
                        "args": [
                            "group": group, "name": name, "first-name": "Writer\(writer)", "last-name": "Sim\(index)",
                            "email": "\(name.lowercased())@example.com", "home-location": "USA", "form": "physical",
                            "sim": sim, "number": numbers[(index + 37 * writer) % pool],
                        ],
                    ]
                }
                var withID = object
                withID["command-id"] = commandID(writer, line)
                lines.append(String(decoding: try! JSONSerialization.data(withJSONObject: withID, options: [.sortedKeys]), as: UTF8.self))
                step += 1
            }
            return lines
        }

        static func commandID(_ writer: Int, _ line: Int) -> String { "w\(writer)-l\(line)-op\((line - 1) % 3)" }

        /// 0 reserve, 1 allocate, 2 provision.
        static func operation(ofCommandID id: String) -> Int? { id.split(separator: "op").last.flatMap { Int($0) } }
    }
}
