import Benchmark
import Engine
import Foundation
import StoreGenerator

// Issue 5, acceptance 7: replay and verify, in-process, on the generated store of
// about 10,000,000 events. The store is built once by
// `Benchmarks/scripts/log-tools-10m.sh` (or `generate-store DIR`) and named here by
// LOG_TOOLS_STORE (default /tmp/bench10m): DIR/store and DIR/generated.json.
// Replay runs on a compacted copy (mdb_copy -c) made in the setup and removed after,
// so the generated store is never changed. The per-process figures (audit, show,
// list) are the script's, with hyperfine.

let eventsPerSecond = BenchmarkMetric.custom("events/s", polarity: .prefersLarger, useScalingFactor: false)
let directory = ProcessInfo.processInfo.environment["LOG_TOOLS_STORE"] ?? "/tmp/bench10m"

func generatedStore() throws -> GeneratedStore {
    let data = try Data(contentsOf: URL(fileURLWithPath: directory + "/generated.json"))
    return try JSONDecoder().decode(GeneratedStore.self, from: data)
}

/// Runs a program and waits for it; throws when it fails.
func run(_ executable: String, _ arguments: [String]) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw GenerationError(description: "\(executable) \(arguments.joined(separator: " ")) exited \(process.terminationStatus)")
    }
}

nonisolated(unsafe) var engine: ProvisioningEngine?

/// Opens a store; a synchronous function, as the Engine may not be opened from the
/// (asynchronous) setup closures directly.
func openEngine(_ path: String) throws -> ProvisioningEngine { try ProvisioningEngine(path: path) }
nonisolated(unsafe) var copyPath: String?

func measure(_ benchmark: Benchmark, events: UInt64, _ body: () throws -> Void) rethrows {
    for _ in benchmark.scaledIterations {
        let started = ContinuousClock.now
        benchmark.startMeasurement()
        try body()
        benchmark.stopMeasurement()
        let elapsed = (ContinuousClock.now - started) / .nanoseconds(1)
        benchmark.measurement(eventsPerSecond, Int(Double(events) * 1e9 / max(elapsed, 1)))
    }
}

let benchmarks: @Sendable () -> Void = {
    guard let generated = try? generatedStore() else {
        print("LogTools: no generated store in \(directory) (run Benchmarks/scripts/log-tools-10m.sh first); skipped.")
        return
    }
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .peakMemoryResident, eventsPerSecond], timeUnits: .seconds,
        warmupIterations: 0, scalingFactor: .one, maxDuration: .seconds(600), maxIterations: 3)

    var replay = configuration
    replay.setup = {
        let copy = directory + "/benchmark-replay-copy"
        try? FileManager.default.removeItem(atPath: copy)
        try FileManager.default.createDirectory(atPath: copy, withIntermediateDirectories: true)
        try run("/usr/bin/mdb_copy", ["-c", directory + "/store", copy])
        copyPath = copy
        engine = try openEngine(copy)
    }
    replay.teardown = {
        engine = nil
        if let copyPath { try? FileManager.default.removeItem(atPath: copyPath) }
    }
    Benchmark("Replay into every read model, \(generated.events) events", configuration: replay) { benchmark in
        try measure(benchmark, events: generated.events) { blackHole(try engine!.replay()) }
    }

    var verify = configuration
    verify.setup = { engine = try openEngine(directory + "/store") }
    verify.teardown = { engine = nil }
    Benchmark("Verify: log and tag index, \(generated.events) events", configuration: verify) { benchmark in
        try measure(benchmark, events: generated.events) {
            let report = try engine!.log.verify()
            guard report.isValid else { throw GenerationError(description: "verify: \(report.problem!)") }
        }
    }
    Benchmark("Verify: read models against a replay, \(generated.events) events", configuration: verify) { benchmark in
        try measure(benchmark, events: generated.events) {
            let differences = try engine!.readModelDifferences(limit: 1)
            guard differences.isEmpty else { throw GenerationError(description: "read models differ: \(differences[0])") }
        }
    }
    // What provctl verify runs: both checks above in one pass (the log checked on the
    // threads that decode it for the replay).
    Benchmark("Verify: everything in one pass, \(generated.events) events", configuration: verify) { benchmark in
        try measure(benchmark, events: generated.events) {
            let verification = try engine!.verifyStore(differenceLimit: 1)
            guard verification.log.isValid, verification.readModelDifferences.isEmpty else {
                throw GenerationError(description: "verify failed: \(verification)")
            }
        }
    }
}
