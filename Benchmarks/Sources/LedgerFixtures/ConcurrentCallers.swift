import Foundation

/// Callers on threads of their own, as a server's request handlers would be: the
/// group-commit benchmarks start `threads` of them and wait until each has made
/// `callsEach` calls of `body(thread, call)`.
public enum ConcurrentCallers {
    public static func run(
        threads: Int, callsEach: Int, _ body: @escaping @Sendable (_ thread: Int, _ call: Int) throws -> Void
    ) throws {
        let group = DispatchGroup()
        let failure = FirstFailure()
        for thread in 0..<threads {
            group.enter()
            Thread {
                defer { group.leave() }
                do {
                    for call in 0..<callsEach { try body(thread, call) }
                } catch {
                    failure.keep(error)
                }
            }.start()
        }
        group.wait()
        if let error = failure.error { throw error }
    }
}

/// The first error any caller threw.
private final class FirstFailure: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: (any Error)?

    func keep(_ error: any Error) { lock.withLock { if stored == nil { stored = error } } }
    var error: (any Error)? { lock.withLock { stored } }
}
