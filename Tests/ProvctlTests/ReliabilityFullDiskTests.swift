import Foundation
import Testing
import TestSupport

extension ReliabilityTests {
    /// Reliability, item 4: a bulk change that cannot fit on the disk. The disk is made
    /// "full" with the file size limit (`ulimit -f`, SIGXFSZ ignored), so the data file
    /// cannot grow past it: writes past it fail with EFBIG, as they would with ENOSPC.
    /// The change is refused with exit 74 and a message that says why, nothing of it is
    /// recorded, and the store opens and verifies. A real full disk is not made here (it
    /// needs a small file system to mount); docs/storage.md says what happens then.
    @Suite struct FullDisk {
        /// A book-in of 20,000 SIMs (~9 MB of pages) with 1 MiB left below the limit.
        @Test(.timeLimit(.minutes(10)))
        func aBookInThatCannotFitIsRefusedWith74AndRecordsNothing() throws {
            let (directory, provctl) = try Reliability.initializedStore("full-disk")
            let file = try LogTools.write(Reliability.iccids(series: 7, count: 20_000), named: "iccids.txt", in: directory)
            let before = try provctl.dump()
            let limit = try Self.bytesInUse(provctl) + (1 << 20)

            let refused = try Reliability.runLimited(fileSize: limit, provctl, Reliability.bookIn(file: file), as: "mike")
            #expect(refused.status == 74, "\(refused)")
            Self.expectClearMessage(refused.stderr, store: provctl.store)
            #expect(try provctl.dump() == before, "the refused book-in changed the store")
            try Reliability.expectVerifies(provctl, "after the refused book-in")

            // Not a fault of the input: without the limit the same book-in goes through.
            let accepted = try provctl.run(Reliability.bookIn(file: file), as: "mike")
            #expect(accepted.status == 0, "\(accepted)")
            #expect(Reliability.count(try Reliability.stats(provctl), "sims-by-status", "BOOKIN") == 20_000)
        }

        /// On a store that fills its map, a book-in meets MDB_MAP_FULL: the map is grown and
        /// the transaction run again, then the commit cannot extend the file. That change
        /// fails (74) and the same process goes on: `run --keep-going` applies the next line.
        @Test(.timeLimit(.minutes(10)))
        func aFailedWriteAfterTheMapGrewLeavesTheStoreAndTheProcessUsable() throws {
            let directory = TemporaryDirectory("full-disk-growth")
            let provctl = try Reliability.copyOfLargeStore(in: directory)
            let large = Reliability.iccids(series: 8, count: 20_000)
            let small = Reliability.iccids(series: 8, count: 1, from: 20_000)
            func bookIn(_ iccids: [String], _ id: String) throws -> String {
                let object: [String: Any] = [
                    "command": "sims bookin", "as": "mike", "command-id": id,
                    "args": ["sim-type": "MXG-PT100", "form": "physical", "iccids": iccids],
                ]
                return String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
            }
            let script = try LogTools.write(
                [try bookIn(large, "too-large"), try bookIn(small, "small")], named: "script.jsonl", in: directory)
            let mapBefore = try Self.openerMapSize(provctl)
            let limit = try Self.bytesInUse(provctl) + (1 << 20)

            let result = try Reliability.runLimited(fileSize: limit, provctl, ["run", script, "--keep-going", "--json"], as: "mike")
            #expect(result.status == 74, "\(result)")
            let summary = try LogTools.object(result.stdout)
            let failures = summary["failures"] as? [[String: Any]] ?? []
            #expect(failures.count == 1 && (failures.first?["line"] as? NSNumber)?.intValue == 1, "\(summary)")
            #expect((failures.first?["code"] as? NSNumber)?.intValue == 74)
            Self.expectClearMessage(failures.first?["message"] as? String ?? "", store: provctl.store)
            #expect((summary["changes"] as? NSNumber)?.intValue == 1, "the line after the failed one was not applied")
            #expect(try Self.mapSize(provctl) > mapBefore, "the map did not grow: the test did not reach the growth")

            let stats = try Reliability.stats(provctl)
            #expect(Reliability.count(stats, "sims-by-status", "BOOKIN") == Reliability.largeStoreSIMs + 1)
            #expect(Reliability.events(stats) == Reliability.initEvents + Reliability.largeStoreSIMs + 1)
            #expect(try provctl.run(["sims", "show", large[0]]).status == 66, "a SIM of the failed book-in is there")
            try Reliability.expectVerifies(provctl, "after the failed book-in")
        }

