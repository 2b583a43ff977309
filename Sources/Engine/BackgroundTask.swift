import Foundation
import Synchronization

/// Work run on a thread of its own while the caller goes on; `value()` waits for
/// it. A rebuild encodes its snapshots this way and `verify` checks the read models
/// beside the log: on two cores the second one does them.
final class BackgroundTask<Value: Sendable>: Sendable {
    private let result = Mutex<Result<Value, any Error>?>(nil)
    private let done = DispatchSemaphore(value: 0)

    init(_ work: @escaping @Sendable () throws -> Value) {
        let thread = Thread { [self] in
            let outcome = Result { try work() }
            result.withLock { $0 = outcome }
            done.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Waits for the work and gives its value, or throws its error.
    func value() throws -> Value {
        wait()
        return try result.withLock { $0! }.get()
    }

    /// Waits up to `timeout`; true when the work is done.
    @discardableResult
    func wait(timeout: DispatchTimeInterval? = nil) -> Bool {
        let finished = timeout.map { done.wait(timeout: .now() + $0) == .success } ?? {
            done.wait()
            return true
        }()
        if finished { done.signal() }  // so that later waits return at once
        return finished
    }
}
