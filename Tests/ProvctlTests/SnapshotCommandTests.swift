import Foundation
import LMDB
import Testing
import TestSupport

/// Snapshots through the built binary: `--at` lists and `replay --to --into` give
/// the same answers with and without them, a damaged one is reported and not used,
/// a change killed while writing one leaves none or a whole one; and the progress
/// bar of long work shows on a terminal only, never with `--json`.
@Suite("Snapshots and the progress bar")
struct SnapshotCommandTests {
    /// The reads compared at each position: whole-store lists.
    static let lists: [[String]] = [["sims", "list"], ["subscriber", "list"], ["numbers", "list"], ["sims", "list", "--status", "active"]]

    static func reads(_ provctl: ProvctlProcess, at positions: [UInt64]) throws -> [String] {
        try positions.flatMap { position in
            try lists.map { list in
                let result = try provctl.run(list + ["--at", String(position), "--json"])
                #expect(result.status == 0, "\(result)")
                return result.stdout
            }
        }
    }

    static func snapshots(_ provctl: ProvctlProcess) throws -> (interval: Int, entries: [[String: Any]]) {
        let result = try provctl.run(["snapshots", "list", "--json"])
        #expect(result.status == 0, "\(result)")
        let document = try LogTools.object(result.stdout)
        return (document["interval"] as? Int ?? -1, document["snapshots"] as? [[String: Any]] ?? [])
    }