        /// The same on a file system that is really full: a 8 MiB tmpfs, mounted when the
        /// tests run as root (the CI container does; elsewhere the test is skipped).
        @Test(.timeLimit(.minutes(10)), .enabled(if: Reliability.canMountTmpfs, "needs root to mount a small tmpfs"))
        func onAReallyFullDiskABookInIsRefusedWith74AndTheStoreGoesOn() throws {
            let input = TemporaryDirectory("really-full-disk-input")
            let file = try LogTools.write(Reliability.iccids(series: 7, count: 30_000), named: "iccids.txt", in: input)
            let directory = TemporaryDirectory("really-full-disk")
            try withExtendedLifetime(directory) {
                try Reliability.mountTmpfs(at: directory.path, megabytes: 8)
                defer { Reliability.unmount(directory.path) }
                let provctl = try Reliability.initializedStore(in: directory.path)
                let before = try provctl.dump()

                let refused = try provctl.run(Reliability.bookIn(file: file), as: "mike")
                #expect(refused.status == 74, "\(refused)")
                Self.expectClearMessage(refused.stderr, store: provctl.store)
                #expect(try provctl.dump() == before, "the refused book-in changed the store")
                try Reliability.expectVerifies(provctl, "after the refused book-in")
                let small = try provctl.run(Array(Reliability.bookIn(file: file).dropLast(2)) + ["894453079999999999"], as: "mike")
                #expect(small.status == 0, "a small change after the full disk: \(small)")
            }
        }

        static func expectClearMessage(_ message: String, store: String) {
            #expect(message.contains(store), "the message does not name the store: \(message)")
            #expect(message.contains("nothing") && message.contains("recorded"), "the message does not say nothing was recorded: \(message)")
            #expect(message.contains("space") && message.contains("limit"), "the message does not say what to do: \(message)")
        }

        /// The bytes of the data file in use (`mdb_stat -e`: pages used times the page
        /// size). The file itself may be longer: a bulk change leaves a hole past its
        /// pages (the page cache it warmed, `withFileTailWarmed`), which LMDB's next
        /// pages fill. The limit is set past what is in use, so that a write has the
        /// room the test means to give it and no more.
        static func bytesInUse(_ provctl: ProvctlProcess) throws -> Int {
            let output = try LogTools.tool(["mdb_stat", "-e", provctl.store])
            func value(_ label: String) throws -> Int {
                let line = try #require(output.stdout.split(separator: "\n").first { $0.contains(label) })
                return try #require(Int(line.split(separator: ":").last?.trimmingCharacters(in: .whitespaces) ?? ""))
            }
            return try value("Number of pages used:") * value("Page size:")
        }

        /// The map a new `provctl` process opens this store with: LMDB takes the larger of
        /// the size asked for (64 MiB) and the pages in use, not the size an earlier writer
        /// grew to (which `mapSize` reads from the meta page).
        static func openerMapSize(_ provctl: ProvctlProcess) throws -> Int {
            max(64 << 20, try bytesInUse(provctl))
        }

        /// The map size recorded in the store's meta page (`mdb_stat -e`): the size the
        /// last writer grew it to.
        static func mapSize(_ provctl: ProvctlProcess) throws -> Int {
            let output = try LogTools.tool(["mdb_stat", "-e", provctl.store])
            let line = try #require(output.stdout.split(separator: "\n").first { $0.contains("Map size:") })
            return try #require(Int(line.split(separator: ":").last?.trimmingCharacters(in: .whitespaces) ?? ""))
        }
    }
}
