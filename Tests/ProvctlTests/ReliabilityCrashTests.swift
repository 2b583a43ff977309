import Foundation
import Testing
import TestSupport

extension ReliabilityTests {
    /// Reliability, item 1: `provctl` killed with SIGKILL at random moments of a bulk
    /// change (`sims bookin --file`, `import`, `replay`). After each kill the store opens,
    /// `verify` passes, and the change is wholly there or wholly absent; running the
    /// command again completes it exactly once.
    ///
    /// Each kill falls at a seeded random moment between the start and a little past the
    /// time an uninterrupted run takes (measured first on a scratch store), so most kills
    /// land while the write transaction is being built or committed, a few after.
    @Suite struct Crashes {
        static let kills = 20

        /// The issue's 200,000 ICCIDs under `make soak`; 10,000 under `make test`. A
        /// transaction that large also outgrows the 64 MiB map a store starts with.
        @Test(.timeLimit(.minutes(10)))
        func aKilledBookInIsWhollyThereOrAbsentAndTheRerunCompletesItOnce() throws {
            let count = Reliability.soak ? 200_000 : 10_000
            let seed: UInt64 = 0x2026_0006_0001
            var random = SplitMix64(seed: seed)
            let directory = TemporaryDirectory("crash-bookin")
            let file = try LogTools.write(Reliability.iccids(series: 1, count: count), named: "iccids.txt", in: directory)
            let arguments = Reliability.bookIn(file: file)
            let duration = try uninterruptedDuration(arguments, as: "mike", in: directory)

            var batch = 0
            var store = try Reliability.initializedStore(in: directory.path + "/store-0")
            var present = 0
            for round in 0..<Self.kills {
                let id = "bookin-\(batch)"
                let context = "seed \(seed), round \(round), \(id)"
                let child = try Reliability.Child(arguments + ["--command-id", id], store: store.store, as: "mike")
                Thread.sleep(forTimeInterval: Double.random(in: 0...(duration * 1.1), using: &random))
                if !child.kill() {
                    #expect(child.process.terminationStatus == 0, "\(context): the book-in failed by itself")
                }

                let stats = try Reliability.stats(store)
                let booked = Reliability.count(stats, "sims-by-status", "BOOKIN")
                #expect(booked == 0 || booked == count, "\(context): \(booked) of \(count) SIMs booked in")
                // The book-in records one event per SIM.
                #expect(Reliability.events(stats) == Reliability.initEvents + booked, "\(context): \(stats)")
                #expect(Reliability.count(stats, "events-by-type", "sim.booked-in") == booked, "\(context)")
                try Reliability.expectVerifies(store, context)

                if booked == count {
                    present += 1
                    let rerun = try store.run(arguments + ["--command-id", id], as: "mike")
                    #expect(rerun.status == 0 && rerun.stdout.hasPrefix("Already applied"), "\(context): \(rerun)")
                    #expect(Reliability.events(try Reliability.stats(store)) == Reliability.initEvents + count, "\(context)")
                    // The next kills on a new store, so that every round has a batch to cut.
                    try FileManager.default.removeItem(atPath: directory.path + "/store-\(batch)")
                    batch += 1
                    store = try Reliability.initializedStore(in: directory.path + "/store-\(batch)")
                }
            }

            // The last round's command, run again with its id, completes the batch; once more changes nothing.
            let id = "bookin-\(batch)"
            let completion = try store.run(arguments + ["--command-id", id], as: "mike")
            #expect(completion.status == 0, "\(completion)")
            let repeated = try store.run(arguments + ["--command-id", id], as: "mike")
            #expect(repeated.status == 0 && repeated.stdout.hasPrefix("Already applied"), "\(repeated)")
            let stats = try Reliability.stats(store)
            #expect(Reliability.count(stats, "sims-by-status", "BOOKIN") == count)
            #expect(Reliability.events(stats) == Reliability.initEvents + count)
            try Reliability.expectVerifies(store, "after the completing run")
            print("crash, bookin of \(count): a run takes \(String(format: "%.2f", duration)) s; \(Self.kills) kills, the batch was there after \(present)")
        }

