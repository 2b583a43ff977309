import Synchronization

/// Work on a thread of its own that goes on until it is done or told to stop: a
/// warming thread (the data file's tail, the heap) or the commit's writeback starter.
/// `work` asks `isStopped` between its steps; `stop` tells it and waits for the
/// thread, so the work has ended when `stop` returns.
public final class StoppableTask: Sendable {
    private let flag = Flag()
    private let task: BackgroundTask<Void>

    private final class Flag: Sendable {
        let isSet = Atomic<Bool>(false)
    }

    public init(_ work: @escaping @Sendable (_ isStopped: () -> Bool) -> Void) {
        let flag = flag
        task = BackgroundTask { work { flag.isSet.load(ordering: .relaxed) } }
    }

    /// Tells the work to stop and waits for its thread (at most one more step).
    public func stop() {
        flag.isSet.store(true, ordering: .relaxed)
        task.wait()
    }
}
