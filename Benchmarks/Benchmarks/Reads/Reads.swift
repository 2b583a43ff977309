import Benchmark
import EventLog
import LedgerFixtures

// Reads from a store of one million SIM events (100,000 SIMs with 10 events each,
// 4 resellers, 50 groups), filled in the setup and not timed.

let eventsPerSecond = BenchmarkMetric.custom("events/s", polarity: .prefersLarger, useScalingFactor: false)
let logSize = 1_000_000  // = BenchmarkScalingFactor.mega, the scans' scaling factor

nonisolated(unsafe) var store: BenchmarkStore?

func openFilledStore() throws {
    let filled = try BenchmarkStore(label: "reads", noSync: true)
    try fill(filled.log, count: logSize)
    try filled.log.environment.sync()
    store = filled
}

func closeStore() {
    store?.remove()
    store = nil
}

func timed(_ benchmark: Benchmark, events: Int, _ body: () throws -> Void) rethrows {
    let started = ContinuousClock.now
    try body()
    let elapsed = (ContinuousClock.now - started) / .nanoseconds(1)
    benchmark.measurement(eventsPerSecond, Int(Double(events) * 1e9 / max(elapsed, 1)))
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.throughput, .wallClock, .cpuTotal, .mallocCountTotal],
        timeUnits: .nanoseconds,
        warmupIterations: 1,
        maxDuration: .seconds(5))

    // Every record from position 1, decoded into `EventRecord`s (every field copied
    // out), in one snapshot. The scaling factor is the log size: times and throughput
    // are per event.
    Benchmark(
        "Forward read + decode into EventRecord, 1M events",
        configuration: .init(
            metrics: [.throughput, .wallClock, .cpuTotal, .mallocCountTotal, eventsPerSecond],
            scalingFactor: .mega, maxDuration: .seconds(10), maxIterations: 20)
    ) { benchmark in
        let log = store!.log
        try timed(benchmark, events: benchmark.scaledIterations.count) {
            try log.environment.read { txn in
                try log.forEach(from: 1, in: txn) { record in
                    blackHole(record)
                    return true
                }
            }
        }
    } setup: {
        try openFilledStore()
    } teardown: {
        closeStore()
    }

    // The same scan through `EventRecordView`, as a replay into read models reads it:
    // the envelope parsed, the type decoded to a String, the payload lent in place.
    Benchmark(
        "Forward read + decode with EventRecordView (type, payload), 1M events",
        configuration: .init(
            metrics: [.throughput, .wallClock, .cpuTotal, .mallocCountTotal, eventsPerSecond],
            scalingFactor: .mega, maxDuration: .seconds(10), maxIterations: 20)
    ) { benchmark in
        let log = store!.log
        try timed(benchmark, events: benchmark.scaledIterations.count) {
            try log.environment.read { txn in
                try log.forEachView(from: 1, in: txn) { view in
                    blackHole(try view.type())
                    blackHole(try view.withPayload { $0.count })
                    return true
                }
            }
        }
    } setup: {
        try openFilledStore()
    } teardown: {
        closeStore()
    }

    // The 10 records of one SIM (its audit trail) on the 1M-event log, a different
    // SIM each time; each call is its own snapshot. Figures are per SIM.
    Benchmark(
        "Read by tag: one SIM's 10 records of 1M",
        configuration: .init(scalingFactor: .kilo, maxDuration: .seconds(5), maxIterations: 1_000)
    ) { benchmark in
        let log = store!.log
        let base = benchmark.currentIteration * 1_000
        for index in benchmark.scaledIterations {
            blackHole(try log.records(tag: SIMEvents.simTag((base + index) * 7_919)))
        }
    } setup: {
        try openFilledStore()
    } teardown: {
        closeStore()
    }

    // The 20,000 records of one group, read through the tag index. Figures are per
    // read of the whole group; events/s counts records.
    Benchmark(
        "Read by tag: one group's 20,000 records of 1M",
        configuration: .init(
            metrics: [.throughput, .wallClock, .cpuTotal, .mallocCountTotal, eventsPerSecond],
            timeUnits: .milliseconds, maxDuration: .seconds(5), maxIterations: 200)
    ) { benchmark in
        let log = store!.log
        for _ in benchmark.scaledIterations {
            try timed(benchmark, events: 20_000) {
                blackHole(try log.records(tag: "group:AC_\(benchmark.currentIteration % 50)"))
            }
        }
    } setup: {
        try openFilledStore()
    } teardown: {
        closeStore()
    }
}
