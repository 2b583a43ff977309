import Foundation
import Testing
import TestSupport

extension ReliabilityTests {
    /// Reliability, item 3: waves of 50 concurrent `provctl` readers while a writer works.
    /// Every reader succeeds, and none sees half a change: `stats --json` reads, in what
    /// must be one snapshot, the head, the event counters, the SIM and subscriber counters
    /// and a listing of the numbers, and these agree. Readers killed in the middle of a
    /// read leave reader slots that the next `provctl` to open the store clears.
    @Suite struct Readers {
        static let readersPerWave = 50

        @Test(.timeLimit(.minutes(10)))
        func fiftyReadersAtOnceWhileAWriterWorksAllSucceedAndSeeWholeChanges() throws {
            let (directory, provctl, writer) = try Self.storeWithAWriter("readers", series: 5)
            _ = directory

            var waves = 0
            var readers = 0
            var headsSeen: Set<Int> = []
            while waves < 2 || writer.process.isRunning {
                let outputs = Locked([ProvctlProcess.Result?](repeating: nil, count: Self.readersPerWave))
                DispatchQueue.concurrentPerform(iterations: Self.readersPerWave) { index in
                    let result = try? provctl.run(["stats", "--json"])
                    outputs.withLock { $0[index] = result }
                }
                for output in outputs.withLock({ $0 }) {
                    let output = try #require(output)
                    #expect(output.status == 0, "a reader failed in wave \(waves): \(output)")
                    guard output.status == 0 else { continue }
                    let stats = try LogTools.object(output.stdout)
                    headsSeen.insert(Reliability.events(stats))
                    Self.expectWhole(stats, "wave \(waves)")
                }
                readers += Self.readersPerWave
                waves += 1
            }
            let written = writer.wait()
            #expect(written.status == 0 && !written.signaled, "the writer failed")
            try Reliability.expectVerifies(provctl, "after the readers")
            print("readers: \(readers) readers in \(waves) waves of \(Self.readersPerWave) saw \(headsSeen.count) different heads")
        }

        /// `verify` reads the store in one snapshot while other processes commit: the log,
        /// the tag index, the snapshots and the read models it compares are those of the
        /// head it began at, though its other threads read in transactions of their own
        /// (each must see the same snapshot, or its part is read again in the first).
        /// Runs of `verify` one after another while a writer works all pass. (The writer
        /// commits every few milliseconds, so nearly every run has its index compared
        /// whole after its parts were read in later snapshots: seen with a trace.)
        @Test(.timeLimit(.minutes(10)))
        func verifyWhileAWriterWorksFindsNothingWrong() throws {
            let (directory, provctl, writer) = try Self.storeWithAWriter("verify-while-writing", series: 6)
            _ = directory
            var verified = 0
            while verified < 3 || writer.process.isRunning {
                let output = try provctl.run(["verify"])
                #expect(output.status == 0, "verify \(verified + 1) while the writer works: \(output)")
                #expect(output.stdout.hasPrefix("Verified "), "\(output)")
                verified += 1
            }
            let written = writer.wait()
            #expect(written.status == 0 && !written.signaled, "the writer failed")
            try Reliability.expectVerifies(provctl, "after the writer")
            print("verify while writing: \(verified) runs")
        }

