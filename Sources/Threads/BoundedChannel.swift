import Dispatch
import Synchronization

/// Items passed from one thread to another in order, at most `capacity` waiting at a
/// time: the sender waits for room, the receiver for an item. The receiver may give
/// up (`cancel`), after which the sender's next `send` answers false.
public final class BoundedChannel<Element: Sendable>: Sendable {
    private let waiting = Mutex<[Element]>([])
    /// Counts items sent (and the end); the receiver waits on it.
    private let sent = DispatchSemaphore(value: 0)
    /// Counts room for more items; the sender waits on it. Both semaphores start at 0
    /// and are raised: libdispatch traps when one is freed below its initial value,
    /// which a cancelled run could leave.
    private let room = DispatchSemaphore(value: 0)
    private let cancelled = Atomic<Bool>(false)

    public init(capacity: Int) {
        for _ in 0..<capacity { room.signal() }
    }

    /// Waits for room and sends `item`; false when the receiver has given up.
    public func send(_ item: Element) -> Bool {
        room.wait()
        if cancelled.load(ordering: .acquiring) { return false }
        waiting.withLock { $0.append(item) }
        sent.signal()
        return true
    }

    /// No more items: the receiver's next `receive` past the last item gives nil.
    public func finish() { sent.signal() }

    /// The next item, waiting for it; nil once the sender has finished and every item
    /// has been received.
    public func receive() -> Element? {
        sent.wait()
        return take()
    }

    /// What `poll` found.
    public enum Polled {
        case item(Element)
        /// The sender has finished and every item has been received (as `receive`'s nil).
        case finished
        /// Nothing sent yet: `receive` would wait.
        case nothingYet
    }

    /// The next item if one has been sent, without waiting.
    public func poll() -> Polled {
        guard sent.wait(timeout: .now()) == .success else { return .nothingYet }
        return take().map { .item($0) } ?? .finished
    }

    /// After `sent` was taken: the first waiting item (making room for another), or nil
    /// for the end.
    private func take() -> Element? {
        let item = waiting.withLock { $0.isEmpty ? nil : $0.removeFirst() }
        if item != nil { room.signal() }
        return item
    }

    /// The receiver gives up: the sender's waiting `send` returns false.
    public func cancel() {
        cancelled.store(true, ordering: .releasing)
        room.signal()
    }
}