    static func head(_ provctl: ProvctlProcess) throws -> UInt64 {
        let stats = try LogTools.object(try provctl.run(["stats", "--json"]).stdout)
        return UInt64(try #require(stats["head-position"] as? Int))
    }

    @Test("--at lists and replay --to --into: the same with and without snapshots, before, at and after one")
    func sameAnswersWithAndWithoutSnapshots() throws {
        let store = try Walkthrough.copy()
        let provctl = ProvctlProcess(store: store.path)
        let head = try Self.head(provctl)
        #expect(try Self.snapshots(provctl).entries.isEmpty)  // the default interval is far beyond the walkthrough

        // Snapshots every 17 events, written by a rebuild.
        #expect(try provctl.run(["snapshots", "set", "--every", "17"]).status == 0)
        #expect(try provctl.run(["replay"]).status == 0)
        let (interval, entries) = try Self.snapshots(provctl)
        #expect(interval == 17)
        let positions = entries.compactMap { $0["position"] as? Int }.map(UInt64.init)
        #expect(positions.count == Int(head / 17) || positions.count == Int(head / 17) - 1, "\(positions)")
        #expect(entries.allSatisfy { $0["valid"] as? Bool == true })

        let probes = Array(Set(positions.prefix(3).flatMap { [$0 - 1, $0, $0 + 1] } + [1, head])).sorted()
        let withSnapshots = try Self.reads(provctl, at: probes)

        // The same store with none: the reads fold from the first event.
        #expect(try provctl.run(["snapshots", "set", "--every", "0"]).status == 0)
        #expect(try provctl.run(["replay"]).status == 0)
        #expect(try Self.snapshots(provctl).entries.isEmpty)
        #expect(try Self.reads(provctl, at: probes) == withSnapshots)

        // Copies as of positions around a snapshot, from a store that has them.
        #expect(try provctl.run(["snapshots", "set", "--every", "17"]).status == 0)
        #expect(try provctl.run(["replay"]).status == 0)
        let snapshot = positions[1]
        for position in [snapshot - 1, snapshot, snapshot + 1] {
            let target = TemporaryDirectory("snapshot-copy")
            let copy = try provctl.run(["replay", "--to", String(position), "--into", target.path])
            #expect(copy.status == 0, "\(copy)")
            let copied = ProvctlProcess(store: target.path)
            #expect(try Self.reads(copied, at: [position]) == (try Self.reads(provctl, at: [position])))
            #expect(try copied.run(["verify"]).status == 0)
            let kept = try Self.snapshots(copied).entries.compactMap { $0["position"] as? Int }.map(UInt64.init)
            // The source's up to the copy's end (and one at its end if it cuts a change that crossed a multiple).
            #expect(kept.filter { $0 < position } == positions.filter { $0 < position })
            #expect(kept.allSatisfy { $0 <= position })
        }
    }

    @Test("A list of the past (its records alone, from a snapshot) is what a copy's live read models show at that position")
    func pastListsAreTheLiveListsOfACopy() throws {
        let store = try Walkthrough.copy()
        let provctl = ProvctlProcess(store: store.path)
        #expect(try provctl.run(["snapshots", "set", "--every", "13"]).status == 0)
        #expect(try provctl.run(["replay"]).status == 0)
        let positions = try Self.snapshots(provctl).entries.compactMap { $0["position"] as? Int }.map(UInt64.init)
        try #require(positions.count >= 3)
        let head = try Self.head(provctl)
        // Numbers are left out: their status is computed at the time asked, which
        // for a live list is now and for --at the time of the position.
        let lists: [[String]] = [
            ["sims", "list"], ["sims", "list", "--status", "active"], ["sims", "list", "--status", "reserved"],
            ["sims", "list", "--reseller", "Talk_Mail"], ["sims", "list", "--group", "AC_Internal"],
            ["subscriber", "list"], ["subscriber", "list", "--reseller", "AudioCodes_Reseller"],
        ]
        var listedSIMs = false
        for position in [positions[1] - 1, positions[1], positions[2] + 3, head] {
            let target = TemporaryDirectory("past-list-copy")
            #expect(try provctl.run(["replay", "--to", String(position), "--into", target.path]).status == 0)
            let copy = ProvctlProcess(store: target.path)
            for list in lists {
                let past = try provctl.run(list + ["--at", String(position), "--json"])
                let live = try copy.run(list + ["--json"])
                #expect(past.status == 0 && live.status == 0, "\(past) \(live)")
                #expect(past.stdout == live.stdout, "\(list) at \(position)")
            }
            if try copy.run(["sims", "list", "--json"]).stdout.contains("iccid") { listedSIMs = true }
        }
        #expect(listedSIMs)
    }

    @Test("A damaged snapshot: verify exits 74 naming it, reads skip it, replay rebuilds it")
    func damagedSnapshot() throws {
        let store = try Walkthrough.copy()
        let provctl = ProvctlProcess(store: store.path)
        #expect(try provctl.run(["snapshots", "set", "--every", "10"]).status == 0)
        #expect(try provctl.run(["replay"]).status == 0)
        let positions = try Self.snapshots(provctl).entries.compactMap { $0["position"] as? Int }.map(UInt64.init)
        try #require(positions.count >= 3)
        let damaged = positions[2]
        let probes = [damaged, damaged + 1]
        let before = try Self.reads(provctl, at: probes)

        let chunkKey = LogTools.positionKey(damaged) + [0, 0, 0, 0]
        try LogTools.damage(store: store.path, database: "snapshot-chunks") { txn, chunks in
            var chunk = try #require(try txn.get(chunks, chunkKey))
            chunk[chunk.count - 1] ^= 0x01
            try txn.put(chunks, chunkKey, chunk)
        }
        let verify = try provctl.run(["verify"])
        #expect(verify.status == 74)
        #expect(verify.stderr.contains("snapshots position \(damaged): its checksum does not match"), "\(verify)")
        let listed = try Self.snapshots(provctl).entries.first { $0["position"] as? Int == Int(damaged) }
        #expect(listed?["valid"] as? Bool == false)
        #expect(try Self.reads(provctl, at: probes) == before)

        #expect(try provctl.run(["replay"]).status == 0)
        #expect(try provctl.run(["verify"]).status == 0)
        #expect(try Self.snapshots(provctl).entries.allSatisfy { $0["valid"] as? Bool == true })
    }

    /// `script` gives the child a terminal (a pty) and copies what it writes there. The
    /// bar is asked for at once: how long the work takes depends on the machine.
    static func onTerminal(_ arguments: [String]) throws -> ProvctlProcess.Result {
        let command = ([ProvctlProcess.executable.path] + arguments).map { "'\($0)'" }.joined(separator: " ")
        let process = Process()
        process.environment = ProcessInfo.processInfo.environment.merging(["PROVCTL_PROGRESS_AFTER": "0"]) { $1 }
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qec", command, "/dev/null"]
        return try ProvctlProcess.collect(process)
    }

    /// `count` 20-digit ICCIDs (no check digit) from `first`, one a line.
    static func iccidFile(_ directory: TemporaryDirectory, first: Int, count: Int) throws -> String {
        try directory.file(
            "iccids-\(first).txt",
            contents: (first..<(first + count)).map { "8944530000" + String(9_000_000_000 + $0) }.joined(separator: "\n"))
    }

    @Test("The progress bar: on a terminal for a long book-in and replay, never with --json nor on a pipe; a change killed while writing a snapshot leaves none or a whole one")
    func progressBarAndCrashDuringASnapshot() throws {
        let store = try Walkthrough.copy()
        let files = TemporaryDirectory("snapshot-files")
        let provctl = ProvctlProcess(store: store.path)
        let count = 40_000
        func bookin(_ first: Int, json: Bool) throws -> ProvctlProcess.Result {
            try Self.onTerminal(
                ["sims", "bookin", "--sim-type", "MXG-ET085", "--form", "physical", "--no-check-digit", "--file",
                 try Self.iccidFile(files, first: first, count: count), "--store", store.path, "--as", "mike"]
                    + (json ? ["--json"] : []))
        }
        let shown = try bookin(0, json: false)
        #expect(shown.status == 0, "\(shown)")
        #expect(shown.stdout.contains("\rsims bookin (applying) ["), "\(shown.stdout.prefix(300))")
        #expect(shown.stdout.contains("] \(count)/\(count) 100%"))
        let quiet = try bookin(count, json: true)
        #expect(quiet.status == 0, "\(quiet)")
        // (The terminal turns each newline into \r\n: look for the bar itself.)
        #expect(!quiet.stdout.contains("sims bookin ("), "\(quiet.stdout.prefix(300))")
        #expect(try LogTools.object(quiet.stdout)["event-count"] as? Int == count)
        let replayed = try Self.onTerminal(["replay", "--store", store.path])
        #expect(replayed.status == 0, "\(replayed)")
        #expect(replayed.stdout.contains("\rreplay ["), "\(replayed.stdout.prefix(300))")
        // On a pipe (not a terminal) nothing but the result.
        let piped = try provctl.run(["replay"])
        #expect(piped.status == 0 && piped.stderr.isEmpty, "\(piped)")

        // Every change now writes a snapshot of 80k SIMs; kill changes at instants
        // spread over their run, most of which falls in the snapshot.
        #expect(try provctl.run(["snapshots", "set", "--every", "1"]).status == 0)
        let started = Date()
        #expect(try provctl.run(["sims", "reserve", "--reseller", "Talk_Mail", "89445300009000000000"], as: "mike").status == 0)
        let changeTime = Date().timeIntervalSince(started)
        var killed = 0
        for step in 1...8 {
            let process = Process()
            process.executableURL = ProvctlProcess.executable
            process.arguments = ["sims", "reserve", "--reseller", "Talk_Mail", "8944530000" + String(9_000_000_000 + step),
                                 "--store", store.path, "--as", "mike"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            Thread.sleep(forTimeInterval: changeTime * Double(step) / 9)
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                killed += 1
            }
            process.waitUntilExit()
            let head = try Self.head(provctl)
            let entries = try Self.snapshots(provctl).entries
            #expect(entries.allSatisfy { $0["valid"] as? Bool == true }, "after a kill at step \(step)")
            // Each committed change wrote its snapshot; a killed one wrote none.
            #expect(entries.last?["position"] as? Int == Int(head))
        }
        #expect(killed > 0)
        let verify = try provctl.run(["verify"])
        #expect(verify.status == 0, "\(verify)")
    }
}
