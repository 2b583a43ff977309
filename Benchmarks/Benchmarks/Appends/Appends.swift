import Benchmark
import EventLog
import LedgerFixtures

// Appends to a real store on disk, with fsync at every commit (no `noSync`).

/// Events appended per second, measured around each append and reported beside the
/// package's own metrics, so that every figure reads in events whatever the batch size.
let eventsPerSecond = BenchmarkMetric.custom("events/s", polarity: .prefersLarger, useScalingFactor: false)

nonisolated(unsafe) var store: BenchmarkStore?
nonisolated(unsafe) var batches: [[NewEvent]] = []

func openStore(_ label: String, batchSize: Int, batchCount: Int, tags: Bool = true) throws {
    store = try BenchmarkStore(label: label)
    batches = (0..<batchCount).map { SIMEvents.events($0 * batchSize..<($0 + 1) * batchSize) }
    if !tags {
        batches = batches.map { batch in batch.map { event in
            var untagged = event
            untagged.tags = []
            return untagged
        } }
    }
}

func closeStore() {
    store?.remove()
    store = nil
    batches = []
}

/// Appends one batch per call, each under a fresh command id; records events/s.
func appendBatch(_ benchmark: Benchmark, _ iteration: inout Int) throws {
    let batch = batches[iteration % batches.count]
    let started = ContinuousClock.now
    blackHole(try store!.log.append(batch, metadata: SIMEvents.metadata(command: "bench-\(iteration)")))
    let elapsed = (ContinuousClock.now - started) / .nanoseconds(1)
    benchmark.measurement(eventsPerSecond, Int(Double(batch.count) * 1e9 / max(elapsed, 1)))
    iteration += 1
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.throughput, .wallClock, .cpuTotal, .mallocCountTotal, .syscalls],
        timeUnits: .microseconds,
        warmupIterations: 3,
        maxDuration: .seconds(5))

    // One event per write transaction: what one provisioning change costs. The
    // throughput is durable commits (= events) per second.
    Benchmark(
        "Durable single-event append",
        configuration: .init(maxDuration: .seconds(4), maxIterations: 40_000)
    ) { benchmark in
        var next = 0
        for _ in benchmark.scaledIterations {
            let event = batches[0][next % batches[0].count]
            blackHole(try store!.log.append([event], metadata: SIMEvents.metadata(command: "single-\(next)-\(benchmark.currentIteration)")))
            next += 1
        }
    } setup: {
        try openStore("single", batchSize: 1_000, batchCount: 1)
    } teardown: {
        closeStore()
    }

    // The same single-event durable appends from 4, 16 and 64 threads at once, as a
    // server's request handlers would make them: appends that arrive together share a
    // commit (group commit, Environment.groupedWrite), each returning once its commit is
    // on disk. One iteration is 4,096 appends split among the threads; events/s is
    // appends per second (times are per iteration).
    for threads in [4, 16, 64] {
    Benchmark(
        "Durable single-event append, \(threads) threads (group commit)",
        configuration: .init(
            metrics: [.wallClock, .cpuTotal, eventsPerSecond], timeUnits: .milliseconds,
            maxDuration: .seconds(10), maxIterations: 40)
    ) { benchmark in
        let iteration = benchmark.currentIteration
        let events = batches[0]
        let log = store!.log
        let started = ContinuousClock.now
        benchmark.startMeasurement()
        let callsEach = 4_096 / threads
        try ConcurrentCallers.run(threads: threads, callsEach: callsEach) { thread, call in
            let event = events[(thread * callsEach + call) % events.count]
            blackHole(try log.append([event], metadata: SIMEvents.metadata(command: "group-\(iteration)-\(thread)-\(call)")))
        }
        benchmark.stopMeasurement()
        let elapsed = (ContinuousClock.now - started) / .nanoseconds(1)
        benchmark.measurement(eventsPerSecond, Int(4_096 * 1e9 / Double(max(elapsed, 1))))
    } setup: {
        try openStore("single-grouped", batchSize: 1_000, batchCount: 1)
    } teardown: {
        closeStore()
    }
    }

    // A batch of 1,000 SIM events in one transaction (a box of SIMs booked in). The
    // scaling factor is the batch size: times and throughput are per event.
    Benchmark(
        "Bulk append, batches of 1,000",
        configuration: .init(
            metrics: [.throughput, .wallClock, .cpuTotal, .mallocCountTotal, eventsPerSecond],
            scalingFactor: .kilo, maxDuration: .seconds(5), maxIterations: 2_000)
    ) { benchmark in
        var iteration = benchmark.currentIteration
        try appendBatch(benchmark, &iteration)
    } setup: {
        try openStore("bulk1k", batchSize: 1_000, batchCount: 100)
    } teardown: {
        closeStore()
    }

    // A batch of 100,000 SIM events in one transaction (a whole shipment, MDB_APPEND).
    // Figures are per batch; events/s is the batch size over the append's time.
    Benchmark(
        "Bulk append, batches of 100,000",
        configuration: .init(
            metrics: [.throughput, .wallClock, .cpuTotal, .mallocCountTotal, eventsPerSecond],
            timeUnits: .milliseconds, warmupIterations: 1, maxDuration: .seconds(10), maxIterations: 20)
    ) { benchmark in
        var iteration = benchmark.currentIteration
        try appendBatch(benchmark, &iteration)
    } setup: {
        try openStore("bulk100k", batchSize: 100_000, batchCount: 2)
    } teardown: {
        closeStore()
    }

    // The same without tags: the log alone (records, hash chain, head, command id),
    // to tell its cost from the tag index's.
    Benchmark(
        "Bulk append, batches of 100,000, no tags",
        configuration: .init(
            metrics: [.throughput, .wallClock, .cpuTotal, .mallocCountTotal, eventsPerSecond],
            timeUnits: .milliseconds, warmupIterations: 1, maxDuration: .seconds(10), maxIterations: 20)
    ) { benchmark in
        var iteration = benchmark.currentIteration
        try appendBatch(benchmark, &iteration)
    } setup: {
        try openStore("bulk100k-untagged", batchSize: 100_000, batchCount: 2, tags: false)
    } teardown: {
        closeStore()
    }
}
