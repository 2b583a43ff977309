import Foundation
import Testing
import TestSupport

extension ReliabilityTests {
    /// Reliability, item 5: the LMDB map grows (MDB_MAP_FULL, then a bigger map and the
    /// transaction run again) while other processes read the store: a `log --follow` that
    /// keeps its environment open across the growth (it meets MDB_MAP_RESIZED and adopts
    /// the new size), and short readers that open the store during the growth.
    @Suite struct MapGrowth {
        @Test(.timeLimit(.minutes(10)))
        func theMapGrowsUnderAFollowerAndShortReadersAndEveryoneCarriesOn() throws {
            let directory = TemporaryDirectory("map-growth")
            let provctl = try Reliability.copyOfLargeStore(in: directory)
            let head = Reliability.initEvents + Reliability.largeStoreSIMs
            let added = 20_000
            let file = try LogTools.write(Reliability.iccids(series: 0, count: added), named: "iccids.txt", in: directory)
            let mapBefore = try ReliabilityTests.FullDisk.openerMapSize(provctl)

            let follower = try RunningProvctl(["log", "--follow", "--from", String(head)], store: provctl.store)
            try #require(follower.wait(upTo: 30) { $0.hasPrefix("\(head)  ") } != nil, "log --follow printed nothing: \(follower.stderr)")

            let writer = try Reliability.Child(Reliability.bookIn(file: file), store: provctl.store, as: "mike")
            var reads = 0
            while writer.process.isRunning || reads < 4 {
                for arguments in [["stats", "--json"], ["sims", "show", Reliability.iccids(series: 9, count: 1)[0]]] {
                    let read = try provctl.run(arguments)
                    #expect(read.status == 0, "a reader during the growth failed: \(read)")
                    reads += 1
                }
            }
            let written = writer.wait()
            #expect(written.status == 0 && !written.signaled, "the writer failed (status \(written.status), signal \(written.signaled))")
            #expect(try ReliabilityTests.FullDisk.mapSize(provctl) > mapBefore, "the map did not grow: the test did not reach the growth")

            let last = "\(head + added)  "
            let followed = follower.wait(upTo: 60) { $0.contains("\n" + last) }
            #expect(followed != nil, "log --follow stopped before position \(head + added): \(follower.stderr)")
            let end = follower.interrupt()
            #expect(end?.reason == .exit && end?.status == 0, "log --follow did not end cleanly: \(String(describing: end)) \(follower.stderr)")

            let stats = try Reliability.stats(provctl)
            #expect(Reliability.count(stats, "sims-by-status", "BOOKIN") == Reliability.largeStoreSIMs + added)
            #expect(Reliability.events(stats) == head + added)
            print("map growth: \(reads) reads during the book-in; map \(mapBefore) -> \(try ReliabilityTests.FullDisk.mapSize(provctl)) bytes")
        }

        /// A transaction that meets a full map is run again from the start after the map
        /// grows: `replay --into` (an import of the whole log into a new store, which starts
        /// with a 64 MiB map) must copy every event of a store larger than that.
        @Test(.timeLimit(.minutes(10)))
        func aCopyLargerThanTheFirstMapHoldsEveryEvent() throws {
            let directory = TemporaryDirectory("map-growth-copy")
            let provctl = try Reliability.copyOfLargeStore(in: directory)
            let events = Reliability.initEvents + Reliability.largeStoreSIMs
            let copyPath = directory.path + "/copy"
            let result = try provctl.run(["replay", "--into", copyPath])
            #expect(result.status == 0 && result.stdout.contains("Wrote \(copyPath): \(events) events"), "\(result)")
            let copy = ProvctlProcess(store: copyPath)
            // The records, not the dump's header (whose mapsize line is each store's own).
            #expect(try LogTools.dumpData("events", store: copyPath) == (try LogTools.dumpData("events", store: provctl.store)))
            let stats = try Reliability.stats(copy)
            #expect(Reliability.events(stats) == events)
            #expect(Reliability.count(stats, "sims-by-status", "BOOKIN") == Reliability.largeStoreSIMs)
        }
    }
}
