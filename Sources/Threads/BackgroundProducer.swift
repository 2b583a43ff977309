/// Work on a thread of its own that hands items, in order and a few ahead, to the
/// thread that started it, then gives a value: a bulk append's encoded records, a
/// rebuild's decoded log. The consumer takes every item with
/// `drain`, or gives up with `cancel`; either way the producing thread has ended
/// when the call returns. One released undrained is cancelled without the wait.
///
/// Used by one consuming thread; the producer runs `work` on the other.
public final class BackgroundProducer<Item: Sendable, Value: Sendable>: Sendable {
    private let channel: BoundedChannel<Item>
    private let task: BackgroundTask<Value>

    /// Starts `work` on another thread. It hands each item to `send`, which waits for
    /// room (at most `capacity` items wait) and throws once the consumer has given up,
    /// so that `work` stops there.
    public init(capacity: Int, _ work: @escaping @Sendable (_ send: (Item) throws -> Void) throws -> Value) {
        let channel = BoundedChannel<Item>(capacity: capacity)
        self.channel = channel
        task = BackgroundTask {
            // The end is sent whatever happens, so that the consumer never waits for
            // ever; an error reaches it through `drain`.
            defer { channel.finish() }
            return try work { item in
                guard channel.send(item) else { throw ConsumerGaveUp() }
            }
        }
    }

    /// Hands every item to `body` in order, then returns the work's value or throws its
    /// error. When `body` throws, the work is stopped (`cancel`) and the error rethrown.
    public func drain(_ body: (Item) throws -> Void) throws -> Value {
        try drain(body, whileWaiting: { false })
    }

    /// The same, doing other work on this thread while no item is ready: `whileWaiting`
    /// is called (with none ready) to do one short step of it, and answers whether it
    /// did any. When it did none, this waits for the next item, and asks again the next
    /// time none is ready (the other work may be fed by a thread of its own).
    public func drain(_ body: (Item) throws -> Void, whileWaiting: () throws -> Bool) throws -> Value {
        do {
            receiving: while true {
                switch channel.poll() {
                case .item(let item): try body(item)
                case .finished: break receiving
                case .nothingYet:
                    if try whileWaiting() { continue }
                    guard let item = channel.receive() else { break receiving }
                    try body(item)
                }
            }
        } catch {
            cancel()
            throw error
        }
        return try task.value()
    }

    /// The next item, waiting for it; nil once the work has ended and every item has
    /// been taken (the work's error is thrown then, its value dropped). For a consumer
    /// that takes items from several producers in turn; it calls `cancel` when it gives up.
    public func next() throws -> Item? {
        if let item = channel.receive() { return item }
        _ = try task.value()
        return nil
    }

    /// What `poll` found: an item, the end of the items, or none ready yet.
    public enum Polled {
        case item(Item)
        /// Every item has been taken; the work's value.
        case finished(Value)
        case nothingYet
    }

    /// The next item if one is ready, without waiting; at the end, the work's value
    /// (or its error, thrown).
    public func poll() throws -> Polled {
        switch channel.poll() {
        case .item(let item): .item(item)
        case .finished: .finished(try task.value())
        case .nothingYet: .nothingYet
        }
    }

    /// The consumer gives up: stops the work at its next `send` and waits for its thread.
    public func cancel() {
        channel.cancel()
        task.wait()
    }

    /// A producer left undrained (its consumer failed before `drain`) stops its work too.
    deinit { channel.cancel() }
}

/// Thrown by `send` once the consumer has given up.
struct ConsumerGaveUp: Error {}
