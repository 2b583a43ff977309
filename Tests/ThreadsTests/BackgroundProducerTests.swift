import Synchronization
import Testing
import Threads

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite struct BackgroundProducerTests {
    struct Refused: Error, Equatable {}

    /// `drain` hands the items in order, then the work's value.
    @Test func drainGivesEveryItemInOrderThenTheValue() throws {
        let producer = BackgroundProducer<Int, String>(capacity: 2) { send in
            for item in 0..<50 { try send(item) }
            return "done"
        }
        var received: [Int] = []
        #expect(try producer.drain { received.append($0) } == "done")
        #expect(received == Array(0..<50))
    }

    /// An error of the work reaches `drain` after the items sent before it.
    @Test func theWorksErrorReachesDrain() throws {
        let producer = BackgroundProducer<Int, Void>(capacity: 2) { send in
            try send(1)
            throw Refused()
        }
        var received: [Int] = []
        #expect(throws: Refused.self) { try producer.drain { received.append($0) } }
        #expect(received == [1])
    }

    /// When the consumer's body throws, the work stops at its next `send` (which
    /// throws) and `drain` returns only after the work has ended.
    @Test func aConsumerThatThrowsStopsTheWork() throws {
        let sent = Atomic<Int>(0)
        let ended = Atomic<Bool>(false)
        let producer = BackgroundProducer<Int, Void>(capacity: 1) { send in
            defer { ended.store(true, ordering: .releasing) }
            for item in 0..<1_000 {
                try send(item)
                sent.add(1, ordering: .relaxed)
            }
        }
        #expect(throws: Refused.self) {
            try producer.drain { item in if item == 3 { throw Refused() } }
        }
        let (hasEnded, sentCount) = (ended.load(ordering: .acquiring), sent.load(ordering: .relaxed))
        #expect(hasEnded)
        #expect(sentCount < 10)
    }

    /// A producer released without being drained stops its work.
    @Test func aProducerReleasedUndrainedStopsItsWork() throws {
        let ended = Atomic<Bool>(false)
        do {
            _ = BackgroundProducer<Int, Void>(capacity: 1) { send in
                defer { ended.store(true, ordering: .releasing) }
                for item in 0..<1_000_000 { try send(item) }
            }
        }
        for _ in 0..<1_000 where !ended.load(ordering: .acquiring) {
            usleep(10_000)
        }
        let hasEnded = ended.load(ordering: .acquiring)
        #expect(hasEnded)
    }

    /// `drain(_:whileWaiting:)` hands every item in order and does the other work in
    /// steps while no item is ready. Once a call finds no work, it waits for the next
    /// item before asking again: no spinning while both are idle.
    @Test func drainDoesOtherWorkWhileItWaits() throws {
        let producer = BackgroundProducer<Int, String>(capacity: 2) { send in
            for item in 0..<40 {
                usleep(500)
                try send(item)
            }
            return "done"
        }
        var received: [Int] = []
        var steps = 0
        var idleCalls = 0
        let value = try producer.drain({ received.append($0) }, whileWaiting: {
            guard steps < 5 else {
                idleCalls += 1
                return false
            }
            steps += 1
            return true
        })
        #expect(value == "done")
        #expect(received == Array(0..<40))
        #expect(steps == 5, "the producer is slow: every step is taken")
        #expect(idleCalls <= 41, "at most one call that finds no work an item, not a spin")
    }

    /// Other work that becomes ready later (fed by a thread of its own) is still done
    /// while items are awaited: a call that found none does not end the asking.
    @Test func otherWorkThatComesLaterIsStillDone() throws {
        let producer = BackgroundProducer<Int, Void>(capacity: 1) { send in
            for item in 0..<60 {
                usleep(1_000)
                try send(item)
            }
        }
        let started = ContinuousClock.now
        var done = 0
        try producer.drain({ _ in }, whileWaiting: {
            // Work arrives 20 ms in, after many calls found none.
            guard ContinuousClock.now - started > .milliseconds(20), done < 3 else { return false }
            done += 1
            return true
        })
        #expect(done == 3)
    }

    /// What the other work throws stops the producer and reaches the caller.
    @Test func otherWorkThatThrowsStopsTheProducer() throws {
        let ended = Atomic<Bool>(false)
        let producer = BackgroundProducer<Int, Void>(capacity: 2) { send in
            defer { ended.store(true, ordering: .releasing) }
            for item in 0..<1_000 {
                usleep(200)
                try send(item)
            }
        }
        #expect(throws: Refused.self) {
            try producer.drain({ _ in }, whileWaiting: { throw Refused() })
        }
        let hasEnded = ended.load(ordering: .acquiring)
        #expect(hasEnded, "drain returns once the producer's work has ended")
    }
}
