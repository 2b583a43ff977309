import Benchmark
import Engine
import Foundation
import LedgerFixtures
import Provisioning

// Issue 4, acceptance 7: changes through `ProvisioningEngine.execute`, in-process,
// each one LMDB write transaction (decide, append, evolve into the read models,
// commit), on a store in the temporary directory.

let eventsPerSecond = BenchmarkMetric.custom("events/s", polarity: .prefersLarger, useScalingFactor: false)

/// A fresh store with the distributor and its first user (`mike`).
final class EngineStore: @unchecked Sendable {
    let path: String
    let engine: ProvisioningEngine
    let now = Timestamp(millisecondsSince1970: 1_764_000_000_000)
    let mike = Username(unchecked: "mike")
    var nextSerial = 0

    init(label: String, noSync: Bool) throws {
        path = FileManager.default.temporaryDirectory
            .appendingPathComponent("engine-bench-\(label)-\(UUID().uuidString)").path
        var options = LMDBOptions()
        options.mapSize = 1 << 30
        options.noSync = noSync
        engine = try ProvisioningEngine(path: path, options: options)
        _ = try engine.execute(
            .initializeStore(
                InitializeStore(
                    distributor: Name(unchecked: "Mobilise"), adminUsername: mike,
                    adminName: DisplayText(unchecked: "Mike"), adminEmail: Email(unchecked: "mike@example.com"))),
            as: nil, now: now)
    }

    /// `count` new ICCIDs, in increasing order.
    func nextICCIDs(_ count: Int) -> [SIMBookIn] {
        defer { nextSerial += count }
        return (nextSerial..<nextSerial + count).map { SIMBookIn(iccid: try! ICCID(Self.iccid(serial: $0))) }
    }

    /// The 19-digit ICCID of `serial`: 89 44 53, the serial, the Luhn digit.
    static func iccid(serial: Int) -> String {
        let body = "894453" + String(serial).leftPadded(to: 12)
        return body + String(ICCID.luhnCheckDigit(for: body))
    }

    func bookIn(_ sims: [SIMBookIn]) throws -> ChangeOutcome {
        try engine.execute(
            .bookInSIMs(BookInSIMs(sims: sims, simType: SIMTypeCode(unchecked: "MXG-ET085"), form: .physical)),
            as: mike, now: now)
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

nonisolated(unsafe) var store: EngineStore?

/// The release `provctl` of the project (PROVCTL, or the root package's
/// `.build/release/provctl`): the book-in as an operator runs it, a process of its own.
let provctl = ProcessInfo.processInfo.environment["PROVCTL"]
    ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../../.build/release/provctl").standardized.path

/// Runs `provctl` with `arguments`, its output discarded; throws when it fails.
func runProvctl(_ arguments: [String]) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: provctl)
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw ProvctlFailed(description: "provctl \(arguments.joined(separator: " ")) exited \(process.terminationStatus)")
    }
}

struct ProvctlFailed: Error, CustomStringConvertible {
    let description: String
}

/// A directory holding a file of a million ICCIDs (as `Benchmarks/scripts/iccids.py`
/// writes them) for the child-process book-in.
nonisolated(unsafe) var bookInFiles: (directory: String, file: String)?

