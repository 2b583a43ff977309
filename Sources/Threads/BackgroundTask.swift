public import Dispatch
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Work run on a thread of its own while the caller goes on; `value()` waits for
/// it. A rebuild encodes its snapshots this way, `verify` checks the read models
/// beside the log, and a bulk append encodes its records beside LMDB's puts: on two
/// cores the second one does them.
public final class BackgroundTask<Value: Sendable>: Sendable {
    private let result = Mutex<Result<Value, any Error>?>(nil)
    private let done = DispatchSemaphore(value: 0)

    public init(_ work: @escaping @Sendable () throws -> Value) {
        let run: @Sendable () -> Void = { [self] in
            let outcome = Result { try work() }
            result.withLock { $0 = outcome }
            done.signal()
        }
        // A POSIX thread of its own (Foundation's `Thread` is not in FoundationEssentials),
        // detached: `value()` and `wait` wait on the semaphore, not on a join.
        let attributes = UnsafeMutablePointer<pthread_attr_t>.allocate(capacity: 1)
        pthread_attr_init(attributes)
        defer {
            pthread_attr_destroy(attributes)
            attributes.deallocate()
        }
        pthread_attr_setstacksize(attributes, 8 << 20)
        pthread_attr_setdetachstate(attributes, Int32(PTHREAD_CREATE_DETACHED))
        let context = Unmanaged.passRetained(ThreadBody(run)).toOpaque()
        var thread: pthread_t = 0
        let code = pthread_create(&thread, attributes, { context in
            let body = Unmanaged<ThreadBody>.fromOpaque(context!).takeRetainedValue()
            body.run()
            return nil
        }, context)
        if code != 0 {
            // No thread to be had: do the work here, before the caller goes on.
            Unmanaged<ThreadBody>.fromOpaque(context).release()
            run()
        }
    }

    /// Waits for the work and gives its value, or throws its error.
    public func value() throws -> Value {
        wait()
        return try result.withLock { $0! }.get()
    }

    /// Waits up to `timeout`; true when the work is done.
    @discardableResult
    public func wait(timeout: DispatchTimeInterval? = nil) -> Bool {
        let finished = timeout.map { done.wait(timeout: .now() + $0) == .success } ?? {
            done.wait()
            return true
        }()
        if finished { done.signal() }  // so that later waits return at once
        return finished
    }
}

/// The closure a thread runs, passed to `pthread_create` as its context.
private final class ThreadBody: Sendable {
    let run: @Sendable () -> Void

    init(_ run: @escaping @Sendable () -> Void) {
        self.run = run
    }
}
