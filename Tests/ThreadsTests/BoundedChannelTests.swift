import Dispatch
import Synchronization
import Testing
import Threads

@Suite struct BoundedChannelTests {
    /// Items arrive in order, the sender never runs more than `capacity` ahead, and
    /// after `finish` the receiver gets nil.
    @Test func itemsArriveInOrderWithTheSenderAtMostCapacityAhead() throws {
        let channel = BoundedChannel<Int>(capacity: 3)
        let sentCount = Atomic<Int>(0)
        let sender = BackgroundTask<Void> {
            for item in 0..<100 {
                #expect(channel.send(item))
                sentCount.add(1, ordering: .relaxed)
            }
            channel.finish()
        }
        var received: [Int] = []
        while let item = channel.receive() {
            received.append(item)
            // Sent so far: at most those received, plus the ones waiting, plus the one
            // that may be past its wait and not yet counted.
            #expect(sentCount.load(ordering: .relaxed) <= received.count + 3)
        }
        try sender.value()
        #expect(received == Array(0..<100))
    }

    /// A sender waiting for room is released by `cancel` and told to stop.
    @Test func cancelReleasesAWaitingSender() throws {
        let channel = BoundedChannel<Int>(capacity: 1)
        let answers = Mutex<[Bool]>([])
        let sender = BackgroundTask<Void> {
            for item in 0..<3 {
                let accepted = channel.send(item)
                answers.withLock { $0.append(accepted) }
                if !accepted { return }
            }
        }
        #expect(channel.receive() == 0)
        // The sender has room for one more, then waits.
        #expect(!sender.wait(timeout: .milliseconds(200)))
        channel.cancel()
        #expect(sender.wait(timeout: .seconds(10)))
        #expect(answers.withLock { $0 } == [true, true, false])
    }
}