        /// The walkthrough's store with SIMs (ICCID `series`) booked in and numbers imported,
        /// and one writer started on it: 500 changes, a third of them provisions (a SIM
        /// activated, a number assigned and a subscriber added in one change).
        static func storeWithAWriter(_ label: String, series: Int) throws
            -> (directory: TemporaryDirectory, provctl: ProvctlProcess, writer: Reliability.Child)
        {
            let (directory, provctl) = try LogTools.walkthroughStore(label)
            let sims = Reliability.iccids(series: series, count: ReliabilityTests.ConcurrentWriters.pool)
            let numbers = Reliability.numbers(count: ReliabilityTests.ConcurrentWriters.pool)
            try #require(
                try provctl.run(Reliability.bookIn(file: try LogTools.write(sims, named: "sims.txt", in: directory)), as: "mike")
                    .status == 0)
            try #require(
                try provctl.run(
                    ["numbers", "import", "--reseller", "Talk_Mail", "--file", try LogTools.write(numbers, named: "numbers.txt", in: directory)],
                    as: "liziya"
                ).status == 0)
            let script = try LogTools.write(
                ReliabilityTests.ConcurrentWriters.script(writer: 0, sims: sims, numbers: numbers), named: "writer.jsonl", in: directory)
            return (directory, provctl, try Reliability.Child(["run", script], store: provctl.store))
        }

        /// The invariants of one snapshot of this test's store.
        static func expectWhole(_ stats: [String: Any], _ context: String) {
            func sum(_ group: String) -> Int {
                (stats[group] as? [String: Any])?.values.compactMap { ($0 as? NSNumber)?.intValue }.reduce(0, +) ?? -1
            }
            let count = { Reliability.count(stats, $0, $1) }
            #expect(sum("events-by-type") == Reliability.events(stats), "\(context): the head and the event counters disagree: \(stats)")
            #expect(sum("sims-by-status") == count("events-by-type", "sim.booked-in"), "\(context): \(stats)")
            #expect(sum("numbers-by-status") == count("events-by-type", "number.imported"), "\(context): \(stats)")
            #expect(sum("subscribers-by-status") == count("events-by-type", "subscriber.provisioned"), "\(context): \(stats)")
            // A provision activates its SIM and assigns its number in the same change (the
            // walkthrough's one subscriber is terminated: its SIM retired, its number quarantined).
            let provisioned = count("subscribers-by-status", "PROVISIONED")
            #expect(count("sims-by-status", "ACTIVE") == provisioned, "\(context): half a provision: \(stats)")
            #expect(count("numbers-by-status", "ASSIGNED") == provisioned, "\(context): half a provision: \(stats)")
        }

        /// Readers killed while they hold a read transaction leave their slots in LMDB's
        /// reader table (`mdb_stat -r` lists dead process ids); the next `provctl` to open
        /// the store clears them, and reads go on. A `log --follow` keeps the store open
        /// meanwhile, as a long-running reader would: when no process has it open, LMDB
        /// resets the whole reader table at the next open anyway.
        @Test(.timeLimit(.minutes(10)))
        func slotsOfKilledReadersAreClearedByTheNextOpen() throws {
            let seed: UInt64 = 0x2026_0006_0031
            var random = SplitMix64(seed: seed)
            let (directory, provctl) = try Reliability.initializedStore("killed-readers")
            let file = try LogTools.write(Reliability.iccids(series: 6, count: 5_000), named: "iccids.txt", in: directory)
            try #require(try provctl.run(Reliability.bookIn(file: file), as: "mike").status == 0)
            // How long an export (one read transaction over the whole log) takes here.
            let timed = try Reliability.Child(["export"], store: provctl.store)
            let duration = timed.wait().seconds
            let head = Reliability.initEvents + 5_000
            let follower = try RunningProvctl(["log", "--follow", "--from", String(head)], store: provctl.store)
            try #require(follower.wait(upTo: 30) { $0.hasPrefix("\(head)  ") } != nil, "log --follow printed nothing: \(follower.stderr)")

            var stale: [Int32] = []
            for _ in 0..<10 {
                let children = try (0..<5).map { _ in try Reliability.Child(["export"], store: provctl.store) }
                Thread.sleep(forTimeInterval: Double.random(in: (duration * 0.3)...(duration * 0.8), using: &random))
                for child in children { _ = child.kill() }
                stale += try Reliability.readerSlotPIDs(provctl.store).filter { !Reliability.isAlive($0) }
                if stale.count >= 5 { break }
            }
            try #require(!stale.isEmpty, "seed \(seed): no kill landed inside a read transaction")

            let reader = try provctl.run(["stats", "--json"])
            #expect(reader.status == 0, "\(reader)")
            let left = try Reliability.readerSlotPIDs(provctl.store).filter { !Reliability.isAlive($0) }
            #expect(left.isEmpty, "slots of dead readers \(left) were not cleared")
            #expect(follower.interrupt()?.status == 0, "log --follow did not end cleanly: \(follower.stderr)")
            print("killed readers: \(stale.count) stale slots, cleared by the next open")
        }
    }
}