let benchmarks: @Sendable () -> Void = {
    // One change of one event (a book-in of one SIM: the log, the tag index, rm.sims,
    // its status index and the counters), committed with fsync. On a disk whose
    // fdatasync takes milliseconds this measures the disk, not the code: see the
    // noSync variant for the CPU cost of the same change.
    for noSync in [false, true] {
        Benchmark(
            noSync ? "Engine: one change, one event (noSync)" : "Engine: one durable change, one event",
            configuration: .init(
                metrics: [.wallClock, .throughput, .mallocCountTotal], timeUnits: .microseconds,
                warmupIterations: 10, scalingFactor: .one, maxDuration: .seconds(5), maxIterations: 20_000,
                setup: { store = try EngineStore(label: noSync ? "one-nosync" : "one", noSync: noSync) },
                teardown: {
                    store?.remove()
                    store = nil
                })
        ) { benchmark in
            for _ in benchmark.scaledIterations {
                let sims = store!.nextICCIDs(1)
                benchmark.startMeasurement()
                blackHole(try store!.bookIn(sims))
                benchmark.stopMeasurement()
            }
        }
    }

    // The same durable one-event changes from 4, 16 and 64 threads at once, as a
    // server's request handlers would make them: changes that arrive together share a
    // commit (group commit), each in its own nested transaction, each returning once its
    // commit is on disk. One iteration is 4,096 changes split among the threads;
    // events/s is changes per second (times are per iteration).
    for threads in [4, 16, 64] {
    Benchmark(
        "Engine: durable changes of one event, \(threads) threads (group commit)",
        configuration: .init(
            metrics: [.wallClock, .cpuTotal, eventsPerSecond], timeUnits: .milliseconds,
            warmupIterations: 2, maxDuration: .seconds(10), maxIterations: 40,
            setup: { store = try EngineStore(label: "grouped", noSync: false) },
            teardown: {
                store?.remove()
                store = nil
            })
    ) { benchmark in
        let sims = store!.nextICCIDs(4_096)
        let engine = store!.engine
        let (mike, now) = (store!.mike, store!.now)
        let started = ContinuousClock.now
        benchmark.startMeasurement()
        let callsEach = 4_096 / threads
        try ConcurrentCallers.run(threads: threads, callsEach: callsEach) { thread, call in
            let sim = sims[thread * callsEach + call]
            blackHole(
                try engine.execute(
                    .bookInSIMs(BookInSIMs(sims: [sim], simType: SIMTypeCode(unchecked: "MXG-ET085"), form: .physical)),
                    as: mike, now: now))
        }
        benchmark.stopMeasurement()
        let elapsed = (ContinuousClock.now - started) / .nanoseconds(1)
        benchmark.measurement(eventsPerSecond, Int(4_096 * 1e9 / Double(max(elapsed, 1))))
    }
    }

    // `provctl sims bookin --file` of a million ICCIDs, end to end: a fresh process on
    // a fresh store each iteration (the store's `init` outside the measurement), which
    // reads the file, decides, writes and commits durably, and exits. The figure of
    // issue 4's goal; needs the release provctl (`swift build -c release --product
    // provctl` at the root), and is skipped without it.
    if FileManager.default.isExecutableFile(atPath: provctl) {
        Benchmark(
            "provctl: sims bookin --file of 1,000,000 ICCIDs (a child process)",
            configuration: .init(
                metrics: [.wallClock, eventsPerSecond], timeUnits: .milliseconds,
                warmupIterations: 1, scalingFactor: .one, maxDuration: .seconds(120), maxIterations: 10,
                setup: {
                    let directory = FileManager.default.temporaryDirectory
                        .appendingPathComponent("provctl-bookin-\(UUID().uuidString)").path
                    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
                    var lines = ""
                    for serial in 0..<1_000_000 { lines += EngineStore.iccid(serial: serial) + "\n" }
                    let file = directory + "/iccids.txt"
                    try lines.write(toFile: file, atomically: false, encoding: .utf8)
                    bookInFiles = (directory, file)
                },
                teardown: {
                    if let bookInFiles { try? FileManager.default.removeItem(atPath: bookInFiles.directory) }
                    bookInFiles = nil
                })
        ) { benchmark in
            let (directory, file) = bookInFiles!
            for _ in benchmark.scaledIterations {
                let store = directory + "/store"
                try? FileManager.default.removeItem(atPath: store)
                try runProvctl(
                    ["--store", store, "init", "--distributor", "Mobilise", "--admin", "mike", "--admin-email", "mike@example.com"])
                let started = ContinuousClock.now
                benchmark.startMeasurement()
                try runProvctl(
                    ["--store", store, "--as", "mike", "sims", "bookin", "--sim-type", "MXG-ET085", "--form", "physical",
                     "--file", file])
                benchmark.stopMeasurement()
                let elapsed = (ContinuousClock.now - started) / .nanoseconds(1)
                benchmark.measurement(eventsPerSecond, Int(1e6 * 1e9 / max(elapsed, 1)))
            }
        }
    } else {
        print("EngineChanges: no release provctl at \(provctl) (swift build -c release --product provctl); its book-in skipped.")
    }

    // `sims bookin` of a million ICCIDs: one change, all or nothing, a million events.
    Benchmark(
        "Engine: sims bookin of 1,000,000 ICCIDs",
        configuration: .init(
            metrics: [.wallClock, .peakMemoryResident, eventsPerSecond], timeUnits: .milliseconds,
            warmupIterations: 0, scalingFactor: .one, maxDuration: .seconds(120), maxIterations: 3,
            setup: { store = try EngineStore(label: "bookin", noSync: false) },
            teardown: {
                store?.remove()
                store = nil
            })
    ) { benchmark in
        for _ in benchmark.scaledIterations {
            let sims = store!.nextICCIDs(1_000_000)
            let started = ContinuousClock.now
            benchmark.startMeasurement()
            blackHole(try store!.bookIn(sims))
            benchmark.stopMeasurement()
            let elapsed = (ContinuousClock.now - started) / .nanoseconds(1)
            benchmark.measurement(eventsPerSecond, Int(1e6 * 1e9 / max(elapsed, 1)))
        }
    }
}
