import Foundation
import LMDB
import Testing
import TestSupport

/// Issue 5, acceptance 2 (`replay --check`, `replay`) and 3 (`verify`), on the built
/// binary, with the store damaged by a separate LMDB writer.
@Suite struct LogToolsReplayVerifyTests {
    static func simKey(_ iccid: String) -> [UInt8] { [UInt8(iccid.utf8.count)] + Array(iccid.utf8) }

    @Test func replayCheckFindsNoDifferenceAfterTheWalkthrough() throws {
        let (directory, provctl) = try LogTools.walkthroughStore("check-clean")
        _ = directory
        let text = try provctl.run(["replay", "--check"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout == "The read models equal a replay of the log.\n")
        let json = try provctl.run(["replay", "--check", "--json"])
        #expect(json.status == 0)
        let document = try LogTools.object(json.stdout)
        #expect((document["differences"] as? [Any])?.isEmpty == true)
        #expect(document["error"] == nil)
    }

    @Test func aRewrittenSIMRecordIsReportedByCheckAndVerifyAndRepairedByReplay() throws {
        let (directory, provctl) = try LogTools.walkthroughStore("check-sim")
        // Adele's SIM gets the record of another SIM: a valid record, the wrong one.
        try LogTools.damage(store: directory.path, database: "rm.sims") { txn, sims in
            let other = try #require(try txn.get(sims, Self.simKey("894453000000052371")))
            #expect(try txn.get(sims, Self.simKey(LogTools.adelesSIM)) != nil)
            try txn.put(sims, Self.simKey(LogTools.adelesSIM), other)
        }
        let before = try LogTools.dump("rm.sims", store: directory.path)

        let text = try provctl.run(["replay", "--check"])
        #expect(text.status == 74)
        #expect(text.stdout == "rm.sims \(LogTools.adelesSIM): differs from a replay\n")
        #expect(text.stderr.contains("1 place") && text.stderr.contains("provctl replay"))

        // --json: one document on standard output, the differences with the error.
        let json = try provctl.run(["replay", "--check", "--json"])
        #expect(json.status == 74)
        let document = try LogTools.object(json.stdout)
        let differences = try #require(document["differences"] as? [[String: Any]])
        #expect(differences.count == 1)
        #expect(differences.first?["database"] as? String == "rm.sims")
        #expect(differences.first?["key"] as? String == LogTools.adelesSIM)
        #expect(((document["error"] as? [String: Any])?["code"] as? NSNumber)?.intValue == 74)

        // The check changes nothing; verify fails on the read models, not the log.
        #expect(try LogTools.dump("rm.sims", store: directory.path) == before)
        let verify = try provctl.run(["verify"])
        #expect(verify.status == 74)
        #expect(verify.stderr.contains("rm.sims \(LogTools.adelesSIM)") && verify.stderr.contains("log verifies"))

        let replay = try provctl.run(["replay"])
        #expect(replay.status == 0 && replay.stdout.contains("54 events"), "\(replay.stderr)")
        #expect(try provctl.run(["replay", "--check"]).status == 0)
        #expect(try provctl.run(["verify"]).status == 0)
        let sim = try LogTools.object(try provctl.run(["sims", "show", LogTools.adelesSIM, "--json"]).stdout)
        #expect(sim["status"] as? String == "RETIRED" && sim["subscriber"] as? String == LogTools.adele)
    }

    @Test func aDeletedIndexEntryIsReportedAndRepaired() throws {
        let (directory, provctl) = try LogTools.walkthroughStore("check-index")
        // The status index entry of Adele's retired SIM ("S" RETIRED \0 ICCID key).
        let key = Array("SRETIRED".utf8) + [0] + Self.simKey(LogTools.adelesSIM)
        try LogTools.damage(store: directory.path, database: "rm.index") { txn, index in
            let deleted = try txn.delete(index, key)
            #expect(deleted, "the walkthrough indexes the retired SIM under \(key)")
        }
        let retired = try LogTools.array(try provctl.run(["sims", "list", "--status", "retired", "--json"]).stdout)
        #expect(retired.isEmpty, "the lost index entry hides the SIM from the list")

        let check = try provctl.run(["replay", "--check", "--json"])
        #expect(check.status == 74)
        let differences = try #require(try LogTools.object(check.stdout)["differences"] as? [[String: Any]])
        #expect(differences.count == 1)
        #expect(differences.first?["database"] as? String == "rm.index")
        #expect(differences.first?["key"] as? String == "SRETIRED\\x00\\x12\(LogTools.adelesSIM)")
        #expect((differences.first?["what"] as? String)?.contains("missing") == true)

        #expect(try provctl.run(["replay"]).status == 0)
        #expect(try provctl.run(["replay", "--check"]).status == 0)
        let repaired = try LogTools.array(try provctl.run(["sims", "list", "--status", "retired", "--json"]).stdout)
        #expect(repaired.map { $0["iccid"] as? String } == [LogTools.adelesSIM])
    }

    @Test func aStrayAndAMissingRecordAreBothReported() throws {
        let (directory, provctl) = try LogTools.walkthroughStore("check-two")
        try LogTools.damage(store: directory.path, database: "rm.subscribers") { txn, subscribers in
            let entries = try LogTools.entries(txn, subscribers)
            #expect(entries.count == 1)
            try txn.delete(subscribers, entries[0].key)
            try txn.put(subscribers, Array("s0000zz".utf8), entries[0].value)
        }
        let check = try provctl.run(["replay", "--check"])
        #expect(check.status == 74)
        let lines = check.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains("rm.subscribers \(LogTools.adele): missing (a replay has it)"))
        #expect(lines.contains("rm.subscribers s0000zz: stored but not in a replay"))
        #expect(try provctl.run(["replay"]).status == 0)
        #expect(try provctl.run(["replay", "--check"]).status == 0)
    }