        /// `import` of an export of 2,000 events into a new store (an import parses JSON:
        /// 200,000 events take ~45 s of a debug build, too long to kill 20 times).
        @Test(.timeLimit(.minutes(10)))
        func aKilledImportLeavesTheStoreEmptyOrWholeAndTheRerunCompletesIt() throws {
            let count = 2_000
            let seed: UInt64 = 0x2026_0006_0002
            var random = SplitMix64(seed: seed)
            let directory = TemporaryDirectory("crash-import")
            let source = try Reliability.initializedStore(in: directory.path + "/source")
            let file = try LogTools.write(Reliability.iccids(series: 2, count: count), named: "iccids.txt", in: directory)
            try #require(try source.run(Reliability.bookIn(file: file), as: "mike").status == 0)
            let export = directory.path + "/export.jsonl"
            try #require(try source.run(["export", "--output", export]).status == 0)
            let sourceEvents = try LogTools.dumpData("events", store: source.store)
            let arguments = ["import", export]
            let duration = try uninterruptedDuration(arguments, as: nil, in: directory, initialized: false)

            var target = 0
            var present = 0
            func targetStore() -> ProvctlProcess { ProvctlProcess(store: directory.path + "/import-\(target)") }
            for round in 0..<Self.kills {
                let store = targetStore()
                let context = "seed \(seed), round \(round), import-\(target)"
                let child = try Reliability.Child(arguments, store: store.store)
                Thread.sleep(forTimeInterval: Double.random(in: 0...(duration * 1.1), using: &random))
                if !child.kill() {
                    #expect(child.process.terminationStatus == 0, "\(context): the import failed by itself")
                }
                // Killed before it created the store: nothing to open yet.
                guard FileManager.default.fileExists(atPath: store.store + "/data.mdb") else { continue }

                let events = Reliability.events(try Reliability.stats(store))
                #expect(events == 0 || events == Reliability.initEvents + count, "\(context): \(events) events imported")
                try Reliability.expectVerifies(store, context)
                if events == Reliability.initEvents + count {
                    present += 1
                    // Again into the same store: refused, nothing doubled.
                    let rerun = try store.run(arguments)
                    #expect(rerun.status == 65 && rerun.stderr.contains("already holds"), "\(context): \(rerun)")
                    #expect(Reliability.events(try Reliability.stats(store)) == Reliability.initEvents + count, "\(context)")
                    try FileManager.default.removeItem(atPath: store.store)
                    target += 1
                }
            }

            let store = targetStore()
            let completion = try store.run(arguments)
            #expect(completion.status == 0, "\(completion)")
            #expect(Reliability.events(try Reliability.stats(store)) == Reliability.initEvents + count)
            #expect(try store.run(arguments).status == 65)
            try Reliability.expectVerifies(store, "after the completing import")
            #expect(try LogTools.dumpData("events", store: store.store) == sourceEvents, "the imported log differs from the export's")
            print("crash, import of \(Reliability.initEvents + count) events: a run takes \(String(format: "%.2f", duration)) s; \(Self.kills) kills, the import was whole after \(present)")
        }

        /// `replay` (every read model cleared and rebuilt in one transaction) of a store
        /// of 10,000 SIMs: the read models are the old ones or the new ones, both equal to
        /// a replay of the log, and the log is untouched.
        @Test(.timeLimit(.minutes(10)))
        func aKilledReplayLeavesWholeReadModelsAndAnUntouchedLog() throws {
            let count = 10_000
            let seed: UInt64 = 0x2026_0006_0003
            var random = SplitMix64(seed: seed)
            let directory = TemporaryDirectory("crash-replay")
            let store = try Reliability.initializedStore(in: directory.path + "/live")
            let file = try LogTools.write(Reliability.iccids(series: 3, count: count), named: "iccids.txt", in: directory)
            try #require(try store.run(Reliability.bookIn(file: file), as: "mike").status == 0)
            let log = try LogTools.dump("events", store: store.store)
            // A replay rebuilds what is there: timing it on the store itself changes nothing.
            let start = Date()
            try #require(try store.run(["replay"]).status == 0)
            let duration = Date().timeIntervalSince(start)

            for round in 0..<Self.kills {
                let context = "seed \(seed), round \(round)"
                let child = try Reliability.Child(["replay"], store: store.store)
                Thread.sleep(forTimeInterval: Double.random(in: 0...(duration * 1.1), using: &random))
                if !child.kill() {
                    #expect(child.process.terminationStatus == 0, "\(context): the replay failed by itself")
                }
                let stats = try Reliability.stats(store)
                #expect(Reliability.count(stats, "sims-by-status", "BOOKIN") == count, "\(context): \(stats)")
                #expect(Reliability.events(stats) == Reliability.initEvents + count, "\(context)")
                try Reliability.expectVerifies(store, context)
            }
            #expect(try store.run(["replay"]).status == 0)
            try Reliability.expectVerifies(store, "after the completing replay")
            #expect(try LogTools.dump("events", store: store.store) == log, "a replay changed the log")
            print("crash, replay of \(Reliability.initEvents + count) events: a run takes \(String(format: "%.2f", duration)) s; \(Self.kills) kills")
        }

        /// The seconds an uninterrupted run of the command takes, on a scratch store in
        /// `directory` (made with `init` first unless `initialized` is false), then removed.
        private func uninterruptedDuration(
            _ arguments: [String], as user: String?, in directory: TemporaryDirectory, initialized: Bool = true
        ) throws -> TimeInterval {
            let scratch = directory.path + "/calibration"
            defer { try? FileManager.default.removeItem(atPath: scratch) }
            try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
            let store = initialized ? try Reliability.initializedStore(in: scratch).store : scratch + "/store"
            let child = try Reliability.Child(arguments, store: store, as: user)
            let run = child.wait()
            try #require(run.status == 0 && !run.signaled, "the uninterrupted \(arguments[0]) failed")
            return run.seconds
        }
    }
}