    @Test func replayIntoANewStoreRebuildsThePastAndLeavesTheLiveStoreAlone() throws {
        let (directory, provctl) = try LogTools.walkthroughStore("replay-to")
        let places = TemporaryDirectory("replay-into")
        try FileManager.default.createDirectory(atPath: places.path, withIntermediateDirectories: true)
        let liveSIMs = try LogTools.dump("rm.sims", store: directory.path)

        let at40 = places.path + "/at40"
        let to = try provctl.run(["replay", "--to", "40", "--into", at40])
        #expect(to.status == 0, "\(to.stderr)")
        let past = ProvctlProcess(store: at40)
        #expect(try past.run(["verify"]).status == 0)
        let stats = try LogTools.object(try past.run(["stats", "--json"]).stdout)
        #expect((stats["events"] as? NSNumber)?.intValue == 40)
        let sims = try LogTools.array(try past.run(["sims", "list", "--json"]).stdout)
        #expect(sims.map { $0["status"] as? String } == ["BOOKIN", "RESERVED", "BOOKIN"])
        // The same as a read of the live store at that position.
        #expect(try past.run(["sims", "list", "--json"]).stdout == (try provctl.run(["sims", "list", "--at", "40", "--json"])).stdout)

        // --at (and --at-time) with a time: the position at or before it.
        let log = try LogTools.lines(try provctl.run(["log", "--json"]).stdout)
        let time = try #require(log[42]["recorded-at"] as? String)  // position 43, Adele's SIM allocated
        let atTime = places.path + "/at-time"
        #expect(try provctl.run(["replay", "--at", time, "--into", atTime]).status == 0)
        let allocated = try LogTools.object(try ProvctlProcess(store: atTime).run(["sims", "show", LogTools.adelesSIM, "--json"]).stdout)
        #expect(allocated["status"] as? String == "ALLOCATED")
        #expect(try provctl.run(["replay", "--at-time", time, "--into", places.path + "/at-time-2"]).status == 0)

        // --into alone: the whole store as it is now.
        let whole = places.path + "/whole"
        let copy = try provctl.run(["replay", "--into", whole])
        #expect(copy.status == 0 && copy.stdout.contains("54 events"), "\(copy.stdout)\(copy.stderr)")
        for name in ["rm.sims", "rm.numbers", "rm.subscribers", "rm.index", "rm.counts", "events", "tags"] {
            #expect(try LogTools.dump(name, store: whole) == (try LogTools.dump(name, store: directory.path)), "\(name)")
        }

        // The live store is only read.
        #expect(try LogTools.dump("rm.sims", store: directory.path) == liveSIMs)
        #expect((try LogTools.object(try provctl.run(["stats", "--json"]).stdout)["events"] as? NSNumber)?.intValue == 54)

        // Options that exclude each other are refused, not half obeyed.
        #expect(try provctl.run(["replay", "--to", "40"]).status == 64, "--to needs --into")
        #expect(try provctl.run(["replay", "--to", "40", "--at", time, "--into", places.path + "/both"]).status == 64)
        #expect(try provctl.run(["replay", "--check", "--to", "40"]).status == 64)
        #expect(try provctl.run(["replay", "--check", "--into", places.path + "/check"]).status == 64)
        #expect(try provctl.run(["replay", "--to", "40", "--into", at40]).status == 64, "an existing store is not overwritten")
    }

    @Test func verifyPassesOnACleanStore() throws {
        let (directory, provctl) = try LogTools.walkthroughStore("verify-clean")
        _ = directory
        let text = try provctl.run(["verify"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.hasPrefix("Verified 54 events: positions 1-54 gapless, hash chain intact"))
        #expect(text.stdout.split(separator: "\n").count == 1)
        let json = try LogTools.object(try provctl.run(["verify", "--json"]).stdout)
        #expect(json["valid"] as? Bool == true && (json["events"] as? NSNumber)?.intValue == 54)
        #expect((json["tag-entries"] as? NSNumber)?.intValue == (try LogTools.lines(try provctl.run(["log", "--json"]).stdout))
            .reduce(0) { $0 + (($1["tags"] as? [Any])?.count ?? 0) })
        // The head hash it prints is the last record's.
        let last = try LogTools.lines(try provctl.run(["log", "--from", "54", "--json"]).stdout)
        #expect(json["head-hash"] as? String == last.first?["hash"] as? String)
    }

    /// One flipped byte anywhere in one event record: in its header, its payload, or its
    /// stored hash, of the first, a middle and the last record.
    @Test(arguments: [(1, 1), (1, -1), (40, 12), (40, -40), (40, -1), (54, 3), (54, -33)])
    func verifyNamesThePositionOfAFlippedByte(position: Int, offset: Int) throws {
        let (directory, provctl) = try LogTools.walkthroughStore("verify-flip")
        try LogTools.flipByte(store: directory.path, position: UInt64(position), offset: offset)
        let text = try provctl.run(["verify"])
        #expect(text.status == 74)
        #expect(text.stderr.contains("Verification failed at position \(position):"), "\(text.stderr)")
        #expect(text.stdout.isEmpty)
        let json = try provctl.run(["verify", "--json"])
        #expect(json.status == 74)
        let error = try #require(try LogTools.object(json.stdout)["error"] as? [String: Any])
        #expect((error["code"] as? NSNumber)?.intValue == 74)
        #expect((error["message"] as? String)?.contains("position \(position)") == true)
    }

    @Test func verifyCatchesATamperedTagIndexAndChainHead() throws {
        let (directory, provctl) = try LogTools.walkthroughStore("verify-tags")
        let tag = Array("sim:\(LogTools.adelesSIM)".utf8)
        try LogTools.damage(store: directory.path, database: "tags") { txn, tags in
            let deleted = try txn.delete(tags, key: tag, value: LogTools.positionKey(43))
            #expect(deleted)
        }
        let missing = try provctl.run(["verify"])
        #expect(missing.status == 74 && missing.stderr.contains("position 43") && missing.stderr.contains("tag"), "\(missing.stderr)")

        let (other, otherProvctl) = try LogTools.walkthroughStore("verify-head")
        try LogTools.damage(store: other.path, database: "meta") { txn, meta in
            var head = try #require(try txn.get(meta, Array("head".utf8)))
            head[8] ^= 0x01  // the first byte of the head hash
            try txn.put(meta, Array("head".utf8), head)
        }
        let head = try otherProvctl.run(["verify"])
        #expect(head.status == 74 && head.stderr.contains("position 54"), "\(head.stderr)")
    }
}
